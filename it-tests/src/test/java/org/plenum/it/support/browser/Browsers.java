package org.plenum.it.support.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Starts Debian's Chromium through Debian's chromedriver, both by their fixed paths, so Selenium Manager
 * never runs and nothing is downloaded. Every browser gets a fresh profile directory (deleted when its
 * session closes), a fake camera (a moving test picture) and a fake microphone (a beep), and may connect
 * peer to peer over loopback.
 *
 * <pre>{@code
 * try (BrowserSession alice = Browsers.start("alice")) {
 *     alice.open(pages.url("p2p.html"));
 *     alice.screenshot("p2p-alice");
 * }
 * }</pre>
 * In a test class, {@link BrowserSessions} starts them and, when a test fails, saves each one's screenshot and console log.
 */
public final class Browsers {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** The flags every browser gets (besides its own {@code --user-data-dir}). */
    public static final List<String> FLAGS = List.of(
            "--headless=new",
            "--no-sandbox", // the tests run as root
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            // without these Chromium calls Google's hosts at start, which this closed network refuses many times over
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--use-fake-ui-for-media-stream", // grants camera and microphone without asking
            "--use-fake-device-for-media-stream",
            "--allow-loopback-in-peer-connection"); // ICE host candidates on 127.0.0.1

    /**
     * Selenium looks for DevTools bindings of the browser's version at every start and warns when its release
     * has none (Debian's Chromium is often newer); the harness does not use them. Held here, as the JDK's
     * loggers are weakly referenced and would forget the level.
     */
    private static final java.util.logging.Logger CDP_VERSION_FINDER = java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PAGE_LOAD_TIMEOUT = Duration.ofSeconds(30);

    private Browsers() {
    }

    /** Where screenshots go: {@code it-tests/target/screenshots/}. */
    public static Path screenshotDirectory() {
        return target().resolve("screenshots");
    }

    static Path target() {
        return Path.of(System.getProperty("plenum.it.target", "target")).toAbsolutePath();
    }

    /**
     * A new headless Chromium with an empty profile.
     *
     * @param name says whose browser this is ({@code "alice"}); names its screenshots and logs
     * @throws IllegalStateException when chromium or chromedriver is not installed, or Chromium does not start
     */
    public static BrowserSession start(String name) {
        return start(name, List.of());
    }

    /**
     * A new headless Chromium with an empty profile and {@code extraFlags} besides {@link #FLAGS}, e.g.
     * {@code --auto-select-desktop-capture-source=Entire screen} for a browser that shares its screen.
     */
    public static BrowserSession start(String name, List<String> extraFlags) {
        return start(name, extraFlags, Map.of());
    }

    /**
     * As {@link #start(String, List)}, with profile preferences as a person would set them in Chromium's settings, e.g.
     * {@code webkit.webprefs.default_font_size} (Settings, Appearance, Font size) or {@code intl.accept_languages}.
     */
    public static BrowserSession start(String name, List<String> extraFlags, Map<String, Object> preferences) {
        for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(binary + " is missing; install Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
            }
        }
        // for any Selenium code that looks the driver up by property rather than through the service below
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        CDP_VERSION_FINDER.setLevel(Level.SEVERE);
        Instant begin = Instant.now();
        Path profile;
        try {
            Files.createDirectories(target());
            profile = Files.createTempDirectory(target(), "chromium-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a profile directory for " + name, e);
        }
        Path driverLog = target().resolve("browser-logs").resolve(name + "-chromedriver.log");
        ChromeDriverService service = null;
        try {
            Files.createDirectories(driverLog.getParent());
            service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .withLogFile(driverLog.toFile())
                    .build();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            List<String> arguments = new ArrayList<>(FLAGS);
            arguments.addAll(extraFlags);
            arguments.add("--user-data-dir=" + profile);
            options.addArguments(arguments);
            if (!preferences.isEmpty()) {
                options.setExperimentalOption("prefs", preferences);
            }
            LoggingPreferences logging = new LoggingPreferences();
            logging.enable(LogType.BROWSER, Level.ALL);
            options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
            options.setScriptTimeout(SCRIPT_TIMEOUT);
            options.setPageLoadTimeout(PAGE_LOAD_TIMEOUT);
            ChromeDriver driver = new ChromeDriver(service, options);
            Duration startup = Duration.between(begin, Instant.now());
            System.out.printf("browser: %s started in %d ms (%s)%n", name, startup.toMillis(), driver.getCapabilities().getBrowserVersion());
            return new BrowserSession(name, driver, service, profile, startup);
        } catch (RuntimeException | IOException e) {
            if (service != null) {
                service.stop();
            }
            deleteTree(profile);
            throw new IllegalStateException("cannot start Chromium for " + name + " (chromedriver log: " + driverLog + "): " + e.getMessage(), e);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // Chromium's last writes may race the delete; what is left is in target/ and goes with mvn clean
            System.err.println("browser: could not delete " + dir + " entirely: " + e.getMessage());
        }
    }

}
