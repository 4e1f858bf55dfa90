package org.plenum.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;
import org.plenum.it.support.TestRun;
import org.plenum.it.support.browser.Axe;
import org.plenum.it.support.browser.BrowserSessions;
import org.plenum.it.support.browser.PlenumPage;

/**
 * Issue 5, second test point: three people in one room, the chair shares their screen (the client's real
 * {@code getDisplayMedia}; headless Chromium picks the screen itself with {@code --auto-select-desktop-capture-source}),
 * the others receive it, and a fourth who joins late sees the share too, in the speaker layout as the main tile.
 */
@ExtendWith(TestRun.Extension.class)
class WebClientScreenShareIT {

    /** What the sharing browser needs besides the harness's flags so getDisplayMedia returns a screen without a picker. */
    static final List<String> SCREEN_SHARE_FLAGS = List.of("--auto-select-desktop-capture-source=Entire screen", "--enable-usermedia-screen-capturing");

    @RegisterExtension
    final BrowserSessions browsers = new BrowserSessions();

    private final TestRun run;

    WebClientScreenShareIT(TestRun run) {
        this.run = run;
    }

    @Test
    void threeInARoomOneSharesTheScreenAndALateJoinerSeesTheShare() {
        PlenumPage chair = new PlenumPage(browsers.start("share-chair", SCREEN_SHARE_FLAGS), run.server.url());
        chair.open("/");
        chair.loginLocal("admin", TestRun.ADMIN_PASSWORD);
        WebElement room = chair.createRoom("Haushaltsberatung mit Präsentation");
        String invite = chair.invite(room);
        chair.joinFromRooms(room);
        String chairId = chair.selfId();

        PlenumPage anna = guest("share-anna", invite, "Anna Amsel", chair);
        PlenumPage bernd = guest("share-bernd", invite, "Bernd Buche", chair);

        // the chair shares: a screen tile of their own, the others decode it
        chair.testid("toggle-share").click();
        chair.until("the share button pressed", PlenumPage.SCREEN, "return find(document, '[data-testid=toggle-share]').getAttribute('aria-pressed') === 'true';");
        chair.element("[data-testid=tile-self-screen]");
        for (PlenumPage p : List.of(anna, bernd)) {
            p.awaitVideoFrom(chairId, "screen");
            p.element("[data-testid=tile-screen][data-participant-id='" + chairId + "']");
        }
        chair.screenshot("web-share-chair");
        anna.screenshot("web-share-anna");

        // a late joiner gets the running share with their first subscription
        PlenumPage late = guest("share-late", invite, "Carla Kiefer", chair);
        late.awaitVideoFrom(chairId, "screen");
        late.awaitVideoFrom(chairId, "camera");
        late.until("the screen tile playing", PlenumPage.MEDIA, """
                const t = find(document, `[data-testid=tile-screen][data-participant-id='${arguments[0]}']`);
                const v = t && t.querySelector('video');
                return v && v.videoWidth > 0 && v.currentTime > 0;
                """, chairId);
        late.screenshot("web-share-late-grid");
        // speaker layout: the share is the main tile
        late.testid("layout").click();
        late.element(".speaker .main plenum-video-tile[source=screen]");
        late.screenshot("web-share-late-speaker");
        Axe.audit(late.browser(), "meeting-speaker-share");

        // the share ends: the others' screen tile goes away
        chair.testid("toggle-share").click();
        late.until("the screen tile gone", PlenumPage.SCREEN, "return !find(document, '[data-testid=tile-screen]');");
        assertThat(chair.present("[data-testid=tile-self-screen]")).isFalse();
    }

    private PlenumPage guest(String name, String invite, String displayName, PlenumPage chair) {
        PlenumPage g = new PlenumPage(browsers.start(name), run.server.url());
        g.joinAsGuest(invite, displayName);
        if (!g.present("[data-testid=meeting-title]")) {
            if (!chair.present("[data-testid=participant-list]")) {
                chair.testid("toggle-participants").click();
            }
            chair.element("[data-testid=waiting-person] [data-testid=admit]").click();
            g.testid("meeting-title");
        }
        return g;
    }
}
