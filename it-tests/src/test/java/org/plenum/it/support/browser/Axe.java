package org.plenum.it.support.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * axe-core (npm, installed with the it-tests Node project in {@code src/test/node/werift-peer}) run in the page:
 * injected through WebDriver, so the page's Content-Security-Policy does not stand in the way, then
 * {@code axe.run(document)} with the WCAG 2.0/2.1 A and AA rules. axe looks into open shadow roots itself.
 * Every audit writes {@code target/axe/<screen>.txt}; {@link #audit} fails on any violation of impact serious or critical.
 *
 * <pre>{@code
 * Axe.audit(chrome, "login");
 * }</pre>
 */
public final class Axe {

    private static volatile String source;

    private Axe() {
    }

    /** A violation: rule, impact, what it is about, and the elements (CSS paths, shadow parts joined by " >> "). */
    public record Violation(String rule, String impact, String help, List<String> targets) {
        @Override
        public String toString() {
            return impact + " " + rule + " (" + help + "): " + String.join(", ", targets);
        }
    }

    /** Runs axe on the current page of {@code browser}, records the result as {@code screen}, and fails on serious or critical violations. */
    public static List<Violation> audit(BrowserSession browser, String screen) {
        List<Violation> all = run(browser);
        write(screen, all);
        List<Violation> bad = all.stream().filter(v -> "serious".equals(v.impact()) || "critical".equals(v.impact())).toList();
        if (!bad.isEmpty()) {
            throw new AssertionError("axe-core on the screen '" + screen + "' found " + bad.size() + " serious or critical violations:\n  "
                    + String.join("\n  ", bad.stream().map(Violation::toString).toList()));
        }
        return all;
    }

    /** All violations on the current page. */
    @SuppressWarnings("unchecked")
    public static List<Violation> run(BrowserSession browser) {
        if (!Boolean.TRUE.equals(browser.execute("return !!window.axe;"))) {
            // the source as the script itself, not eval'd: the page's CSP has no 'unsafe-eval'
            browser.execute(axeSource() + "\n;return true;");
        }
        Object result = browser.await("""
                const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
                return r.violations.map(v => ({ id: v.id, impact: v.impact || '', help: v.help,
                  targets: v.nodes.map(n => n.target.map(t => Array.isArray(t) ? t.join(' >> ') : String(t)).join(' >> ')) }));
                """);
        List<Violation> out = new ArrayList<>();
        for (Object o : (List<Object>) result) {
            Map<String, Object> v = (Map<String, Object>) o;
            out.add(new Violation((String) v.get("id"), (String) v.get("impact"), (String) v.get("help"), (List<String>) v.get("targets")));
        }
        return out;
    }

    private static String axeSource() {
        if (source == null) {
            Path file = Path.of(System.getProperty("plenum.root", "..")).toAbsolutePath().normalize()
                    .resolve("it-tests/src/test/node/werift-peer/node_modules/axe-core/axe.min.js");
            try {
                source = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(file + " is missing: npm ci in it-tests/src/test/node/werift-peer installs axe-core", e);
            }
        }
        return source;
    }

    private static void write(String screen, List<Violation> violations) {
        Path file = Browsers.target().resolve("axe").resolve(screen + ".txt");
        try {
            Files.createDirectories(file.getParent());
            List<String> lines = violations.isEmpty() ? List.of("no violations") : violations.stream().map(Violation::toString).toList();
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
