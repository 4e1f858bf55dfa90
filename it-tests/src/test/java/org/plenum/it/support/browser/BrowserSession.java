package org.plenum.it.support.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * One running Chromium: open pages, run JavaScript (also asynchronous JavaScript that awaits promises),
 * read WebRTC statistics, take screenshots and read the console. Closing it quits Chromium and deletes
 * its profile. Not thread-safe: one test thread drives one browser.
 */
public final class BrowserSession implements AutoCloseable {

    private final String name;
    private final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path profile;
    private final Duration startup;
    private final List<String> console = new ArrayList<>();
    private boolean closed;

    BrowserSession(String name, ChromeDriver driver, ChromeDriverService service, Path profile, Duration startup) {
        this.name = name;
        this.driver = driver;
        this.service = service;
        this.profile = profile;
        this.startup = startup;
    }

    public String name() {
        return name;
    }

    /** Selenium's driver, for what this class does not offer (finding elements, clicking, typing). */
    public ChromeDriver driver() {
        return driver;
    }

    /** How long Chromium and chromedriver took to start, up to the first page being drivable. */
    public Duration startup() {
        return startup;
    }

    /** Loads {@code url} and waits until the document has loaded. */
    public void open(URI url) {
        driver.get(url.toString());
    }

    /** Runs synchronous JavaScript ({@code return …} gives a value: numbers come back as Long or Double, objects as Map). */
    public Object execute(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /**
     * Runs the body of an async JavaScript function and returns what it resolves to; {@code args} are
     * {@code args[0]}, {@code args[1]}, … inside it. A rejected promise or a thrown error fails here with the
     * JavaScript message; a promise that settles within no 30 s fails with Selenium's script timeout.
     *
     * <pre>{@code
     * String answer = (String) alice.await("const a = await window.pc.createAnswer(); return a.sdp;");
     * }</pre>
     */
    public Object await(String asyncBody, Object... args) {
        String script = """
                const done = arguments[arguments.length - 1];
                const args = Array.prototype.slice.call(arguments, 0, arguments.length - 1);
                (async (args) => { %s })(args).then(
                    value => done({ ok: true, value: value === undefined ? null : value }),
                    error => done({ ok: false, error: String(error && error.stack || error) }));
                """.formatted(asyncBody);
        Object result = driver.executeAsyncScript(script, args);
        if (!(result instanceof Map<?, ?> outcome)) {
            throw new IllegalStateException(name + ": async script gave no outcome but " + result);
        }
        if (!Boolean.TRUE.equals(outcome.get("ok"))) {
            throw new IllegalStateException(name + ": async script failed: " + outcome.get("error"));
        }
        return outcome.get("value");
    }

    /**
     * What the {@code RTCPeerConnection} that {@code peerConnection} (a JavaScript expression, e.g.
     * {@code "window.pc"}) evaluates to has received so far, from its {@code getStats()}.
     */
    public MediaStats inboundStats(String peerConnection) {
        Object report = await("""
                const pc = (new Function('return (' + args[0] + ')'))();
                if (!(pc instanceof RTCPeerConnection)) throw new Error(args[0] + ' is not an RTCPeerConnection');
                const out = [];
                (await pc.getStats()).forEach(s => { if (s.type === 'inbound-rtp') out.push(s); });
                return out;
                """, peerConnection);
        return MediaStats.of((List<?>) report);
    }

    /** Saves a PNG of the page as {@code target/screenshots/<fileName>.png} and returns its path. */
    public Path screenshot(String fileName) {
        Path file = Browsers.screenshotDirectory().resolve(fileName + ".png");
        try {
            Files.createDirectories(file.getParent());
            Files.move(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the screenshot " + file, e);
        }
    }

    /**
     * The browser console since the session started ({@code console.*} calls, uncaught errors, failed loads),
     * one line per entry: time, level, message.
     */
    public List<String> consoleLog() {
        if (!closed) {
            for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
                console.add(entry.getTimestamp() + " " + entry.getLevel() + " " + entry.getMessage());
            }
        }
        return List.copyOf(console);
    }

    /** Writes the console log to {@code target/browser-logs/<fileName>.log} and returns its path. */
    public Path saveConsoleLog(String fileName) {
        Path file = Browsers.target().resolve("browser-logs").resolve(fileName + ".log");
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, consoleLog());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the console log " + file, e);
        }
    }

    /** Quits Chromium and chromedriver and deletes the profile directory. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            consoleLog(); // kept for a look after the browser is gone
        } catch (RuntimeException e) {
            console.add("(console log unreadable: " + e.getMessage() + ")");
        }
        closed = true;
        try {
            driver.quit();
        } finally {
            service.stop();
            Browsers.deleteTree(profile);
        }
    }
}
