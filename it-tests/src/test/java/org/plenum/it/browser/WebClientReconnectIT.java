package org.plenum.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;
import org.plenum.it.support.Await;
import org.plenum.it.support.CuttableProxy;
import org.plenum.it.support.TestRun;
import org.plenum.it.support.browser.Axe;
import org.plenum.it.support.browser.BrowserSessions;
import org.plenum.it.support.browser.MotionAudit;
import org.plenum.it.support.browser.PlenumPage;

/**
 * Issue 5, "reconnect banner that resumes the session", in two real browsers. The guest's page is loaded through a
 * {@link CuttableProxy}, so its HTTP and its signaling WebSocket go through a line the test can cut; media is UDP
 * straight to the server's media port and is not cut. A short cut: the guest sees the banner (an alert, and still:
 * the guest's browser prefers reduced motion), the client resumes with its resume token when the line is back, and
 * the guest is the same participant (docs/protocol.md,
 * "Reconnecting": the others see {@code connected: false} and back, no leave or join); chat works both ways and
 * video flows both ways. A cut longer than the server's grace period (30 s, the default): the guest is told the
 * connection is lost, with "Join again", the chair is told the guest left, and joining again works.
 */
@ExtendWith(TestRun.Extension.class)
class WebClientReconnectIT {

    /** The server's {@code signaling.reconnect.grace} (its default; the test run does not change it). */
    private static final Duration GRACE = Duration.ofSeconds(30);

    @RegisterExtension
    final BrowserSessions browsers = new BrowserSessions();

    private final TestRun run;

    WebClientReconnectIT(TestRun run) {
        this.run = run;
    }

    @Test
    void aShortCutResumesTheSameParticipantAndALongOneEndsWithJoinAgain() {
        try (CuttableProxy line = CuttableProxy.start(run.server.url())) {
            PlenumPage chair = new PlenumPage(browsers.start("reconnect-chair"), run.server.url());
            chair.open("/");
            chair.loginLocal("admin", TestRun.ADMIN_PASSWORD);
            WebElement room = chair.createRoom("Wiederverbindung");
            String invite = chair.invite(room);
            chair.joinFromRooms(room);

            PlenumPage guest = new PlenumPage(browsers.start("reconnect-guest"), line.url());
            MotionAudit.reduceMotion(guest.browser()); // the banner must not move for someone who asked for less motion
            String inviteViaLine = line.via(URI.create(invite)).toString();
            guest.joinAsGuest(inviteViaLine, "Gast Wagner");
            chair.testid("toggle-participants").click();
            chair.element("[data-testid=waiting-person] [data-testid=admit]").click();
            guest.testid("meeting-title");
            String guestId = guest.selfId();
            String chairId = chair.selfId();
            assertThat(chair.participantId("Gast Wagner")).isEqualTo(guestId);
            chair.awaitVideoFrom(guestId, "camera");
            guest.awaitVideoFrom(chairId, "camera");
            chair.recordAnnouncements();
            guest.recordAnnouncements();

            shortCut(line, chair, guest, guestId);
            assertThat(guest.selfId()).as("the guest resumed as the same participant").isEqualTo(guestId);
            assertThat(chair.participantId("Gast Wagner")).isEqualTo(guestId);
            chatBothWays(chair, guest);
            chair.awaitVideoFrom(guestId, "camera");
            guest.awaitVideoFrom(chairId, "camera");
            assertThat(chair.announcements()).as("the chair saw no leave or join of the guest")
                    .noneMatch(l -> l.contains("Gast Wagner joined") || l.contains("Gast Wagner left"));
            assertThat(guest.announcements()).contains("Connection restored.");

            longCut(line, chair, guest, guestId);
            rejoin(line, chair, guest, guestId);
        }
    }

    /** The line is down for a few resume attempts, well within the grace period. */
    private static void shortCut(CuttableProxy line, PlenumPage chair, PlenumPage guest, String guestId) {
        line.refuse(true);
        assertThat(line.cutAll()).as("live connections through the line").isPositive();
        WebElement banner = guest.testid("reconnect-banner");
        assertThat(banner.getAttribute("role")).as("the banner is announced at once").isEqualTo("alert");
        assertThat(banner.getText()).contains("Reconnecting");
        assertThat(guest.connection()).isEqualTo("reconnecting");
        guest.screenshot("web-reconnect-banner");
        Axe.audit(guest.browser(), "meeting-reconnecting");
        MotionAudit.assertStill(guest.browser(), "meeting-reconnecting");
        chair.until("the guest shown as disconnected", PlenumPage.SCREEN, """
                const p = find(document, "[data-testid=participant][data-participant-id='" + arguments[0] + "']");
                return p && p.textContent.includes('Connection lost');
                """, guestId);
        int before = line.refusedCount();
        Await.until("two resume attempts refused", PlenumPage.SCREEN,
                () -> line.refusedCount() >= before + 2 ? java.util.Optional.of(true) : java.util.Optional.empty());

        line.refuse(false);
        guest.until("the banner gone and the client joined", PlenumPage.SCREEN,
                "return !find(document, '[data-testid=reconnect-banner]') && window.__plenum.connection() === 'joined';");
        chair.until("the guest connected again", PlenumPage.SCREEN, """
                const p = find(document, "[data-testid=participant][data-participant-id='" + arguments[0] + "']");
                return p && !p.textContent.includes('Connection lost');
                """, guestId);
        guest.screenshot("web-reconnect-resumed");
    }

    private static void chatBothWays(PlenumPage chair, PlenumPage guest) {
        guest.testid("toggle-chat").click();
        guest.testid("chat-input").sendKeys("Bin wieder da\n");
        chair.testid("toggle-chat").click();
        awaitChat(chair, "Bin wieder da");
        chair.testid("chat-input").sendKeys("Willkommen zurück\n");
        awaitChat(guest, "Willkommen zurück");
    }

    private static void awaitChat(PlenumPage page, String text) {
        page.until("the chat message '" + text + "'", PlenumPage.SCREEN,
                "return findAll(document, '[data-testid=chat-message]').some(m => m.textContent.includes(arguments[0]));", text);
    }

    /** The line stays down past the grace period: the client gives up with a clear message, the chair sees a leave. */
    private static void longCut(CuttableProxy line, PlenumPage chair, PlenumPage guest, String guestId) {
        line.refuse(true);
        line.cutAll();
        guest.testid("reconnect-banner");
        Duration limit = GRACE.plus(PlenumPage.SCREEN);
        WebElement ended = guest.until("the meeting ended after the grace period", limit,
                "return find(document, '[data-testid=meeting-ended]');") instanceof WebElement e ? e : null;
        assertThat(ended).isNotNull();
        assertThat(ended.getText()).contains("connection was lost");
        assertThat(guest.connection()).isEqualTo("closed");
        guest.testid("rejoin");
        guest.awaitAnnouncement("connection was lost");
        guest.screenshot("web-reconnect-lost");
        Axe.audit(guest.browser(), "meeting-connection-lost");
        chair.until("the guest's leave announced", limit, "return (window.__heard || []).some(l => l.includes('Gast Wagner left'));");
        assertThat(chair.present("[data-testid=participant][data-participant-id='" + guestId + "']")).as("the guest gone from the chair's list").isFalse();
    }

    /** "Join again" with the line back: a new participant, admitted again. */
    private static void rejoin(CuttableProxy line, PlenumPage chair, PlenumPage guest, String oldId) {
        line.refuse(false);
        guest.testid("rejoin").click();
        WebElement name = guest.testid("guest-name");
        if (name.getAttribute("value").isEmpty()) {
            name.sendKeys("Gast Wagner");
        }
        guest.testid("guest-continue").click();
        guest.awaitPlaying("[data-testid=prejoin-preview]");
        guest.testid("prejoin-join").click();
        guest.testid("waiting-text");
        chair.testid("toggle-participants").click(); // the chat panel was open
        chair.element("[data-testid=waiting-person] [data-testid=admit]").click();
        guest.testid("meeting-title");
        String newId = guest.selfId();
        assertThat(newId).as("a new join is a new participant").isNotEqualTo(oldId);
        chair.awaitVideoFrom(newId, "camera");
        List<String> heard = chair.announcements();
        assertThat(heard).anyMatch(l -> l.contains("Gast Wagner joined"));
    }
}
