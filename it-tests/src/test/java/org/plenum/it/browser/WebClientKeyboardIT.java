package org.plenum.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.plenum.it.support.TestRun;
import org.plenum.it.support.browser.BrowserSessions;
import org.plenum.it.support.browser.PlenumPage;

/**
 * Issue 5, fourth test point: a keyboard-only walk. Log in, join a room, turn the microphone off, raise the hand,
 * write in the chat and leave, with Tab, Enter and the documented shortcuts only (no click, no script-driven focus).
 * At every stop the focused element must show a visible focus ring (its computed outline), and the action must
 * have taken effect in what the page shows.
 */
@ExtendWith(TestRun.Extension.class)
class WebClientKeyboardIT {

    private static final int MAX_TABS = 60;

    @RegisterExtension
    final BrowserSessions browsers = new BrowserSessions();

    private final TestRun run;

    WebClientKeyboardIT(TestRun run) {
        this.run = run;
    }

    @Test
    void joinMuteHandChatAndLeaveWithTheKeyboardAlone() {
        // a room of the admin, made over the API: the walk starts at its link
        String admin = run.api.post("/api/v1/auth/login", null, Map.of("username", "admin", "password", TestRun.ADMIN_PASSWORD)).text("access_token");
        String roomId = run.api.post("/api/v1/rooms", admin, Map.of("title", "Tastatur-Sitzung")).text("id");
        assertThat(roomId).isNotBlank();

        PlenumPage me = new PlenumPage(browsers.start("keyboard"), run.server.url());
        me.open("/r/" + roomId);

        // login: Tab into the form, type, Enter
        tabTo(me, "login-username");
        type(me, "admin");
        tabTo(me, "login-password");
        type(me, TestRun.ADMIN_PASSWORD + Keys.ENTER);

        // pre-join: Tab to "Join", Enter
        me.awaitPlaying("[data-testid=prejoin-preview]");
        tabTo(me, "prejoin-join");
        me.screenshot("web-keyboard-prejoin-focus");
        press(me, Keys.ENTER);
        me.testid("meeting-title");

        // microphone: the shortcut, then the button with Tab + Enter
        assertThat(attribute(me, "toggle-mic", "aria-pressed")).isEqualTo("false");
        shortcut(me, "m");
        me.until("the microphone off (Alt+Shift+M)", PlenumPage.SCREEN, "return find(document, '[data-testid=toggle-mic]').getAttribute('aria-pressed') === 'true';");
        tabTo(me, "toggle-mic");
        press(me, Keys.ENTER);
        me.until("the microphone on again (Enter on the button)", PlenumPage.SCREEN, "return find(document, '[data-testid=toggle-mic]').getAttribute('aria-pressed') === 'false';");

        // hand: the shortcut; the page says so
        shortcut(me, "h");
        me.until("the hand raised (Alt+Shift+H)", PlenumPage.SCREEN, "return find(document, '[data-testid=toggle-hand]').getAttribute('aria-pressed') === 'true';");
        me.awaitAnnouncement("hand");

        // chat: the shortcut opens it and puts focus on its heading; Tab to the text field, type, Enter sends
        shortcut(me, "c");
        me.until("focus on the chat panel's heading", PlenumPage.SCREEN, "const a = deepActive(); return a && a.id === 'panel-title';");
        tabTo(me, "chat-input");
        type(me, "Nur mit der Tastatur" + Keys.ENTER);
        me.until("the chat line", PlenumPage.SCREEN,
                "return findAll(document, '[data-testid=chat-message]').some(m => m.textContent.includes('Nur mit der Tastatur'));");
        me.screenshot("web-keyboard-chat");
        // Alt+Shift+C in a text field must not fire (it would take typing away from screen-reader users)
        shortcut(me, "c");
        assertThat(me.present("[data-testid=chat-input]")).as("the chat stays open while typing").isTrue();

        // the shortcut list, then leave with Tab + Enter
        tabTo(me, "leave");
        me.screenshot("web-keyboard-leave-focus");
        press(me, Keys.ENTER);
        me.testid("meeting-ended");
        me.screenshot("web-keyboard-left");
    }

    /** Presses Tab until the focused element (through shadow roots) has the test id; asserts its focus is visible. */
    private static void tabTo(PlenumPage page, String testid) {
        for (int i = 0; i < MAX_TABS; i++) {
            if (testid.equals(page.js("const a = deepActive(); return a && a.getAttribute('data-testid');"))) {
                assertFocusVisible(page, testid);
                return;
            }
            press(page, Keys.TAB);
        }
        throw new AssertionError(page.name() + ": " + testid + " not reached with " + MAX_TABS + " presses of Tab");
    }

    /** The focused element draws a focus indicator: a solid outline of at least 2 px (the client's :focus-visible ring). */
    private static void assertFocusVisible(PlenumPage page, String testid) {
        @SuppressWarnings("unchecked")
        Map<String, Object> style = (Map<String, Object>) page.js("""
                const a = deepActive(); const s = getComputedStyle(a);
                return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor, focusVisible: a.matches(':focus-visible') };
                """);
        assertThat(style.get("focusVisible")).as(testid + " matches :focus-visible").isEqualTo(true);
        assertThat(style.get("style")).as(testid + " outline style").isNotEqualTo("none");
        assertThat(((Number) style.get("width")).doubleValue()).as(testid + " outline width").isGreaterThanOrEqualTo(2.0);
    }

    private static void press(PlenumPage page, CharSequence key) {
        new Actions(page.browser().driver()).sendKeys(key).perform();
    }

    private static void type(PlenumPage page, String text) {
        new Actions(page.browser().driver()).sendKeys(text).perform();
    }

    /** Alt+Shift+<key>, as the documented shortcuts. */
    private static void shortcut(PlenumPage page, String key) {
        new Actions(page.browser().driver()).keyDown(Keys.ALT).keyDown(Keys.SHIFT).sendKeys(key).keyUp(Keys.SHIFT).keyUp(Keys.ALT).perform();
    }

    private static String attribute(PlenumPage page, String testid, String attribute) {
        return page.testid(testid).getAttribute(attribute);
    }
}
