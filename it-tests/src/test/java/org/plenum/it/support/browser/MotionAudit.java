package org.plenum.it.support.browser;

import java.util.List;
import java.util.Map;

/**
 * Motion on the current page and the person's wish for less of it ({@code prefers-reduced-motion}, WCAG 2.1 2.3.3).
 * {@link #reduceMotion} makes Chromium report {@code prefers-reduced-motion: reduce} for the tab (DevTools protocol
 * {@code Emulation.setEmulatedMedia}, which stays for later pages of the tab), as the operating system setting would.
 * {@link #moving} lists what moves: running animations and transitions ({@code getAnimations()} of the document and
 * of every shadow root) and elements whose computed {@code animation-duration} (with an animation name) or
 * {@code transition-duration} is above {@link #THRESHOLD_SECONDS}.
 *
 * <pre>{@code
 * MotionAudit.reduceMotion(page.browser());
 * MotionAudit.assertStill(page.browser(), "waiting");
 * }</pre>
 */
public final class MotionAudit {

    /** Durations up to this are not motion a person perceives (10 ms, a common "effectively off" value). */
    public static final double THRESHOLD_SECONDS = 0.01;

    private static final String SCRIPT = PageScript.ELEMENTS + """
            const limit = arguments[0];
            const seconds = list => Math.max(...list.split(',').map(v => v.trim().endsWith('ms') ? parseFloat(v) / 1000 : parseFloat(v)));
            const out = new Set();
            for (const root of roots) {
              for (const a of root.getAnimations()) {
                const d = a.effect && a.effect.getComputedTiming ? a.effect.getComputedTiming().duration : 0;
                if (a.playState === 'running' && (typeof d !== 'number' || d > limit * 1000)) {
                  out.add('running ' + a.constructor.name + ' ' + (a.animationName || a.transitionProperty || '') + ' on ' + name(a.effect && a.effect.target) + ' (' + d + ' ms)');
                }
              }
            }
            for (const e of all) {
              const s = getComputedStyle(e);
              if (s.animationName !== 'none' && seconds(s.animationDuration) > limit) out.add('animation ' + s.animationName + ' ' + s.animationDuration + ' on ' + name(e));
              if (seconds(s.transitionDuration) > limit) out.add('transition ' + s.transitionProperty + ' ' + s.transitionDuration + ' on ' + name(e));
            }
            return [...out];
            """;

    private MotionAudit() {
    }

    /** From now on the tab reports {@code prefers-reduced-motion: reduce}. */
    public static void reduceMotion(BrowserSession browser) {
        browser.driver().executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-reduced-motion", "value", "reduce"))));
    }

    /** Whether the page sees {@code prefers-reduced-motion: reduce}. */
    public static boolean reducedMotionPreferred(BrowserSession browser) {
        return Boolean.TRUE.equals(browser.execute("return matchMedia('(prefers-reduced-motion: reduce)').matches;"));
    }

    /** What moves on the current page (see the class comment), one line each. */
    @SuppressWarnings("unchecked")
    public static List<String> moving(BrowserSession browser) {
        return (List<String>) browser.execute(SCRIPT, THRESHOLD_SECONDS);
    }

    /** Fails when the page does not prefer reduced motion, or something on it moves. */
    public static void assertStill(BrowserSession browser, String screen) {
        if (!reducedMotionPreferred(browser)) {
            throw new AssertionError("the screen '" + screen + "' does not see prefers-reduced-motion: reduce");
        }
        List<String> moving = moving(browser);
        if (!moving.isEmpty()) {
            throw new AssertionError("the screen '" + screen + "' moves although reduced motion is preferred:\n  " + String.join("\n  ", moving));
        }
    }
}
