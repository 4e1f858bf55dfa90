package org.plenum.api.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A route's path below {@code /api/v1/plugins/{id}}: {@code /}-separated segments, each a literal
 * ({@code votes}) or a parameter ({@code {voteId}}) that matches one whole, non-empty segment.
 * Matching is exact (same number of segments, no wildcards, no trailing slash except for the root
 * {@code /}); parameters are percent-decoded as UTF-8. When several templates match, the one with a
 * literal at the first differing segment wins ({@link #mostSpecificFirst()}), so
 * {@code /votes/current} is chosen over {@code /votes/{voteId}}. Shared by the host and the
 * {@code PluginTester} so that both route alike.
 * {@snippet :
 * PathTemplate t = PathTemplate.parse("/votes/{voteId}/report");
 * Optional<Map<String, String>> m = t.match("/votes/7f3a/report");   // {voteId=7f3a}
 * Optional<Map<String, String>> none = t.match("/votes/7f3a");       // empty
 * }
 *
 * @param template the template text
 * @param segments the parsed segments: literals as they are, parameters as {@code {name}}
 */
public record PathTemplate(String template, List<String> segments) {

    /** Copies the segments. */
    public PathTemplate {
        Objects.requireNonNull(template, "template");
        segments = List.copyOf(segments);
    }

    /**
     * Parses a template.
     *
     * @throws IllegalArgumentException for a missing leading {@code /}, empty segments, a trailing
     *                                  {@code /}, bad characters, or a parameter named twice
     */
    public static PathTemplate parse(String template) {
        if (template == null || template.isEmpty()) {
            throw new IllegalArgumentException("a route path is required, for example /votes/{voteId}");
        }
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("route path '" + template + "' must start with '/'");
        }
        if (template.length() > 200) {
            throw new IllegalArgumentException("route path is longer than 200 characters");
        }
        if (template.equals("/")) {
            return new PathTemplate(template, List.of());
        }
        if (template.endsWith("/")) {
            throw new IllegalArgumentException("route path '" + template + "' must not end with '/'");
        }
        List<String> segments = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String s : template.substring(1).split("/", -1)) {
            if (s.isEmpty()) {
                throw new IllegalArgumentException("route path '" + template + "' has an empty segment ('//')");
            }
            if (s.startsWith("{") && s.endsWith("}")) {
                String name = s.substring(1, s.length() - 1);
                if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
                    throw new IllegalArgumentException("route path '" + template + "': parameter name '" + name
                            + "' must be letters, digits and '_', starting with a letter");
                }
                if (!names.add(name)) {
                    throw new IllegalArgumentException("route path '" + template + "' names the parameter '" + name + "' twice");
                }
            } else if (!s.matches("[A-Za-z0-9._~-]+") || s.equals(".") || s.equals("..")) {
                throw new IllegalArgumentException("route path '" + template + "': segment '" + s
                        + "' must be a {parameter} or letters, digits, '.', '_', '~', '-'");
            }
            segments.add(s);
        }
        return new PathTemplate(template, segments);
    }

    /** The parameter names, in order. */
    public List<String> parameterNames() {
        return segments.stream().filter(PathTemplate::isParameter).map(s -> s.substring(1, s.length() - 1)).toList();
    }

    /**
     * The parameters if {@code path} (below the plugin's mount point, still percent-encoded, no
     * query) matches; empty if it does not or if a parameter is not valid percent-encoded UTF-8.
     */
    public Optional<Map<String, String>> match(String path) {
        if (path == null || !path.startsWith("/")) {
            return Optional.empty();
        }
        List<String> parts = path.equals("/") ? List.of() : List.of(path.substring(1).split("/", -1));
        if (parts.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            String want = segments.get(i);
            String got = parts.get(i);
            if (got.isEmpty()) {
                return Optional.empty();
            }
            if (isParameter(want)) {
                Optional<String> decoded = percentDecode(got);
                if (decoded.isEmpty()) {
                    return Optional.empty();
                }
                params.put(want.substring(1, want.length() - 1), decoded.get());
            } else if (!want.equals(got)) {
                return Optional.empty();
            }
        }
        return Optional.of(Map.copyOf(params));
    }

    /** Orders templates so that, of several matching one path, the most specific comes first. */
    public static Comparator<PathTemplate> mostSpecificFirst() {
        return (a, b) -> {
            for (int i = 0; i < Math.min(a.segments.size(), b.segments.size()); i++) {
                boolean pa = isParameter(a.segments.get(i));
                boolean pb = isParameter(b.segments.get(i));
                if (pa != pb) {
                    return pa ? 1 : -1;
                }
            }
            return Integer.compare(b.segments.size(), a.segments.size());
        };
    }

    /** The template text. */
    @Override
    public String toString() {
        return template;
    }

    private static boolean isParameter(String segment) {
        return segment.startsWith("{");
    }

    private static Optional<String> percentDecode(String s) {
        if (s.indexOf('%') < 0 && s.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return Optional.of(s);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    return Optional.empty();
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0 || s.charAt(i + 1) > 'f' || s.charAt(i + 2) > 'f') {
                    return Optional.empty();
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c <= 0x20 || c >= 0x7f) {
                return Optional.empty();
            } else {
                bytes.write(c);
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
