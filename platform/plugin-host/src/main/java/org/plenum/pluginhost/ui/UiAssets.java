package org.plenum.pluginhost.ui;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.plenum.api.ui.UiContribution;

/**
 * A plugin's web client files, read from its stored jar's declared asset directory only: never
 * classes, never anything outside that directory. Content types come from the file extension; an
 * unknown extension is served as {@code application/octet-stream} (with {@code nosniff} the browser
 * will not run it).
 */
public final class UiAssets {

    /** The largest single file served. */
    public static final int MAX_FILE_BYTES = 10 * 1024 * 1024;

    /** A file to send. */
    public record Asset(String contentType, byte[] bytes) {
    }

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("wasm", "application/wasm"));

    /**
     * The file {@code path} (relative to the asset directory, as requested) from {@code jar}, or empty
     * if the path is not a plain relative path, does not exist, is a directory or is too large.
     */
    public Optional<Asset> read(Path jar, UiContribution ui, String path) {
        if (path == null || path.isEmpty()) {
            return Optional.empty();
        }
        try {
            UiContribution.checkRelativePath(path, "UI file");
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String name = ui.assetDirectory() + "/" + path;
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            JarEntry entry = file.getJarEntry(name);
            if (entry == null || entry.isDirectory() || entry.getSize() > MAX_FILE_BYTES) {
                return Optional.empty();
            }
            try (InputStream in = file.getInputStream(entry)) {
                byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
                if (bytes.length > MAX_FILE_BYTES) {
                    return Optional.empty();
                }
                return Optional.of(new Asset(contentType(path), bytes));
            }
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** The content type for a file name, by extension. */
    public static String contentType(String path) {
        int dot = path.lastIndexOf('.');
        String ext = dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }
}
