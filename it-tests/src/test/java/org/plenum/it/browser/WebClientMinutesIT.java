package org.plenum.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;
import org.plenum.it.support.Api;
import org.plenum.it.support.PluginAdmin;
import org.plenum.it.support.SignedPlugins;
import org.plenum.it.support.TestRun;
import org.plenum.it.support.browser.Axe;
import org.plenum.it.support.browser.BrowserSessions;
import org.plenum.it.support.browser.PlenumPage;

/**
 * Issue 6, the main flow of the minutes in the browser: the signed minutes bundle is installed over the admin API and
 * enabled for Erfurt; a chair, a minute-taker and a reader (local accounts) meet in three headless Chromiums. The chair
 * starts the minutes and sets the agenda in the plugin's side panel and appoints the taker; the taker writes a
 * section and the reader sees it appear; the chair revokes the taker and the taker's editor turns read-only at once;
 * appointed again, taker and chair approve, and the finalised PDF is loaded in the browser and checked against its
 * stored hash. axe-core audits the panel as the chair and as the reader sees it.
 */
@ExtendWith(TestRun.Extension.class)
class WebClientMinutesIT {

    private static final String PASSWORD = "correct-horse-battery";
    private static final String ROOM = "Gemeinderat Niederschrift";

    @RegisterExtension
    final BrowserSessions browsers = new BrowserSessions();

    private final TestRun run;
    private final List<PlenumPage> pages = new ArrayList<>();

    WebClientMinutesIT(TestRun run) {
        this.run = run;
    }

    @Test
    void theChairSetsTheAgendaTheTakerWritesTheReaderFollowsLiveRevokingIsImmediateAndApprovalGivesAPdf() throws Exception {
        Api api = run.api;
        String admin = api.post("/api/v1/auth/login", null, Map.of("username", "admin", "password", TestRun.ADMIN_PASSWORD)).text("access_token");
        PluginAdmin plugins = new PluginAdmin(run, admin);
        HttpResponse<String> installed = plugins.upload(SignedPlugins.jar("minutes"));
        assertThat(installed.statusCode()).as(installed.body()).isEqualTo(201);
        assertThat(installed.body()).contains("/plugins/minutes/ui/minutes.js");
        try {
            plugins.enableFor(run.erfurtTenantId, "minutes");
            account(api, admin, "web-minutes-chair", "Vorsitz Vollmer", "moderator");
            account(api, admin, "web-minutes-taker", "Schriftführer Schulz", "member");
            account(api, admin, "web-minutes-reader", "Ratsmitglied Richter", "member");

            PlenumPage chair = page("minutes-chair");
            chair.open("/");
            chair.loginLocal("web-minutes-chair", PASSWORD);
            chair.joinFromRooms(chair.createRoom(ROOM));
            PlenumPage taker = member("minutes-taker", "web-minutes-taker");
            PlenumPage reader = member("minutes-reader", "web-minutes-reader");

            // the chair opens the panel (labelled by the plugin's catalog), starts the minutes and sets the agenda
            WebElement open = chair.testid("plugin-panel-minutes");
            assertThat(open.getText()).isEqualTo("Minutes");
            open.click();
            chair.testid("minutes-title").sendKeys("Niederschrift der 3. Sitzung");
            chair.testid("minutes-create").click();
            chair.testid("minutes-item-title").sendKeys("Bericht des Bürgermeisters");
            chair.testid("minutes-item-add").click();
            agendaIs(chair, "i1");
            chair.testid("minutes-item-title").sendKeys("Grundstücksangelegenheit");
            chair.testid("minutes-item-public").click(); // not public
            chair.testid("minutes-item-add").click();
            agendaIs(chair, "i1,i2");
            assertThat(chair.element("[data-testid=minutes-item][data-item-id=i2]").getAttribute("data-public")).isEqualTo("false");
            chair.testid("minutes-up-i2").click();
            agendaIs(chair, "i2,i1");
            chair.testid("minutes-down-i2").click();
            agendaIs(chair, "i1,i2");

            // the reader follows along, read-only
            reader.testid("plugin-panel-minutes").click();
            reader.testid("minutes-read-only");
            assertThat(reader.present("[data-testid=minutes-editor-i1]")).as("a reader has no editor").isFalse();
            assertThat(reader.present("[data-testid=minutes-appoint]")).as("only the chair appoints").isFalse();

            // the chair appoints the taker, whose panel turns into an editor
            taker.testid("plugin-panel-minutes").click();
            taker.testid("minutes-read-only");
            pick(chair, "minutes-appoint-who", "Schriftführer Schulz");
            chair.testid("minutes-appoint").click();
            chair.element("[data-testid=minutes-taker]");
            taker.testid("minutes-can-edit");
            taker.testid("minutes-editor-i1").sendKeys("Der Bürgermeister berichtet über den Haushalt 2027.");
            taker.testid("minutes-save-i1").click();
            reader.until("the section, live", PlenumPage.SCREEN,
                    "const t = find(document, '[data-testid=minutes-text-i1]'); return t && t.textContent.includes('Haushalt 2027');");
            reader.until("the update said in the panel's live region", PlenumPage.SCREEN,
                    "const s = find(document, '[data-testid=minutes-status]'); return s && s.getAttribute('role') === 'status' && s.textContent.includes('Schulz');");
            taker.screenshot("web-minutes-taker-editing");
            reader.screenshot("web-minutes-reader-live");
            Axe.audit(reader.browser(), "plugin-minutes-reader");
            chair.screenshot("web-minutes-chair");
            Axe.audit(chair.browser(), "plugin-minutes-chair");

            // revoked while typing: the editor is read-only at once, the unsaved text stays visible
            taker.testid("minutes-editor-i1").sendKeys(" Nachtrag, nicht gespeichert.");
            chair.testid("minutes-revoke").click();
            taker.until("the editor read-only", PlenumPage.SCREEN, """
                    const e = find(document, '[data-testid=minutes-editor-i1]');
                    return !!find(document, '[data-testid=minutes-read-only]') && e && e.readOnly && e.value.includes('Nachtrag')
                        && !findAll(document, 'textarea').some(x => !x.readOnly) && !find(document, '[data-testid=minutes-save-i1]');
                    """);
            taker.awaitAnnouncement("revoked");
            taker.screenshot("web-minutes-taker-revoked");
            reader.until("the saved text only", PlenumPage.SCREEN,
                    "const t = find(document, '[data-testid=minutes-text-i1]'); return t && !t.textContent.includes('Nachtrag');");

            // appointed again: both approve the same revision, the version is finalised
            pick(chair, "minutes-appoint-who", "Schriftführer Schulz");
            chair.testid("minutes-appoint").click();
            taker.testid("minutes-can-edit");
            String revision = sameContentRevision(chair, taker);
            chair.testid("minutes-approve-chair").click();
            taker.until("the chair's approval of revision " + revision, PlenumPage.SCREEN,
                    "const a = find(document, '[data-testid=minutes-approval-chair]'); return a && a.getAttribute('data-approved') === 'true';");
            taker.testid("minutes-approve-taker").click();
            for (PlenumPage p : new PlenumPage[] {chair, taker, reader}) {
                p.element("[data-testid=minutes-final][data-version='1']");
            }

            // the full PDF, loaded with the chair's credentials and checked against the hash stored at finalisation
            chair.testid("minutes-load-pdf").click();
            chair.until("the verified PDF", PlenumPage.SCREEN,
                    "const a = find(document, '[data-testid=minutes-pdf]'); return a && a.getAttribute('data-verified') === 'true' && a.href.startsWith('blob:');");
            String head = (String) chair.browser().await("""
                    const find = (root, sel) => { const hit = root.querySelector(sel); if (hit) return hit;
                      for (const el of root.querySelectorAll('*')) { if (el.shadowRoot) { const i = find(el.shadowRoot, sel); if (i) return i; } } return null; };
                    const href = find(document, '[data-testid=minutes-public-pdf]').getAttribute('href');
                    const r = await fetch(href);
                    const b = new Uint8Array(await r.arrayBuffer());
                    return r.headers.get('content-type') + ' ' + String.fromCharCode(...b.slice(0, 5));
                    """);
            assertThat(head).startsWith("application/pdf").endsWith(" %PDF-");
            String publicHref = (String) reader.js("return find(document, '[data-testid=minutes-public-pdf]').getAttribute('href');");
            HttpResponse<byte[]> publicPdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(run.server.url().resolve(URI.create(publicHref))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(publicPdf.statusCode()).isEqualTo(200);
            assertThat(new String(publicPdf.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
            chair.screenshot("web-minutes-finalised");
            Axe.audit(chair.browser(), "plugin-minutes-finalised");

            // the revision history, read through the host's REST access
            reader.testid("minutes-history-toggle").click();
            reader.until("the history with the approvals", PlenumPage.SCREEN,
                    "const h = find(document, '[data-testid=minutes-history]'); return h && h.textContent.includes('finalised') && h.textContent.includes('taker_revoked');");
            reader.screenshot("web-minutes-history");

            // in German: the reader switches the client's language, the panel follows (button, read-only notice, PDFs)
            reader.testid("toggle-settings").click();
            reader.js("""
                    const s = find(document, '#set-lang'); s.value = 'de'; s.dispatchEvent(new Event('change', { bubbles: true }));
                    """);
            reader.until("the panel button in German", PlenumPage.SCREEN,
                    "const b = find(document, '[data-testid=plugin-panel-minutes]'); return b && b.textContent.trim() === 'Protokoll';");
            reader.testid("plugin-panel-minutes").click();
            reader.until("the panel in German", PlenumPage.SCREEN, """
                    const r = find(document, '[data-testid=minutes-read-only]'); const p = find(document, '[data-testid=minutes-public-pdf]');
                    return r && r.textContent.includes('Nur lesen') && p && p.textContent.includes('Öffentliche Fassung');
                    """);
            reader.screenshot("web-minutes-reader-de");
            Axe.audit(reader.browser(), "plugin-minutes-reader-de");
            for (PlenumPage p : new PlenumPage[] {chair, taker, reader}) {
                assertThat(p.browser().consoleLog()).as(p.name() + ": no CSP violations from the plugin's module")
                        .noneMatch(l -> l.contains("Content Security Policy"));
            }
        } catch (AssertionError | RuntimeException e) {
            // what each panel showed, before the plugin is removed (the extension's screenshots come after that)
            for (PlenumPage p : pages) {
                p.screenshot("web-minutes-failed-" + p.name());
                e.addSuppressed(new AssertionError(p.name() + "'s minutes panel: "
                        + p.js("const m = find(document, 'minutes-panel'); return m && m.shadowRoot ? m.shadowRoot.textContent : 'no panel';")));
            }
            throw e;
        } finally {
            plugins.remove("minutes");
        }
    }

    private PlenumPage page(String name) {
        PlenumPage p = new PlenumPage(browsers.start(name), run.server.url());
        pages.add(p);
        return p;
    }

    private PlenumPage member(String browser, String username) {
        PlenumPage p = page(browser);
        p.open("/");
        p.loginLocal(username, PASSWORD);
        p.joinFromRooms(p.room(ROOM));
        return p;
    }

    private void account(Api api, String admin, String username, String displayName, String role) {
        Api.Reply r = api.post("/api/v1/tenants/" + run.erfurtTenantId + "/users", admin,
                Map.of("username", username, "password", PASSWORD, "displayName", displayName, "role", role));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    /** Chooses the option of a select (in a shadow root) by its text, as picking it from the list would. */
    private static void pick(PlenumPage p, String testid, String text) {
        p.until("the option " + text, PlenumPage.SCREEN, """
                const s = find(document, '[data-testid=' + arguments[0] + ']');
                const o = s && [...s.options].find(x => x.textContent.trim() === arguments[1]);
                if (!o) return null;
                s.value = o.value;
                s.dispatchEvent(new Event('change', { bubbles: true }));
                return o.value;
                """, testid, text);
    }

    private static void agendaIs(PlenumPage p, String ids) {
        p.until("the agenda " + ids, PlenumPage.SCREEN, """
                const a = find(document, '[data-testid=minutes-agenda]');
                return a && [...a.querySelectorAll('[data-testid=minutes-item]')].map(i => i.getAttribute('data-item-id')).join(',') === arguments[0];
                """, ids);
    }

    /** Waits until chair and taker show the same content revision (arrivals may still be coming in) and returns it. */
    private static String sameContentRevision(PlenumPage chair, PlenumPage taker) {
        String script = "const a = find(document, '[data-testid=minutes-approval]'); return a ? a.getAttribute('data-content-revision') : null;";
        return (String) chair.until("the same content revision for chair and taker", PlenumPage.SCREEN, """
                const a = find(document, '[data-testid=minutes-approval]');
                return a && a.getAttribute('data-content-revision') === arguments[0] ? arguments[0] : null;
                """, taker.until("the taker's content revision", PlenumPage.SCREEN, script));
    }
}
