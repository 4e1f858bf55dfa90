package org.plenum.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;
import org.plenum.it.support.Keycloak;
import org.plenum.it.support.TestRun;
import org.plenum.it.support.browser.Axe;
import org.plenum.it.support.browser.BrowserSessions;
import org.plenum.it.support.browser.PlenumPage;

/**
 * Issue 5, first test point: a moderator of Erfurt logs in through the real Keycloak (the login screen's OIDC button,
 * authorization code + PKCE, back to the server's random port on 127.0.0.1), creates a room and copies the invite; a
 * guest opens it and waits; the moderator admits; both receive the other's video and audio (getStats through
 * {@code window.__plenum.stats()}), chat both ways, the guest raises a hand; the moderator mutes and then removes the
 * guest, who is told so, and the moderator's list no longer has them.
 */
@ExtendWith(TestRun.Extension.class)
class WebClientModerationIT {

    @RegisterExtension
    final BrowserSessions browsers = new BrowserSessions();

    private final TestRun run;

    WebClientModerationIT(TestRun run) {
        this.run = run;
    }

    @Test
    void aKeycloakModeratorAdmitsAGuestTheySeeHearAndWriteToEachOtherThenMutesAndRemovesThem() {
        PlenumPage chair = new PlenumPage(browsers.start("mod-chair"), run.server.url());
        chair.open("/");
        chair.loginOidc("erfurt", "erfurt-moderator", Keycloak.PASSWORD);
        assertThat(chair.js("return location.origin + location.pathname")).isEqualTo(run.server.url().resolve("/rooms").toString());
        Axe.audit(chair.browser(), "rooms-oidc");
        WebElement room = chair.createRoom("Ausschuss für Bürgerbeteiligung");
        String invite = chair.invite(room);
        assertThat(invite).startsWith(run.server.url().resolve("/join/").toString());
        chair.screenshot("web-mod-rooms");
        chair.joinFromRooms(room);
        String chairId = chair.selfId();

        // the guest waits
        PlenumPage guest = new PlenumPage(browsers.start("mod-guest"), run.server.url());
        guest.joinAsGuest(invite, "Gast Gerda");
        guest.testid("waiting-text");
        guest.screenshot("web-mod-guest-waiting");

        // the moderator hears the knock (announcement) and admits from the participants panel
        chair.awaitAnnouncement("Gast Gerda");
        chair.testid("toggle-participants").click();
        chair.element("[data-testid=waiting-person] [data-testid=admit]").click();
        guest.testid("meeting-title");
        String guestId = guest.selfId();
        chair.participantId("Gast Gerda");

        // both see and hear each other: decoded frames with a width, audio samples, through the SFU
        chair.awaitVideoFrom(guestId, "camera");
        guest.awaitVideoFrom(chairId, "camera");
        chair.awaitAudioFrom(guestId);
        guest.awaitAudioFrom(chairId);
        chair.screenshot("web-mod-meeting-chair");
        guest.screenshot("web-mod-meeting-guest");

        // chat both ways
        guest.testid("toggle-chat").click();
        guest.testid("chat-input").sendKeys("Guten Tag aus dem Bürgerbüro\n");
        chair.until("the guest's chat line (unread counter or in the chat)", PlenumPage.SCREEN, """
                return findAll(document, '[data-testid=chat-unread]').length > 0;
                """);
        chair.testid("toggle-chat").click();
        chair.until("the guest's chat line", PlenumPage.SCREEN, """
                return findAll(document, '[data-testid=chat-message]').some(m => m.textContent.includes('Guten Tag aus dem Bürgerbüro'));
                """);
        chair.testid("chat-input").sendKeys("Willkommen, Frau Gerda\n");
        guest.until("the moderator's chat line", PlenumPage.SCREEN, """
                return findAll(document, '[data-testid=chat-message]').some(m => m.textContent.includes('Willkommen, Frau Gerda'));
                """);
        chair.screenshot("web-mod-chat");

        // the guest raises a hand; the moderator sees it in the list and hears of it
        guest.testid("toggle-hand").click();
        guest.until("the hand button pressed", PlenumPage.SCREEN, "return find(document, '[data-testid=toggle-hand]').getAttribute('aria-pressed') === 'true';");
        chair.testid("toggle-participants").click();
        chair.element("[data-testid=participant][data-participant-id='" + guestId + "'] [data-testid=participant-hand]");
        chair.awaitAnnouncement("Gast Gerda");
        chair.screenshot("web-mod-hand");
        Axe.audit(chair.browser(), "meeting-participants-moderator");

        // mute: the guest's microphone goes off and they are told
        assertThat(guest.testid("toggle-mic").getAttribute("aria-pressed")).isEqualTo("false");
        chair.participantControl(guestId, "mute").click();
        guest.until("the guest's microphone off", PlenumPage.SCREEN, "return find(document, '[data-testid=toggle-mic]').getAttribute('aria-pressed') === 'true';");
        guest.awaitAnnouncement("moderator");
        chair.element("[data-testid=participant][data-participant-id='" + guestId + "'] [data-testid=participant-muted]");
        guest.screenshot("web-mod-guest-muted");

        // remove: the guest sees why, the moderator's list updates
        chair.participantControl(guestId, "kick").click();
        WebElement ended = guest.testid("meeting-ended");
        assertThat(ended.getText()).contains("removed");
        guest.screenshot("web-mod-guest-removed");
        Axe.audit(guest.browser(), "meeting-removed");
        chair.until("the guest gone from the moderator's list", PlenumPage.SCREEN,
                "return findAll(document, '[data-testid=participant]').length === 1 && !find(document, `[data-participant-id='${arguments[0]}']`);", guestId);
        chair.screenshot("web-mod-after-remove");

        List<String> console = chair.browser().consoleLog();
        assertThat(console).as("no Content-Security-Policy violations").noneMatch(l -> l.contains("Content Security Policy"));
    }
}
