package org.plenum.it.support.browser;

import java.net.URI;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.plenum.it.support.TestRun;

/**
 * Every screen of the client, visited by a chair (the local admin) and a guest in two browsers, stopping at each
 * screen so a test can check it: login, rooms, room creation and edit, invite shown, pre-join (account and guest),
 * guest details, waiting room, participants with a waiting person, meeting grid alone and with two, speaker layout,
 * chat open and unread, settings, the shortcut list. The accessibility tests run their checks (axe, layout, motion)
 * at the stops, in whatever browsers they hand in (language, text size, window size are theirs to choose).
 *
 * <pre>{@code
 * ScreenTour.visit(chair, guest, "Barrierefreiheit", (page, screen) -> Axe.audit(page.browser(), screen));
 * }</pre>
 */
public final class ScreenTour {

    /** What a test does at a stop; {@code screen} is a short name such as {@code meeting-chat-open}. */
    @FunctionalInterface
    public interface Stop {
        void at(PlenumPage page, String screen);
    }

    private ScreenTour() {
    }

    /** The tour; {@code chair} and {@code guest} are fresh browsers on the server, {@code roomTitle} a new room's title. */
    public static void visit(PlenumPage chair, PlenumPage guest, String roomTitle, Stop stop) {
        chair.open("/");
        chair.testid("login-username");
        stop.at(chair, "login");
        chair.loginLocal("admin", TestRun.ADMIN_PASSWORD);
        stop.at(chair, "rooms");
        chair.testid("room-create-open").click();
        chair.testid("room-title");
        stop.at(chair, "room-create");
        chair.testid("room-title").sendKeys(roomTitle);
        chair.testid("room-create-submit").click();
        WebElement room = chair.room(roomTitle);
        room.findElement(By.cssSelector("[data-testid=room-edit]")).click();
        chair.testid("room-edit-form");
        stop.at(chair, "room-edit");
        String invite = chair.invite(room);
        stop.at(chair, "rooms-invite");

        room.findElement(By.cssSelector("[data-testid=room-join]")).click();
        chair.awaitPlaying("[data-testid=prejoin-preview]");
        stop.at(chair, "prejoin");
        chair.testid("prejoin-join").click();
        chair.testid("meeting-title");
        stop.at(chair, "meeting-grid-alone");

        guest.open(URI.create(invite).toString());
        guest.testid("guest-name");
        stop.at(guest, "guest-details");
        guest.testid("guest-name").sendKeys("Gast Gisela");
        guest.testid("guest-continue").click();
        guest.awaitPlaying("[data-testid=prejoin-preview]");
        stop.at(guest, "guest-prejoin");
        guest.testid("prejoin-join").click();
        guest.testid("waiting-text");
        stop.at(guest, "waiting");

        chair.testid("toggle-participants").click();
        chair.element("[data-testid=waiting-person] [data-testid=admit]");
        stop.at(chair, "participants-with-waiting");
        chair.element("[data-testid=waiting-person] [data-testid=admit]").click();
        guest.testid("meeting-title");
        chair.awaitVideoFrom(guest.selfId(), "camera");
        stop.at(chair, "meeting-participants-open");

        chair.testid("toggle-participants").click();
        stop.at(chair, "meeting-grid");
        chair.testid("layout").click();
        stop.at(chair, "meeting-speaker");
        chair.testid("layout").click();

        guest.testid("toggle-chat").click();
        guest.testid("chat-input").sendKeys("Eine Frage\n");
        guest.until("the chat line", PlenumPage.SCREEN, "return findAll(document, '[data-testid=chat-message]').length > 0;");
        stop.at(guest, "meeting-chat-open");
        chair.testid("chat-unread");
        stop.at(chair, "meeting-chat-unread");

        chair.testid("toggle-settings").click();
        chair.element("[data-testid=setting-save-bandwidth]");
        stop.at(chair, "meeting-settings");
        chair.testid("shortcuts").click();
        chair.element("[data-testid=shortcuts-dialog][open]");
        stop.at(chair, "meeting-shortcuts");
    }
}
