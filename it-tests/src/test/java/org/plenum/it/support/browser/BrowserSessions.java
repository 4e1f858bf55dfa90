package org.plenum.it.support.browser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The browsers of one test: started through {@link #start(String)}, closed after the test, and, when the
 * test failed, first photographed ({@code target/screenshots/<Class>.<test>-<name>-failed.png}) and their
 * console saved ({@code target/browser-logs/<Class>.<test>-<name>.log}).
 *
 * <pre>{@code
 * @RegisterExtension
 * final BrowserSessions browsers = new BrowserSessions();
 *
 * @Test
 * void aliceSeesBob() {
 *     BrowserSession alice = browsers.start("alice");
 *     ...
 * }
 * }</pre>
 */
public final class BrowserSessions implements AfterEachCallback {

    private final List<BrowserSession> sessions = new ArrayList<>();

    /** A new Chromium, closed after the current test. */
    public BrowserSession start(String name) {
        return start(name, List.of());
    }

    /** A new Chromium with extra command-line flags, closed after the current test. */
    public BrowserSession start(String name, List<String> extraFlags) {
        return start(name, extraFlags, Map.of());
    }

    /** A new Chromium with extra flags and profile preferences ({@link Browsers#start(String, List, Map)}), closed after the current test. */
    public BrowserSession start(String name, List<String> extraFlags, Map<String, Object> preferences) {
        BrowserSession session = Browsers.start(name, extraFlags, preferences);
        sessions.add(session);
        return session;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        String test = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
        boolean failed = context.getExecutionException().isPresent();
        try {
            for (BrowserSession session : sessions) {
                if (failed) {
                    keepEvidence(session, test + "-" + session.name());
                }
                session.close();
            }
        } finally {
            sessions.clear();
        }
    }

    private static void keepEvidence(BrowserSession session, String prefix) {
        try {
            System.out.println("browser: screenshot of the failed test at " + session.screenshot(prefix + "-failed"));
        } catch (RuntimeException e) {
            System.out.println("browser: no screenshot of " + session.name() + ": " + e.getMessage());
        }
        try {
            List<String> console = session.consoleLog();
            System.out.println("browser: console of " + session.name() + " at " + session.saveConsoleLog(prefix) + ":");
            console.stream().limit(40).forEach(line -> System.out.println("  " + line));
        } catch (RuntimeException e) {
            System.out.println("browser: no console log of " + session.name() + ": " + e.getMessage());
        }
    }
}
