package org.plenum.server.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.plenum.server.http.ProblemErrorHandler;

/**
 * The browser client at {@code /}: the files the {@code plenum-web-ui} jar carries under
 * {@value #ROOT}, and {@code index.html} for every client-side route ({@code /rooms}, {@code /join/<token>},
 * {@code /r/<roomId>} …: any path whose last segment has no dot). Server areas ({@code /api}, {@code /signaling},
 * {@code /plugins}, {@code /healthz}, {@code /readyz}, {@code /metrics}) are never answered from here, so a
 * typo there gives a 404 problem instead of the client's HTML.
 *
 * <p>Files below {@code /assets/} carry a content hash in their names (Vite) and are cached for a year;
 * everything else is revalidated with an ETag. Every answer carries a strict Content-Security-Policy: scripts
 * only from this server, plus the one inline script the page has, its import map, allowed by its hash.
 */
public final class WebClientServlet extends HttpServlet {

    static final String ROOT = "META-INF/plenum-web/";
    private static final List<String> SERVER_AREAS = List.of("/api", "/signaling", "/plugins", "/healthz", "/readyz", "/metrics");
    private static final Pattern IMPORT_MAP = Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL);
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"), Map.entry("map", "application/json"),
            Map.entry("webmanifest", "application/manifest+json"), Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"), Map.entry("ico", "image/x-icon"), Map.entry("webp", "image/webp"),
            Map.entry("woff2", "font/woff2"), Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("wav", "audio/wav"), Map.entry("ogg", "audio/ogg"), Map.entry("mp3", "audio/mpeg"));

    private record Asset(byte[] bytes, String contentType, String etag) {
    }

    private final transient ClassLoader loader;
    private final transient Optional<Asset> index;
    private final String csp;
    private final transient Map<String, Optional<Asset>> cache = new ConcurrentHashMap<>();

    public WebClientServlet(WebClientConfig config) {
        this(config, WebClientServlet.class.getClassLoader());
    }

    WebClientServlet(WebClientConfig config, ClassLoader loader) {
        this.loader = loader;
        this.index = read("index.html");
        this.csp = contentSecurityPolicy(index.map(a -> new String(a.bytes(), StandardCharsets.UTF_8)).orElse(""), config);
    }

    /** Whether the client's files are on the class path (the {@code plenum-web-ui} jar in {@code lib/}). */
    public boolean installed() {
        return index.isPresent();
    }

    static String contentSecurityPolicy(String indexHtml, WebClientConfig config) {
        StringBuilder scripts = new StringBuilder("'self'");
        Matcher m = IMPORT_MAP.matcher(indexHtml);
        while (m.find()) {
            scripts.append(" 'sha256-").append(Base64.getEncoder().encodeToString(sha256(m.group(1).getBytes(StandardCharsets.UTF_8)))).append('\'');
        }
        String connect = String.join(" ", java.util.stream.Stream.concat(java.util.stream.Stream.of("'self'"),
                config.providerOrigins().stream()).toList());
        return "default-src 'self'; script-src " + scripts + "; style-src 'self'; img-src 'self' data: blob:; "
                + "media-src 'self' blob: mediastream:; font-src 'self'; connect-src " + connect + "; worker-src 'self'; "
                + "frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI();
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Referrer-Policy", "no-referrer"); // invite tokens live in the path of /join/<token>
        if (path == null || !path.startsWith("/") || isServerArea(path) || !safe(path)) {
            notFound(resp, "no such page");
            return;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        Optional<Asset> asset;
        boolean page = last.isEmpty() || last.indexOf('.') < 0 || last.equals("index.html");
        if (page) {
            asset = index;
            if (asset.isEmpty()) {
                notFound(resp, "the web client is not installed (the plenum-web-ui jar is missing from the class path)");
                return;
            }
        } else {
            asset = cache.computeIfAbsent(path, p -> read(p.substring(1)));
            if (asset.isEmpty()) {
                notFound(resp, "no such file");
                return;
            }
        }
        Asset a = asset.get();
        if (page) {
            resp.setHeader("Content-Security-Policy", csp);
            resp.setHeader("X-Frame-Options", "DENY");
            resp.setHeader("Permissions-Policy", "camera=(self), microphone=(self), display-capture=(self), geolocation=()");
        }
        if (path.startsWith("/assets/")) {
            resp.setHeader("Cache-Control", "public, max-age=31536000, immutable");
        } else {
            resp.setHeader("Cache-Control", "no-cache");
            resp.setHeader("ETag", a.etag());
            String match = req.getHeader("If-None-Match");
            if (match != null && match.contains(a.etag())) {
                resp.setStatus(304);
                return;
            }
        }
        resp.setStatus(200);
        resp.setContentType(a.contentType());
        resp.setContentLength(a.bytes().length);
        if (!"HEAD".equals(req.getMethod())) {
            resp.getOutputStream().write(a.bytes());
        }
    }

    private static boolean isServerArea(String path) {
        for (String area : SERVER_AREAS) {
            if (path.equals(area) || path.startsWith(area + "/")) {
                return true;
            }
        }
        return false;
    }

    /** Undecoded request paths only: a percent sign, a backslash or a dot segment never names a client file. */
    private static boolean safe(String path) {
        return path.indexOf('%') < 0 && path.indexOf('\\') < 0 && !path.contains("//") && !path.contains("/.") && path.length() < 512;
    }

    private static void notFound(HttpServletResponse resp, String detail) throws IOException {
        resp.setStatus(404);
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentType("application/problem+json");
        resp.getOutputStream().write(ProblemErrorHandler.problemBody(404, detail));
    }

    private Optional<Asset> read(String relative) {
        URL url = loader.getResource(ROOT + relative);
        if (url == null || url.getPath().endsWith("/")) {
            return Optional.empty();
        }
        try (InputStream in = url.openStream()) {
            byte[] bytes = in.readAllBytes();
            String ext = relative.substring(relative.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            String etag = "\"" + HexFormat.of().formatHex(sha256(bytes), 0, 16) + "\"";
            return Optional.of(new Asset(bytes, TYPES.getOrDefault(ext, "application/octet-stream"), etag));
        } catch (IOException e) {
            return Optional.empty(); // a directory inside a jar, or unreadable: not a file we serve
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
