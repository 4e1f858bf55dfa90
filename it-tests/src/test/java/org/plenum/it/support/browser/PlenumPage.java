package org.plenum.it.support.browser;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.plenum.it.support.Api;
import org.plenum.it.support.Await;

/**
 * The Plenum web client in one browser, as a user drives it: elements by {@code data-testid} through every shadow root
 * (the client is made of Lit components), real clicks and key presses, and what the client shows.
 *
 * <pre>{@code
 * PlenumPage chair = new PlenumPage(browsers.start("chair"), run.server.url());
 * chair.open("/");
 * chair.loginLocal("admin", TestRun.ADMIN_PASSWORD);
 * WebElement room = chair.createRoom("Ratssitzung");
 * }</pre>
 * Pages are opened with {@code ?plenum-debug}, so {@code window.__plenum.stats()} (docs/web-client.md) is there.
 */
public final class PlenumPage {

    public static final Duration SCREEN = Duration.ofSeconds(20);
    public static final Duration MEDIA = Duration.ofSeconds(30);

    /** Finds the first element matching a CSS selector in the document or any shadow root, or null; and all of them. */
    public static final String DEEP_QUERY = """
            const find = (root, sel) => {
              const hit = root.querySelector(sel);
              if (hit) return hit;
              for (const el of root.querySelectorAll('*')) {
                if (el.shadowRoot) { const inner = find(el.shadowRoot, sel); if (inner) return inner; }
              }
              return null;
            };
            const findAll = (root, sel, out = []) => {
              root.querySelectorAll(sel).forEach(e => out.push(e));
              root.querySelectorAll('*').forEach(e => e.shadowRoot && findAll(e.shadowRoot, sel, out));
              return out;
            };
            const deepActive = () => { let a = document.activeElement; while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement; return a; };
            """;

    private final BrowserSession browser;
    private final URI base;

    public PlenumPage(BrowserSession browser, URI base) {
        this.browser = browser;
        this.base = base;
    }

    public BrowserSession browser() {
        return browser;
    }

    public String name() {
        return browser.name();
    }

    /** Opens a path of the server (or an absolute URL) with the debug flag. */
    public void open(String pathOrUrl) {
        URI target = pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : base.resolve(pathOrUrl);
        String url = target.toString();
        browser.open(URI.create(url + (url.contains("?") ? "&" : "?") + "plenum-debug"));
    }

    public Object js(String script, Object... args) {
        return browser.execute(DEEP_QUERY + script, args);
    }

    /** Waits for an element (through shadow roots) and returns it. */
    public WebElement element(String selector) {
        return Await.until(name() + ": " + selector, SCREEN, () -> Optional.ofNullable((WebElement) js("return find(document, arguments[0]);", selector)));
    }

    public WebElement testid(String id) {
        return element("[data-testid=" + id + "]");
    }

    /** Whether an element is there right now (no waiting). */
    public boolean present(String selector) {
        return js("return !!find(document, arguments[0]);", selector) instanceof Boolean b && b;
    }

    /** Waits until a script (with the deep-query helpers) returns something other than null or false. */
    public Object until(String what, Duration timeout, String script, Object... args) {
        return Await.until(name() + ": " + what, timeout, () -> {
            Object v = js(script, args);
            return v == null || Boolean.FALSE.equals(v) ? Optional.empty() : Optional.of(v);
        });
    }

    public void screenshot(String file) {
        browser.screenshot(file);
    }

    // ------------------------------------------------------------------ screens

    public void loginLocal(String username, String password) {
        testid("login-username").sendKeys(username);
        testid("login-password").sendKeys(password);
        testid("login-submit").click();
        testid("room-create-open");
    }

    /**
     * Logs in with the login screen's button for {@code issuer}: the browser goes to Keycloak (authorization code + PKCE),
     * the person types their name and password there, and comes back to the rooms.
     */
    public void loginOidc(String issuer, String username, String password) {
        testid("login-oidc-" + issuer).click();
        WebElement user = Await.until(name() + ": Keycloak's login form", SCREEN,
                () -> browser.driver().findElements(By.id("username")).stream().findFirst());
        screenshot("web-keycloak-login");
        user.sendKeys(username);
        browser.driver().findElement(By.id("password")).sendKeys(password);
        browser.driver().findElement(By.id("kc-login")).click();
        testid("room-create-open");
    }

    /**
     * A new moderator account of the tenant (created over the admin API) logs in here, creates a room titled
     * {@code title} and joins it; returns the room's invite link for guests.
     */
    public String hostNewRoomAsNewModerator(Api api, String adminToken, String tenantId, String username, String displayName,
                                            String title) {
        String password = "correct-horse-battery";
        Api.Reply user = api.post("/api/v1/tenants/" + tenantId + "/users", adminToken,
                Map.of("username", username, "password", password, "displayName", displayName, "role", "moderator"));
        if (user.status() != 201) {
            throw new AssertionError("creating the moderator " + username + " failed: " + user);
        }
        open("/");
        loginLocal(username, password);
        WebElement room = createRoom(title);
        String invite = invite(room);
        joinFromRooms(room);
        return invite;
    }

    /** In the (open) participants panel, admits the first person in the waiting list. */
    public void admitFirstWaiting() {
        element("[data-testid=waiting-person] [data-testid=admit]").click();
    }

    /** Creates a room on the rooms page and returns its list entry. */
    public WebElement createRoom(String title) {
        testid("room-create-open").click();
        testid("room-title").sendKeys(title);
        testid("room-create-submit").click();
        return room(title);
    }

    public WebElement room(String title) {
        return Await.until(name() + ": the room " + title, SCREEN, () -> Optional.ofNullable((WebElement) js("""
                const list = find(document, '[data-testid=room-list]');
                return list && [...list.querySelectorAll('[data-testid=room]')].find(r => r.textContent.includes(arguments[0])) || null;
                """, title)));
    }

    /** Clicks "invite" on a room and returns the link the client shows (and copied). */
    public String invite(WebElement room) {
        room.findElement(By.cssSelector("[data-testid=room-invite]")).click();
        return (String) until("the invite link", SCREEN, """
                const a = find(document, '[data-testid=room-invite-url]');
                return a ? a.getAttribute('href') : null;
                """);
    }

    /** From the rooms page: join, pass the pre-join screen (camera preview playing), into the meeting. */
    public void joinFromRooms(WebElement room) {
        room.findElement(By.cssSelector("[data-testid=room-join]")).click();
        awaitPlaying("[data-testid=prejoin-preview]");
        testid("prejoin-join").click();
        testid("meeting-title");
    }

    /** From the rooms page into the meeting with the camera off and audio only (sends and receives no video). */
    public void joinFromRoomsAudioOnly(WebElement room) {
        room.findElement(By.cssSelector("[data-testid=room-join]")).click();
        testid("prejoin-camera-off").click();
        testid("prejoin-audio-only").click();
        testid("prejoin-join").click();
        testid("meeting-title");
    }

    /** A guest: invite link, name, pre-join; returns when the waiting screen or the meeting shows. */
    public void joinAsGuest(String inviteUrl, String displayName) {
        open(inviteUrl);
        testid("guest-name").sendKeys(displayName);
        testid("guest-continue").click();
        awaitPlaying("[data-testid=prejoin-preview]");
        testid("prejoin-join").click();
        until("the waiting screen or the meeting", SCREEN, "return find(document, '[data-testid=waiting-text]') || find(document, '[data-testid=meeting-title]');");
    }

    public void awaitPlaying(String selector) {
        until(selector + " to play", SCREEN, """
                const v = find(document, arguments[0]);
                return v && v.videoWidth > 0 && v.currentTime > 0;
                """, selector);
    }

    /** The participant id of the person called {@code displayName}, from the participants list (which must be open). */
    public String participantId(String displayName) {
        return (String) until("the participant " + displayName, SCREEN, """
                const p = findAll(document, '[data-testid=participant]').find(e => e.textContent.includes(arguments[0]));
                return p ? p.getAttribute('data-participant-id') : null;
                """, displayName);
    }

    /** A control inside the participants list entry of {@code participantId} ({@code mute}, {@code kick}, …). */
    public WebElement participantControl(String participantId, String control) {
        return element("[data-testid=participant][data-participant-id='" + participantId + "'] [data-testid=" + control + "]");
    }

    /** Whether a live region (polite or assertive) has said something containing {@code text}. */
    public void awaitAnnouncement(String text) {
        until("the announcement '" + text + "'", SCREEN, """
                return [...document.querySelectorAll('[data-testid^=live-]')].some(r => r.textContent.includes(arguments[0]));
                """, text);
    }

    /**
     * Waits until the live regions have said something containing {@code text} at least {@code times} times (they keep
     * their last lines), for something said again later in a test.
     */
    public void awaitAnnouncement(String text, int times) {
        until(times + " × the announcement '" + text + "'", SCREEN, """
                return [...document.querySelectorAll('[data-testid^=live-] > *')].filter(l => l.textContent.includes(arguments[0])).length
                    >= arguments[1];
                """, text, times);
    }

    /**
     * From now on, keeps every line the live regions say in {@code window.__heard} (the regions keep only their last
     * five lines): for a test that must show something was never said, such as a leave.
     */
    public void recordAnnouncements() {
        js("""
                if (window.__heard) return;
                window.__heard = [];
                const watch = r => new MutationObserver(changes => changes.forEach(c => c.addedNodes.forEach(n => window.__heard.push(n.textContent))))
                    .observe(r, { childList: true });
                const regions = () => document.querySelectorAll('[data-testid^=live-]');
                regions().forEach(watch);
                // the regions are created with the first announcement: watch the body until both are there
                new MutationObserver(changes => changes.forEach(c => c.addedNodes.forEach(n => n.dataset && n.dataset.testid && n.dataset.testid.startsWith('live-') && watch(n))))
                    .observe(document.body, { childList: true });
                """);
    }

    /** What the live regions said since {@link #recordAnnouncements()}. */
    @SuppressWarnings("unchecked")
    public List<String> announcements() {
        return (List<String>) js("return window.__heard ? window.__heard.slice() : null;");
    }

    /** The signaling state the client reports ({@code joined}, {@code reconnecting}, {@code closed} …; docs/web-client.md). */
    public String connection() {
        return (String) js("return window.__plenum.connection();");
    }

    // ------------------------------------------------------------------ media, through window.__plenum.stats()

    /** What this browser receives, per participant and source (docs/web-client.md, "For end-to-end tests"). */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> received() {
        return (List<Map<String, Object>>) browser.await("return await window.__plenum.stats();");
    }

    private long sum(String participantId, String source, String kind, String field) {
        return received().stream()
                .filter(s -> participantId.equals(s.get("participantId")) && (source == null || source.equals(s.get("source"))) && kind.equals(s.get("kind")))
                .mapToLong(s -> s.get(field) instanceof Number n ? n.longValue() : 0).sum();
    }

    private long max(String participantId, String source, String field) {
        return received().stream()
                .filter(s -> participantId.equals(s.get("participantId")) && source.equals(s.get("source")) && "video".equals(s.get("kind")))
                .mapToLong(s -> s.get(field) instanceof Number n ? n.longValue() : 0).max().orElse(0);
    }

    /** Waits until video of {@code source} ({@code camera}, {@code screen}) from the participant is decoded here, frames still coming. */
    public void awaitVideoFrom(String participantId, String source) {
        long first = Await.until(name() + " decodes " + source + " video of " + participantId, MEDIA, () -> {
            long frames = sum(participantId, source, "video", "framesDecoded");
            return frames > 10 && max(participantId, source, "frameWidth") > 0 ? Optional.of(frames) : Optional.empty();
        });
        Await.until(name() + " keeps decoding " + source + " video of " + participantId, MEDIA,
                () -> sum(participantId, source, "video", "framesDecoded") > first + 10 ? Optional.of(true) : Optional.empty());
    }

    /** Waits until audio of the participant is received and played out here (samples keep growing). */
    public void awaitAudioFrom(String participantId) {
        long first = Await.until(name() + " receives audio of " + participantId, MEDIA, () -> {
            long samples = sum(participantId, null, "audio", "totalSamplesReceived");
            return samples > 48_000 ? Optional.of(samples) : Optional.empty();
        });
        Await.until(name() + " keeps receiving audio of " + participantId, MEDIA,
                () -> sum(participantId, null, "audio", "totalSamplesReceived") > first + 48_000 ? Optional.of(true) : Optional.empty());
    }

    /** This browser's own participant id (from the self tile). */
    public String selfId() {
        return (String) until("the self tile", SCREEN, """
                const t = find(document, '[data-testid=tile-self]');
                return t ? t.getAttribute('data-participant-id') : null;
                """);
    }
}
