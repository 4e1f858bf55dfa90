package org.plenum.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
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
import org.plenum.it.support.browser.LayoutAudit;
import org.plenum.it.support.browser.PlenumPage;

/**
 * The timer plugin through its own UI (a toolbar button and a notice): the signed timer jar installed over the admin
 * API and enabled for Erfurt; a chair starts a countdown from the toolbar, a guest sees it count down and says they
 * are ready, the chair sees who is ready and stops it. Then the admin updates the timer to 1.1.0 while the meeting runs:
 * both clients mount the new version's elements without a reload, and a countdown started from the new button reaches
 * the guest. The plugin is removed again at the end.
 */
@ExtendWith(TestRun.Extension.class)
class WebClientTimerIT {

    /** The element with {@code data-testid=args[1]} in the shadow root of the element named {@code args[0]}. */
    private static final String INSIDE = """
            const host = find(document, arguments[0]);
            return host && host.shadowRoot ? find(host.shadowRoot, '[data-testid=' + arguments[1] + ']') : null;
            """;

    @RegisterExtension
    final BrowserSessions browsers = new BrowserSessions();

    private final TestRun run;

    WebClientTimerIT(TestRun run) {
        this.run = run;
    }

    @Test
    void aChairStartsACountdownFromTheToolbarAGuestSaysReadyAndTheChairStopsIt() throws Exception {
        Api api = run.api;
        String admin = api.post("/api/v1/auth/login", null, Map.of("username", "admin", "password", TestRun.ADMIN_PASSWORD)).text("access_token");
        PluginAdmin plugins = new PluginAdmin(run, admin);
        HttpResponse<String> installed = plugins.upload(SignedPlugins.jar("timer"));
        assertThat(installed.statusCode()).as(installed.body()).isEqualTo(201);
        try {
            plugins.enableFor(run.erfurtTenantId, "timer");
            PlenumPage chair = new PlenumPage(browsers.start("timer-chair"), run.server.url());
            String invite = chair.hostNewRoomAsNewModerator(api, admin, run.erfurtTenantId, "web-timer-chair", "Vorsitz Thiele", "Sitzung mit Pause");
            PlenumPage guest = new PlenumPage(browsers.start("timer-guest"), run.server.url());
            guest.joinAsGuest(invite, "Gast Greta");
            chair.testid("toggle-participants").click();
            chair.admitFirstWaiting();
            guest.testid("meeting-title");
            assertThat(guest.present("[data-testid=timer-button]")).as("no start button for a guest").isFalse();

            // the chair: toolbar button → form in the notification area → a two-minute countdown
            chair.testid("timer-button").click();
            chair.testid("timer-title").sendKeys("Kaffeepause");
            WebElement minutes = chair.testid("timer-minutes");
            minutes.clear();
            minutes.sendKeys("2");
            chair.screenshot("web-timer-form");
            Axe.audit(chair.browser(), "plugin-timer-form");
            chair.testid("timer-start").click();

            // the guest: notice with the time counting down, the start announced; ready
            guest.awaitAnnouncement("Kaffeepause");
            Object first = guest.until("the countdown", PlenumPage.SCREEN,
                    "const n = find(document, '[data-testid=timer-notice]'); return n ? Number(n.getAttribute('data-seconds')) : null;");
            assertThat(((Number) first).longValue()).isBetween(100L, 120L);
            guest.until("the countdown going down", PlenumPage.SCREEN,
                    "const n = find(document, '[data-testid=timer-notice]'); return n && Number(n.getAttribute('data-seconds')) < arguments[0];", first);
            guest.testid("timer-ready").click();
            guest.until("ready pressed", PlenumPage.SCREEN, "return find(document, '[data-testid=timer-ready]').getAttribute('aria-pressed') === 'true';");
            chair.until("1 of 2 ready", PlenumPage.SCREEN,
                    "const c = find(document, '[data-testid=timer-ready-count]'); return c && c.getAttribute('data-ready') === '1' && c.getAttribute('data-total') === '2';");
            guest.screenshot("web-timer-guest");
            chair.screenshot("web-timer-chair");
            Axe.audit(guest.browser(), "plugin-timer-notice");
            // the notice stays while the timer runs: it must not cover the participants list's controls
            LayoutAudit.audit(chair.browser(), "plugin-timer-notice-chair", 0);

            // the chair stops it: the notice goes, the guest is told
            chair.testid("timer-stop").click();
            guest.until("the notice gone", PlenumPage.SCREEN, "return !find(document, '[data-testid=timer-notice]');");
            guest.awaitAnnouncement("stopped");

            // the admin updates the timer while the meeting runs: both clients import 1.1.0 and mount its elements under
            // a fresh name (a custom element name cannot be defined twice), without a reload
            HttpResponse<String> updated = plugins.update("timer", SignedPlugins.nextTimer());
            assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
            ((WebElement) chair.until("the new version's toolbar button", PlenumPage.SCREEN, INSIDE, "timer-button-v1-1-0", "timer-button")).click();
            chair.testid("timer-title").sendKeys("Nach dem Update");
            chair.testid("timer-start").click();
            guest.awaitAnnouncement("Nach dem Update");
            guest.until("the new version's notice", PlenumPage.SCREEN, INSIDE, "timer-notice-v1-1-0", "timer-notice");
            assertThat(guest.present("timer-notice")).as("the old version's element is gone").isFalse();
            chair.screenshot("web-timer-updated");
            chair.testid("timer-stop").click();
        } finally {
            plugins.remove("timer");
        }
    }
}
