package org.plenum.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.plenum.it.support.PluginAdmin;
import org.plenum.it.support.SignedPlugins;
import org.plenum.it.support.TestRun;
import org.plenum.it.support.browser.Axe;
import org.plenum.it.support.browser.BrowserSessions;
import org.plenum.it.support.browser.PlenumPage;

/**
 * Issue 5, "recording started": nobody is recorded unnoticed. The signed test plugin {@code recorder}
 * ({@code plugins/recorder-fixture}) declares a recording when the chair presses its toolbar button; the core tells
 * everyone, and the web client shows a persistent indicator (icon and words) and says it in the live region. A guest
 * sees it appear and go; a late joiner sees it on the waiting screen and at once in the meeting; disabling the plugin
 * for the tenant and uninstalling it end the indicator, because the recording ends with the plugin's module.
 */
@ExtendWith(TestRun.Extension.class)
class WebClientRecordingIT {

    private static final String INDICATOR = "[data-testid=recording-indicator]";

    @RegisterExtension
    final BrowserSessions browsers = new BrowserSessions();

    private final TestRun run;

    WebClientRecordingIT(TestRun run) {
        this.run = run;
    }

    @Test
    void everyoneSeesAndHearsWhenARecordingStartsAndEndsAndItEndsWithThePlugin() throws Exception {
        PluginAdmin plugins = PluginAdmin.asServerAdmin(run);
        plugins.installFor(SignedPlugins.jar("recorder-fixture"), run.erfurtTenantId, "recorder");
        try {
            PlenumPage chair = new PlenumPage(browsers.start("rec-chair"), run.server.url());
            String invite = chair.hostNewRoomAsNewModerator(run.api, plugins.token(), run.erfurtTenantId, "web-rec-chair", "Vorsitz Reuter",
                    "Stadtrat mit Aufzeichnung");
            PlenumPage guest = new PlenumPage(browsers.start("rec-guest"), run.server.url());
            guest.joinAsGuest(invite, "Gast Greta");
            chair.testid("toggle-participants").click();
            chair.admitFirstWaiting();
            guest.testid("meeting-title");
            assertThat(guest.present(INDICATOR)).as("nothing recorded yet").isFalse();
            assertThat(guest.present("[data-testid=recorder-start]")).as("no recording button for a guest").isFalse();

            // the chair starts it: both see the indicator and are told
            chair.testid("recorder-start").click();
            for (PlenumPage p : new PlenumPage[] {chair, guest}) {
                awaitIndicator(p, "Recording in progress", "Testaufnahme");
                p.awaitAnnouncement("Recording has started.");
            }
            guest.screenshot("web-recording-guest");
            chair.screenshot("web-recording-chair");
            Axe.audit(guest.browser(), "meeting-recording");

            // a late joiner: told on the waiting screen, and the meeting shows it from the first frame
            PlenumPage late = new PlenumPage(browsers.start("rec-late"), run.server.url());
            late.joinAsGuest(invite, "Gast Gustav");
            late.until("the recording on the waiting screen", PlenumPage.SCREEN,
                    "const w = find(document, '[data-testid=waiting-recording]'); return w && w.textContent.includes('being recorded');");
            late.awaitAnnouncement("This meeting is being recorded: Testaufnahme.");
            late.screenshot("web-recording-waiting");
            Axe.audit(late.browser(), "waiting-recording");
            chair.admitFirstWaiting();
            late.testid("meeting-title");
            assertThat(late.present(INDICATOR)).as("the indicator is there with the meeting, not after it").isTrue();
            awaitIndicator(late, "Recording in progress", "Testaufnahme");

            // the chair stops it: the indicator goes everywhere, and everyone is told
            chair.testid("recorder-stop").click();
            for (PlenumPage p : new PlenumPage[] {chair, guest, late}) {
                awaitNoIndicator(p);
                p.awaitAnnouncement("Recording has ended.");
            }

            // started again, then the tenant disables the plugin: the recording ends with its module
            chair.testid("recorder-start").click();
            awaitIndicator(guest, "Recording in progress", "Testaufnahme");
            plugins.setEnabled(run.erfurtTenantId, "recorder", false);
            for (PlenumPage p : new PlenumPage[] {chair, guest, late}) {
                awaitNoIndicator(p);
                p.awaitAnnouncement("Recording has ended.", 2);
            }
            assertThat(guest.present(INDICATOR)).isFalse();

            // enabled again, started again, then uninstalled: the same
            plugins.setEnabled(run.erfurtTenantId, "recorder", true);
            chair.testid("recorder-start").click();
            awaitIndicator(late, "Recording in progress", "Testaufnahme");
            plugins.remove("recorder");
            for (PlenumPage p : new PlenumPage[] {chair, guest, late}) {
                awaitNoIndicator(p);
                p.awaitAnnouncement("Recording has ended.", 3);
            }
        } finally {
            plugins.remove("recorder");
        }
    }

    /** The indicator shows {@code text} and the label. */
    private static void awaitIndicator(PlenumPage p, String text, String label) {
        p.until("the recording indicator saying '" + text + "'", PlenumPage.SCREEN, """
                const i = find(document, arguments[0]);
                return i && i.textContent.includes(arguments[1]) && i.textContent.includes(arguments[2]);
                """, INDICATOR, text, label);
    }

    private static void awaitNoIndicator(PlenumPage p) {
        p.until("the recording indicator gone", PlenumPage.SCREEN, "return !find(document, arguments[0]);", INDICATOR);
    }
}
