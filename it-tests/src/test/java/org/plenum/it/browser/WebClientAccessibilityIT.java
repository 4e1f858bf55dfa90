package org.plenum.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.plenum.it.support.TestRun;
import org.plenum.it.support.browser.Axe;
import org.plenum.it.support.browser.BrowserSessions;
import org.plenum.it.support.browser.LayoutAudit;
import org.plenum.it.support.browser.MotionAudit;
import org.plenum.it.support.browser.PlenumPage;
import org.plenum.it.support.browser.ScreenTour;

/**
 * Issue 5, fifth test point, on every screen of the client ({@link ScreenTour}), in three set-ups:
 * <ul>
 *   <li>English, default settings: axe-core with zero violations of impact serious or critical (WCAG 2.0/2.1 A and AA
 *       rules); the waiting room's pulse is seen moving (so the motion check below can see motion at all).</li>
 *   <li>German (browser language {@code de}), text twice the default size (Chromium's font-size setting, 32 px instead
 *       of 16 px: text zoom, WCAG 1.4.4), {@code prefers-reduced-motion: reduce}: axe as above, {@link LayoutAudit} with
 *       the text-scaling check, and {@link MotionAudit}: nothing moves. At the end the chair switches the meeting to
 *       English in the settings: the page follows and remembers it.</li>
 *   <li>A window 640 px wide, what 1280 px at 200 % browser zoom gives (WCAG 1.4.10 reflow): {@link LayoutAudit}.</li>
 * </ul>
 * Each audit writes {@code target/axe/<screen>.txt} or {@code target/layout/<screen>.txt}, and a screenshot
 * {@code target/screenshots/web-a11y-<screen>.png}. The plugin panel is audited in {@link WebClientPollsIT}, the
 * screens after removal and of a Keycloak login in {@link WebClientModerationIT}, the speaker layout with a share in
 * {@link WebClientScreenShareIT}.
 */
@ExtendWith(TestRun.Extension.class)
class WebClientAccessibilityIT {

    /** Chromium's default font size is 16 px; a person who wants text twice as large sets 32 px (fixed-width: 13 → 26). */
    private static final Map<String, Object> TEXT_200 = Map.of(
            "webkit.webprefs.default_font_size", 32, "webkit.webprefs.default_fixed_font_size", 26,
            "intl.accept_languages", "de-DE,de");
    private static final List<String> GERMAN_DESKTOP = List.of("--lang=de-DE", "--window-size=1280,900");
    private static final List<String> NARROW = List.of("--window-size=640,900");
    /** At twice the text size, text below 0.6 of the root font size (19 px) did not grow with it. */
    private static final double MIN_TEXT_SCALE = 0.6;

    @RegisterExtension
    final BrowserSessions browsers = new BrowserSessions();

    private final TestRun run;

    WebClientAccessibilityIT(TestRun run) {
        this.run = run;
    }

    @Test
    void everyScreenPassesAxeWithoutSeriousOrCriticalViolations() {
        PlenumPage chair = new PlenumPage(browsers.start("a11y-chair"), run.server.url());
        PlenumPage guest = new PlenumPage(browsers.start("a11y-guest"), run.server.url());
        ScreenTour.visit(chair, guest, "Barrierefreiheit", (page, screen) -> {
            page.screenshot("web-a11y-" + screen);
            Axe.audit(page.browser(), screen);
            if (screen.equals("waiting")) {
                assertThat(MotionAudit.moving(page.browser())).as("the waiting room's pulse, with motion allowed").isNotEmpty();
            }
        });
    }

    @Test
    void everyScreenWorksInGermanAtTwiceTheTextSizeAndWithoutMotion() {
        PlenumPage chair = new PlenumPage(browsers.start("a11y-de-chair", GERMAN_DESKTOP, TEXT_200), run.server.url());
        PlenumPage guest = new PlenumPage(browsers.start("a11y-de-guest", GERMAN_DESKTOP, TEXT_200), run.server.url());
        MotionAudit.reduceMotion(chair.browser());
        MotionAudit.reduceMotion(guest.browser());
        List<String> problems = new ArrayList<>();
        ScreenTour.visit(chair, guest, "Textgröße", (page, screen) -> {
            assertThat(page.js("return document.documentElement.lang;")).as("the language on " + screen).isEqualTo("de");
            page.screenshot("web-a11y-text200-" + screen);
            Axe.audit(page.browser(), screen + "-de");
            LayoutAudit.Result layout = LayoutAudit.check(page.browser(), screen + "-text200", MIN_TEXT_SCALE);
            assertThat(layout.rootFontPx()).as("Chromium's font size setting reached the page").isEqualTo(32.0);
            layout.problems().forEach(p -> problems.add(screen + ": " + p));
            MotionAudit.assertStill(page.browser(), screen);
        });
        assertThat(problems).as("layout at twice the text size (target/layout/*-text200.txt)").isEmpty();

        // switchable: the chair closes the shortcut list and picks English in the meeting settings, which is remembered
        chair.element("[data-testid=shortcuts-dialog] form button").click();
        chair.element("select#set-lang option[value=en]").click();
        chair.until("the page in English", PlenumPage.SCREEN, "return document.documentElement.lang === 'en';");
        assertThat(chair.testid("toggle-settings").getText()).isEqualTo("Settings");
        assertThat(chair.js("return localStorage.getItem('plenum.language');")).isEqualTo("en");
        Axe.audit(chair.browser(), "meeting-settings-switched-to-en");
    }

    @Test
    void everyScreenReflowsInAWindow640PixelsWide() {
        PlenumPage chair = new PlenumPage(browsers.start("a11y-narrow-chair", NARROW), run.server.url());
        PlenumPage guest = new PlenumPage(browsers.start("a11y-narrow-guest", NARROW), run.server.url());
        List<String> problems = new ArrayList<>();
        ScreenTour.visit(chair, guest, "Schmales Fenster", (page, screen) -> {
            page.screenshot("web-a11y-640-" + screen);
            LayoutAudit.Result layout = LayoutAudit.check(page.browser(), screen + "-640", 0);
            assertThat(layout.windowWidthPx()).as("the window's width").isBetween(600L, 640L);
            layout.problems().forEach(p -> problems.add(screen + ": " + p));
        });
        assertThat(problems).as("layout in a window 640 px wide (target/layout/*-640.txt)").isEmpty();
    }

    /** The layout checks find each kind of problem they look for, planted on the login page at twice the text size. */
    @Test
    void theLayoutAuditFindsPlantedProblems() {
        PlenumPage page = new PlenumPage(browsers.start("a11y-planted", GERMAN_DESKTOP, TEXT_200), run.server.url());
        page.open("/");
        page.testid("login-submit");
        assertThat(LayoutAudit.run(page.browser(), MIN_TEXT_SCALE).problems()).as("the login page as it is").isEmpty();
        page.js("""
                const add = (tag, text, css) => { const e = document.createElement(tag); e.textContent = text; Object.assign(e.style, css); document.body.append(e); return e; };
                add('div', 'breit', { width: '3000px' });
                add('p', 'klein in Pixeln', { fontSize: '12px' });
                add('div', 'abgeschnitten ' + 'lang '.repeat(200), { overflow: 'hidden', whiteSpace: 'nowrap', width: '10rem' });
                add('button', 'Ein Knopf mit viel zu langem Text', { width: '4rem', whiteSpace: 'nowrap' });
                const r = find(document, '[data-testid=login-submit]').getBoundingClientRect();
                add('div', '', { position: 'absolute', left: r.left + window.scrollX + 'px', top: r.top + window.scrollY + 'px', width: r.width + 'px', height: r.height + 'px', background: '#000' });
                """);
        List<String> problems = LayoutAudit.run(page.browser(), MIN_TEXT_SCALE).problems();
        assertThat(problems).anyMatch(p -> p.startsWith("page-scrolls-sideways") && p.contains("\"breit\""))
                .anyMatch(p -> p.startsWith("text-not-scaled") && p.contains("klein in Pixeln"))
                .anyMatch(p -> p.startsWith("text-clipped") && p.contains("abgeschnitten"))
                .anyMatch(p -> p.startsWith("control-overflows") && p.contains("Ein Knopf"))
                .anyMatch(p -> p.startsWith("control-covered") && p.contains("login-submit"));
    }
}
