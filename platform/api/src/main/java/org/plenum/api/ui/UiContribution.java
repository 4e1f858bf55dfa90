package org.plenum.api.ui;

import java.util.List;
import java.util.Objects;
import org.plenum.api.PluginId;

/**
 * A plugin's part of the web client: static files in its jar, served by the host under
 * {@code /plugins/{id}/ui/}, one ES module that the client imports, and where its custom elements
 * appear. Declared in the {@link org.plenum.api.PluginDescriptor}; there is nothing to do at run
 * time.
 * {@snippet :
 * // files in the jar: ui/voting.js, ui/voting.css, ui/icons/ballot.svg
 * UiContribution ui = new UiContribution("ui", "voting.js", List.of(
 *         new UiMount(UiSlot.SIDE_PANEL, "voting-panel"),
 *         new UiMount(UiSlot.ACTION_BAR, "voting-start-button")));
 * String url = ui.entryUrl(PluginId.of("voting"));   // "/plugins/voting/ui/voting.js"
 * }
 * The host serves only files below {@code assetDirectory}, with content types by file extension,
 * {@code X-Content-Type-Options: nosniff} and the client's Content-Security-Policy; the entry
 * module is loaded with {@code import()}, so it may import its siblings by relative URL.
 *
 * @param assetDirectory the directory in the jar that holds the files, for example {@code ui}
 * @param entryModule    the ES module to import, relative to {@code assetDirectory}; ends in
 *                       {@code .js} or {@code .mjs}
 * @param mounts         the custom elements and their slots; may be empty for a module that only
 *                       registers client-side behaviour
 */
public record UiContribution(String assetDirectory, String entryModule, List<UiMount> mounts) {

    /** Checks the paths. @throws IllegalArgumentException for absolute paths, {@code ..}, odd characters or a non-module entry */
    public UiContribution {
        checkRelativePath(assetDirectory, "UI asset directory");
        checkRelativePath(entryModule, "UI entry module");
        if (!entryModule.endsWith(".js") && !entryModule.endsWith(".mjs")) {
            throw new IllegalArgumentException("UI entry module '" + entryModule + "' must be an ES module ending in .js or .mjs");
        }
        mounts = List.copyOf(Objects.requireNonNull(mounts, "mounts"));
    }

    /** The URL path the plugin's files are served under: {@code /plugins/{id}/ui/}. */
    public String publicPath(PluginId plugin) {
        return "/plugins/" + plugin.value() + "/ui/";
    }

    /** The URL path of the entry module, for example {@code /plugins/voting/ui/voting.js}. */
    public String entryUrl(PluginId plugin) {
        return publicPath(plugin) + entryModule;
    }

    /**
     * Checks a path inside a jar: relative, {@code /}-separated segments of letters, digits,
     * {@code .}, {@code _} and {@code -}, no {@code .} or {@code ..} segment.
     *
     * @throws IllegalArgumentException naming {@code what} and the problem
     */
    public static void checkRelativePath(String path, String what) {
        Objects.requireNonNull(path, what);
        if (path.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        if (path.length() > 200) {
            throw new IllegalArgumentException(what + " is longer than 200 characters");
        }
        if (path.startsWith("/") || path.endsWith("/")) {
            throw new IllegalArgumentException(what + " '" + path + "' must be relative and must not start or end with '/'");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException(what + " '" + path + "' must not contain empty, '.' or '..' segments");
            }
            if (!segment.matches("[A-Za-z0-9._-]+")) {
                throw new IllegalArgumentException(what + " '" + path + "' may contain only letters, digits, '.', '_', '-' and '/'");
            }
        }
    }
}
