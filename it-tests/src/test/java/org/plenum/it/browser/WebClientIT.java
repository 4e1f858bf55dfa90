package org.plenum.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;
import org.plenum.it.support.Await;
import org.plenum.it.support.TestRun;
import org.plenum.it.support.browser.BrowserSession;
import org.plenum.it.support.browser.BrowserSessions;

/**
 * The web client as the built distribution serves it, in headless Chromium with the fake camera: the local admin
 * logs in, creates a room, passes the pre-join screen with a live preview and sees their own video in the meeting.
 * Screenshots of each screen go to {@code target/screenshots/web-*.png}.
 *
 * <p>Elements are found by {@code data-testid} through every shadow root (the client is made of Lit components),
 * and driven with real clicks and key presses.
 */
@ExtendWith(TestRun.Extension.class)
class WebClientIT {

    private static final Duration SCREEN = Duration.ofSeconds(20);

    /** Finds the first element matching a CSS selector in the document or any shadow root, or null. */
    private static final String DEEP_QUERY = """
            const find = (root, sel) => {
              const hit = root.querySelector(sel);
              if (hit) return hit;
              for (const el of root.querySelectorAll('*')) {
                if (el.shadowRoot) { const inner = find(el.shadowRoot, sel); if (inner) return inner; }
              }
              return null;
            };
            """;

    @RegisterExtension
    final BrowserSessions browsers = new BrowserSessions();

    private final TestRun run;

    WebClientIT(TestRun run) {
        this.run = run;
    }

    @Test
    void adminLogsInCreatesARoomAndSeesTheirOwnCameraInTheMeeting() {
        BrowserSession chrome = browsers.start("web-admin");
        chrome.open(run.server.url().resolve("/"));

        // start page: local login (OIDC buttons are there too, this server trusts two realms)
        WebElement username = element(chrome, "[data-testid=login-username]");
        assertThat(element(chrome, "[data-testid=login-oidc-erfurt]").getText()).contains("erfurt");
        chrome.screenshot("web-login");
        username.sendKeys("admin");
        element(chrome, "[data-testid=login-password]").sendKeys(TestRun.ADMIN_PASSWORD);
        element(chrome, "[data-testid=login-submit]").click();

        // rooms: create one
        element(chrome, "[data-testid=room-create-open]").click();
        element(chrome, "[data-testid=room-title]").sendKeys("Ratssitzung Web");
        chrome.screenshot("web-room-create");
        element(chrome, "[data-testid=room-create-submit]").click();
        WebElement room = Await.until("the new room in the list", SCREEN, () -> Optional.ofNullable(
                (WebElement) chrome.execute(DEEP_QUERY + """
                        const list = find(document, '[data-testid=room-list]');
                        if (!list) return null;
                        return [...list.querySelectorAll('[data-testid=room]')].find(r => r.textContent.includes('Ratssitzung Web')) || null;
                        """)));
        assertThat(chrome.execute("return location.pathname")).isEqualTo("/rooms");
        chrome.screenshot("web-rooms");
        room.findElement(org.openqa.selenium.By.cssSelector("[data-testid=room-join]")).click();

        // pre-join: the fake camera in the preview, the microphone level meter
        awaitPlaying(chrome, "[data-testid=prejoin-preview]", "the camera preview");
        assertThat((String) chrome.execute("return location.pathname")).startsWith("/r/");
        chrome.screenshot("web-prejoin");
        element(chrome, "[data-testid=prejoin-join]").click();

        // meeting: own camera in the self view, the title, the controls
        WebElement title = element(chrome, "[data-testid=meeting-title]");
        assertThat(title.getText()).contains("Ratssitzung Web");
        Await.until("the self view to show the camera", SCREEN, () -> Optional.ofNullable(chrome.execute(DEEP_QUERY + """
                const tile = find(document, '[data-testid=tile-self]');
                const video = tile && tile.querySelector('video');
                return video && video.videoWidth > 0 && video.currentTime > 0 ? true : null;
                """)));
        assertThat(element(chrome, "[data-testid=toggle-mic]").getAttribute("aria-pressed")).isEqualTo("false");
        chrome.screenshot("web-meeting");

        // the chat panel opens from the toolbar and a message shows up
        element(chrome, "[data-testid=toggle-chat]").click();
        element(chrome, "[data-testid=chat-input]").sendKeys("Guten Morgen\n");
        Await.until("the own chat message", SCREEN, () -> Optional.ofNullable(chrome.execute(DEEP_QUERY + """
                const m = find(document, '[data-testid=chat-message]');
                return m && m.textContent.includes('Guten Morgen') ? true : null;
                """)));
        chrome.screenshot("web-meeting-chat");

        List<String> console = chrome.consoleLog();
        assertThat(console).as("no Content-Security-Policy violations").noneMatch(l -> l.contains("Content Security Policy"));

        element(chrome, "[data-testid=leave]").click();
        element(chrome, "[data-testid=meeting-ended]");
        chrome.screenshot("web-left");
    }

    @Test
    void aGuestFollowsTheInviteWaitsIsAdmittedAndBothSeeEachOther() {
        BrowserSession host = browsers.start("web-host");
        host.open(run.server.url().resolve("/"));
        element(host, "[data-testid=login-username]").sendKeys("admin");
        element(host, "[data-testid=login-password]").sendKeys(TestRun.ADMIN_PASSWORD);
        element(host, "[data-testid=login-submit]").click();
        element(host, "[data-testid=room-create-open]").click();
        element(host, "[data-testid=room-title]").sendKeys("Bürgersprechstunde");
        element(host, "[data-testid=room-create-submit]").click();
        WebElement room = Await.until("the new room", SCREEN, () -> Optional.ofNullable((WebElement) host.execute(DEEP_QUERY + """
                const list = find(document, '[data-testid=room-list]');
                return list && [...list.querySelectorAll('[data-testid=room]')].find(r => r.textContent.includes('Bürgersprechstunde')) || null;
                """)));
        room.findElement(org.openqa.selenium.By.cssSelector("[data-testid=room-invite]")).click();
        String invite = Await.until("the invite link", SCREEN, () -> Optional.ofNullable((String) host.execute(DEEP_QUERY + """
                const a = find(document, '[data-testid=room-invite-url]');
                return a ? a.getAttribute('href') : null;
                """)));
        assertThat(invite).contains("/join/");
        host.screenshot("web-rooms-invite");
        room.findElement(org.openqa.selenium.By.cssSelector("[data-testid=room-join]")).click();
        element(host, "[data-testid=prejoin-join]").click();
        element(host, "[data-testid=meeting-title]");

        // the guest: name, pre-join, waiting room
        BrowserSession guest = browsers.start("web-guest");
        guest.open(java.net.URI.create(invite));
        element(guest, "[data-testid=guest-name]").sendKeys("Gast Gerda");
        guest.screenshot("web-guest-join");
        element(guest, "[data-testid=guest-continue]").click();
        awaitPlaying(guest, "[data-testid=prejoin-preview]", "the guest's camera preview");
        element(guest, "[data-testid=prejoin-join]").click();
        element(guest, "[data-testid=waiting-text]");
        guest.screenshot("web-waiting");

        // the moderator sees the request (and it was announced) and admits
        Await.until("the waiting-room announcement", SCREEN, () -> Optional.ofNullable(host.execute(DEEP_QUERY + """
                const live = document.querySelector('[data-testid=live-assertive]');
                return live && live.textContent.includes('Gast Gerda') ? true : null;
                """)));
        element(host, "[data-testid=toggle-participants]").click();
        element(host, "[data-testid=admit]");
        host.screenshot("web-moderator-waiting-list");
        element(host, "[data-testid=admit]").click();

        // both see the other's camera through the SFU
        element(guest, "[data-testid=meeting-title]");
        for (BrowserSession b : List.of(host, guest)) {
            Await.until(b.name() + " sees the other's video", Duration.ofSeconds(30), () -> Optional.ofNullable(b.execute(DEEP_QUERY + """
                    const all = [];
                    const walk = (root) => { root.querySelectorAll('[data-testid=tile-camera]').forEach(t => all.push(t));
                      root.querySelectorAll('*').forEach(e => e.shadowRoot && walk(e.shadowRoot)); };
                    walk(document);
                    return all.some(t => { const v = t.querySelector('video'); return v && v.videoWidth > 0 && v.currentTime > 0; }) ? true : null;
                    """)));
        }
        host.screenshot("web-meeting-two");
        guest.screenshot("web-meeting-guest");
    }

    /** Waits for an element (through shadow roots) and returns it. */
    private static WebElement element(BrowserSession chrome, String selector) {
        return Await.until(selector, SCREEN, () -> Optional.ofNullable((WebElement) chrome.execute(DEEP_QUERY + "return find(document, arguments[0]);", selector)));
    }

    private static void awaitPlaying(BrowserSession chrome, String selector, String what) {
        Await.until(what + " to play", SCREEN, () -> Optional.ofNullable(chrome.execute(DEEP_QUERY + """
                const v = find(document, arguments[0]);
                return v && v.videoWidth > 0 && v.currentTime > 0 ? true : null;
                """, selector)));
    }
}
