package org.plenum.it.browser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;
import org.plenum.it.support.TestRun;
import org.plenum.it.support.browser.Axe;
import org.plenum.it.support.browser.BrowserSessions;
import org.plenum.it.support.browser.PlenumPage;

/**
 * Issue 5, fifth test point: axe-core in Chromium on every screen of the client, with zero violations of impact serious
 * or critical (WCAG 2.0/2.1 A and AA rules). Each audit writes {@code target/axe/<screen>.txt} and a screenshot
 * {@code target/screenshots/web-a11y-<screen>.png}. The plugin panel is audited in {@link WebClientPollsIT}, the
 * screens after removal and of a Keycloak login in {@link WebClientModerationIT}, the speaker layout with a share in
 * {@link WebClientScreenShareIT}.
 */
@ExtendWith(TestRun.Extension.class)
class WebClientAccessibilityIT {

    @RegisterExtension
    final BrowserSessions browsers = new BrowserSessions();

    private final TestRun run;

    WebClientAccessibilityIT(TestRun run) {
        this.run = run;
    }

    @Test
    void everyScreenPassesAxeWithoutSeriousOrCriticalViolations() {
        PlenumPage chair = new PlenumPage(browsers.start("a11y-chair"), run.server.url());
        chair.open("/");
        chair.testid("login-username");
        audit(chair, "login");
        chair.loginLocal("admin", TestRun.ADMIN_PASSWORD);
        audit(chair, "rooms");
        chair.testid("room-create-open").click();
        chair.testid("room-title");
        audit(chair, "room-create");
        chair.testid("room-title").sendKeys("Barrierefreiheit");
        chair.testid("room-create-submit").click();
        WebElement room = chair.room("Barrierefreiheit");
        room.findElement(org.openqa.selenium.By.cssSelector("[data-testid=room-edit]")).click();
        chair.testid("room-edit-form");
        audit(chair, "room-edit");
        String invite = chair.invite(room);
        audit(chair, "rooms-invite");

        room.findElement(org.openqa.selenium.By.cssSelector("[data-testid=room-join]")).click();
        chair.awaitPlaying("[data-testid=prejoin-preview]");
        audit(chair, "prejoin");
        chair.testid("prejoin-join").click();
        chair.testid("meeting-title");
        audit(chair, "meeting-grid-alone");

        PlenumPage guest = new PlenumPage(browsers.start("a11y-guest"), run.server.url());
        guest.open(invite);
        guest.testid("guest-name");
        audit(guest, "guest-details");
        guest.testid("guest-name").sendKeys("Gast Gisela");
        guest.testid("guest-continue").click();
        guest.awaitPlaying("[data-testid=prejoin-preview]");
        audit(guest, "guest-prejoin");
        guest.testid("prejoin-join").click();
        guest.testid("waiting-text");
        audit(guest, "waiting");

        chair.testid("toggle-participants").click();
        chair.element("[data-testid=waiting-person] [data-testid=admit]");
        audit(chair, "participants-with-waiting");
        chair.element("[data-testid=waiting-person] [data-testid=admit]").click();
        guest.testid("meeting-title");
        chair.awaitVideoFrom(guest.selfId(), "camera");
        audit(chair, "meeting-participants-open");

        chair.testid("toggle-participants").click();
        audit(chair, "meeting-grid");
        chair.testid("layout").click();
        audit(chair, "meeting-speaker");
        chair.testid("layout").click();

        guest.testid("toggle-chat").click();
        guest.testid("chat-input").sendKeys("Eine Frage\n");
        guest.until("the chat line", PlenumPage.SCREEN, "return findAll(document, '[data-testid=chat-message]').length > 0;");
        audit(guest, "meeting-chat-open");
        chair.testid("chat-unread");
        audit(chair, "meeting-chat-unread");

        chair.testid("toggle-settings").click();
        chair.element("[data-testid=setting-save-bandwidth]");
        audit(chair, "meeting-settings");
        chair.testid("shortcuts").click();
        chair.element("[data-testid=shortcuts-dialog][open]");
        audit(chair, "meeting-shortcuts");
    }

    private static void audit(PlenumPage page, String screen) {
        page.screenshot("web-a11y-" + screen);
        Axe.audit(page.browser(), screen);
    }
}
