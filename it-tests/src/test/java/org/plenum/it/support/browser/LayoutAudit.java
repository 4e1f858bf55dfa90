package org.plenum.it.support.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Whether the current screen still works when text is large or the window narrow (WCAG 2.1 1.4.4 "Resize text" and
 * 1.4.10 "Reflow"), looking through every shadow root:
 * <ul>
 *   <li>{@code page-scrolls-sideways}: the page is wider than the window, so reading needs horizontal scrolling
 *       (elements sticking out are named). Content inside its own horizontally scrolling box (the speaker layout's
 *       video strip) does not count: the box is there to scroll.</li>
 *   <li>{@code box-scrolls-sideways}: a box (not the video strip) whose content is wider than itself, so part of it
 *       is only seen by scrolling the box sideways.</li>
 *   <li>{@code text-clipped}: an element with hidden overflow whose text does not fit, so some of it cannot be seen
 *       (a box that scrolls, or has a {@code title}, is a way to see it and does not count).</li>
 *   <li>{@code control-overflows}: a control (button, link, field) whose content is wider or taller than itself.</li>
 *   <li>{@code control-covered}: a control that, scrolled into view, is not what is under its centre and corners:
 *       covered by another element or clipped away, so it cannot be pointed at (with a modal dialog open, only the
 *       dialog's controls are checked).</li>
 *   <li>{@code text-not-scaled} (only with {@code minTextScale}): text smaller than that share of the root font size,
 *       i.e. sized in pixels and left behind when the person makes text larger.</li>
 * </ul>
 * Left out: what is not rendered or not visible ({@code checkVisibility}: closed {@code <details>}, closed dialogs,
 * {@code display: none}, {@code visibility: hidden}), visually hidden text (1 px boxes for screen readers), elements
 * parked above or left of the page until focused (the skip link), and videos.
 * Every audit writes {@code target/layout/<screen>.txt}.
 *
 * <pre>{@code
 * LayoutAudit.audit(page.browser(), "rooms-200", 0.6);
 * }</pre>
 */
public final class LayoutAudit {

    private static final String SCRIPT = PageScript.ELEMENTS + """
            const minScale = arguments[0];
            const W = document.documentElement.clientWidth;
            const rootFont = parseFloat(getComputedStyle(document.documentElement).fontSize);
            const out = [];
            // rendered and visible (not in a closed <details> or dialog, not display:none or visibility:hidden),
            // bigger than the 1 px of visually hidden text, and not parked above or left of the page until focused
            const shown = e => {
              const r = e.getBoundingClientRect();
              if (r.width <= 1 || r.height <= 1) return false;
              if (r.bottom + window.scrollY <= 0 || r.right + window.scrollX <= 0) return false;
              return e.checkVisibility({ visibilityProperty: true }) && !e.closest('video');
            };
            const scrollsSideways = e => { const o = getComputedStyle(e).overflowX; return o === 'auto' || o === 'scroll'; };
            const inSideScroller = e => {
              for (let p = e.parentElement || e.getRootNode().host; p && p !== document.body; p = p.parentElement || (p.getRootNode().host)) {
                if (scrollsSideways(p)) return true;
              }
              return false;
            };
            const hasOwnText = e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
            const controls = 'button, a[href], input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';

            const page = document.scrollingElement;
            if (page.scrollWidth > page.clientWidth + 1) {
              const sticking = all.filter(e => shown(e) && e.getBoundingClientRect().right > W + 1 && !inSideScroller(e));
              // the outermost ones say where the problem is; their descendants stick out with them
              const outer = sticking.filter(e => !sticking.some(o => o !== e && o.contains(e)));
              out.push({ kind: 'page-scrolls-sideways', what: 'page ' + page.scrollWidth + ' px in a window of ' + page.clientWidth
                + ' px; wider: ' + (outer.slice(0, 8).map(name).join(', ') || '(none found)') });
            }
            for (const e of all) {
              if (!shown(e) || e.localName === 'video') continue;
              const s = getComputedStyle(e);
              if (scrollsSideways(e) && e.scrollWidth > e.clientWidth + 1 && !e.classList.contains('strip')) {
                out.push({ kind: 'box-scrolls-sideways', what: name(e) + ' is ' + e.clientWidth + ' px wide, its content ' + e.scrollWidth + ' px' });
              }
              const clips = v => v === 'hidden' || v === 'clip';
              const text = (e.innerText || '').trim();
              if (text && !e.title && (clips(s.overflowX) && e.scrollWidth > e.clientWidth + 1 || clips(s.overflowY) && e.scrollHeight > e.clientHeight + 1)) {
                out.push({ kind: 'text-clipped', what: name(e) + ' shows ' + e.clientWidth + 'x' + e.clientHeight + ' of ' + e.scrollWidth + 'x' + e.scrollHeight });
              }
              if (e.matches(controls) && e.localName !== 'input' && e.localName !== 'select'
                  && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1) && s.overflowX !== 'auto' && s.overflowY !== 'auto') {
                out.push({ kind: 'control-overflows', what: name(e) + ' is ' + e.clientWidth + 'x' + e.clientHeight + ', its content ' + e.scrollWidth + 'x' + e.scrollHeight });
              }
              if (minScale > 0 && hasOwnText(e) && parseFloat(s.fontSize) < minScale * rootFont) {
                out.push({ kind: 'text-not-scaled', what: name(e) + ' at ' + s.fontSize + ' with the root at ' + rootFont + 'px' });
              }
            }
            const deepPoint = (x, y) => {
              let hit = document.elementFromPoint(x, y);
              while (hit && hit.shadowRoot) { const inner = hit.shadowRoot.elementFromPoint(x, y); if (!inner || inner === hit) break; hit = inner; }
              return hit;
            };
            const owns = (c, hit) => { for (let n = hit; n; n = n.parentNode || n.host) { if (n === c) return true; } return false; };
            const scrollX = window.scrollX, scrollY = window.scrollY;
            // behind a modal dialog nothing can be pointed at, by design: then only the dialog's controls count
            const modal = all.find(e => e.localName === 'dialog' && e.matches(':modal'));
            for (const c of all.filter(e => e.matches(controls) && shown(e) && (!modal || owns(modal, e)))) {
              c.scrollIntoView({ block: 'center', inline: 'nearest' });
              // an inline link that wraps has one box per line: its bounding box covers text that is not the link
              const inline = getComputedStyle(c).display === 'inline' && c.getClientRects().length > 1;
              const r = inline ? c.getClientRects()[0] : c.getBoundingClientRect();
              const inset = Math.min(3, r.width / 4, r.height / 4);
              const points = [[r.left + r.width / 2, r.top + r.height / 2]].concat(inline ? [] : [[r.left + inset, r.top + inset],
                [r.right - inset, r.top + inset], [r.left + inset, r.bottom - inset], [r.right - inset, r.bottom - inset]]);
              const missed = points.filter(([x, y]) => !owns(c, deepPoint(x, y)));
              if (missed.length) {
                const [x, y] = missed[0];
                const hit = deepPoint(x, y);
                out.push({ kind: 'control-covered', what: name(c) + ' at ' + Math.round(x) + ',' + Math.round(y) + ' is under ' + (hit ? name(hit) : 'nothing (outside the window)') });
              }
            }
            window.scrollTo(scrollX, scrollY);
            return { rootFont, width: W, problems: out };
            """;

    private LayoutAudit() {
    }

    /** What was found on one screen. */
    public record Result(double rootFontPx, long windowWidthPx, List<String> problems) {
    }

    /**
     * Checks the current page of {@code browser}, records it as {@code screen}, and fails on any problem;
     * {@code minTextScale} above 0 also checks that text follows the root font size (see the class comment).
     */
    public static Result audit(BrowserSession browser, String screen, double minTextScale) {
        Result result = check(browser, screen, minTextScale);
        if (!result.problems().isEmpty()) {
            throw new AssertionError("layout of the screen '" + screen + "' (window " + result.windowWidthPx() + " px, root font "
                    + result.rootFontPx() + " px) has " + result.problems().size() + " problems:\n  " + String.join("\n  ", result.problems()));
        }
        return result;
    }

    /** What the checks find on the current page, recorded as {@code screen}, without failing. */
    public static Result check(BrowserSession browser, String screen, double minTextScale) {
        Result result = run(browser, minTextScale);
        write(screen, result);
        return result;
    }

    /** What the checks find on the current page, without failing or recording. */
    @SuppressWarnings("unchecked")
    public static Result run(BrowserSession browser, double minTextScale) {
        Map<String, Object> r = (Map<String, Object>) browser.execute(SCRIPT, minTextScale);
        List<String> problems = ((List<Map<String, Object>>) r.get("problems")).stream()
                .map(p -> p.get("kind") + ": " + p.get("what")).distinct().toList();
        return new Result(((Number) r.get("rootFont")).doubleValue(), ((Number) r.get("width")).longValue(), problems);
    }

    private static void write(String screen, Result result) {
        Path file = Browsers.target().resolve("layout").resolve(screen + ".txt");
        try {
            Files.createDirectories(file.getParent());
            List<String> lines = result.problems().isEmpty() ? List.of("no problems") : result.problems();
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
