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
import org.plenum.it.support.browser.PlenumPage;

/**
 * Issue 5, third test point: the polls plugin through its own UI in two browsers. The signed polls jar the reactor
 * built is installed over the admin API (as an administrator would), made available to Erfurt and enabled there; a
 * chair of Erfurt creates a poll in the plugin's side panel, a guest and the chair vote, both watch the live count and
 * see the result when the chair closes it. The plugin is removed again at the end, so other tests can install it.
 */
@ExtendWith(TestRun.Extension.class)
class WebClientPollsIT {

    @RegisterExtension
    final BrowserSessions browsers = new BrowserSessions();

    private final TestRun run;

    WebClientPollsIT(TestRun run) {
        this.run = run;
    }

    @Test
    void aChairCreatesAPollInTheSidePanelAGuestVotesAndBothSeeTheResult() throws Exception {
        Api api = run.api;
        String admin = api.post("/api/v1/auth/login", null, Map.of("username", "admin", "password", TestRun.ADMIN_PASSWORD)).text("access_token");
        PluginAdmin plugins = new PluginAdmin(run, admin);
        HttpResponse<String> installed = plugins.upload(SignedPlugins.jar("polls"));
        assertThat(installed.statusCode()).as(installed.body()).isEqualTo(201);
        assertThat(installed.body()).contains("/plugins/polls/ui/polls.js");
        try {
            plugins.enableFor(run.erfurtTenantId, "polls");
            PlenumPage chair = new PlenumPage(browsers.start("polls-chair"), run.server.url());
            String invite = chair.hostNewRoomAsNewModerator(api, admin, run.erfurtTenantId, "web-polls-chair", "Vorsitz Voigt", "Ortsteilrat Umfrage");

            PlenumPage guest = new PlenumPage(browsers.start("polls-guest"), run.server.url());
            guest.joinAsGuest(invite, "Bürger Bauer");
            chair.testid("toggle-participants").click();
            chair.admitFirstWaiting();
            guest.testid("meeting-title");

            // the chair: the plugin's toolbar button (labelled by the plugin's own catalog) opens its panel
            WebElement open = chair.testid("plugin-panel-polls");
            assertThat(open.getText()).isEqualTo("Polls");
            open.click();
            chair.testid("polls-question").sendKeys("Soll der Spielplatz am Anger erneuert werden?");
            chair.testid("polls-option-0").sendKeys("ja");
            chair.testid("polls-option-1").sendKeys("nein");
            chair.testid("polls-add-option").click();
            chair.testid("polls-option-2").sendKeys("Enthaltung");
            chair.testid("polls-live").click();
            chair.screenshot("web-polls-create");
            Axe.audit(chair.browser(), "plugin-polls-create");
            chair.testid("polls-create").click();
            chair.until("the open poll in the chair's panel", PlenumPage.SCREEN,
                    "const q = find(document, '[data-testid=polls-open-question]'); return q && q.textContent.includes('Spielplatz');");

            // the guest is told, opens the panel and votes "nein"
            guest.awaitAnnouncement("Spielplatz");
            guest.testid("plugin-panel-polls").click();
            guest.until("the open poll in the guest's panel", PlenumPage.SCREEN,
                    "const q = find(document, '[data-testid=polls-open-question]'); return q && q.textContent.includes('Spielplatz');");
            assertThat(guest.present("[data-testid=polls-close]")).as("only the chair may close").isFalse();
            guest.testid("polls-choice-1").click();
            guest.testid("polls-vote").click();
            guest.testid("polls-voted");
            guest.screenshot("web-polls-guest-voted");
            Axe.audit(guest.browser(), "plugin-polls-vote");

            // the chair votes "ja"; live results: both see two ballots
            chair.testid("polls-choice-0").click();
            chair.testid("polls-vote").click();
            for (PlenumPage p : new PlenumPage[] {chair, guest}) {
                p.until("two ballots", PlenumPage.SCREEN, "const b = find(document, '[data-testid=polls-ballots]'); return b && b.getAttribute('data-ballots') === '2';");
            }
            chair.screenshot("web-polls-live");

            // closed: both see the result 1 / 1 / 0
            chair.testid("polls-close").click();
            for (PlenumPage p : new PlenumPage[] {chair, guest}) {
                Object counts = p.until("the results", PlenumPage.SCREEN, """
                        const r = find(document, '[data-testid=polls-results]');
                        return r ? [...r.querySelectorAll('[data-testid=polls-result]')].map(li => li.getAttribute('data-count')).join('/') : null;
                        """);
                assertThat(counts).as(p.name() + "'s result").isEqualTo("1/1/0");
            }
            guest.screenshot("web-polls-results-guest");
            chair.screenshot("web-polls-results-chair");
            Axe.audit(guest.browser(), "plugin-polls-results");
            assertThat(chair.browser().consoleLog()).as("no CSP violations from the plugin's module").noneMatch(l -> l.contains("Content Security Policy"));
        } finally {
            plugins.remove("polls");
        }
    }
}
