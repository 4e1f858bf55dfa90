package org.plenum.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A semantic version as defined by <a href="https://semver.org/spec/v2.0.0.html">SemVer 2.0.0</a>:
 * {@code MAJOR.MINOR.PATCH}, an optional pre-release ({@code -rc.1}) and optional build metadata
 * ({@code +20261129}). Ordering is SemVer precedence: numeric parts compared as numbers, a
 * pre-release sorts before its release, build metadata is ignored for ordering.
 * {@snippet :
 * SemVer v = SemVer.parse("1.4.0-rc.2");
 * boolean newer = v.compareTo(SemVer.parse("1.3.9")) > 0;   // true
 * boolean release = v.isPreRelease();                       // false: it is a pre-release
 * }
 * Parsing is strict: exactly three numeric parts, no leading zeros, no {@code v} prefix, each
 * number at most {@value #MAX_COMPONENT}, at most {@value #MAX_LENGTH} characters overall. Every
 * refusal is an {@link IllegalArgumentException} that says what was wrong.
 *
 * <p>Note: {@code equals} compares build metadata too, as records do; use {@link #compareTo} for
 * precedence ({@code 1.0.0+a} and {@code 1.0.0+b} have equal precedence but are not equal).
 *
 * @param major         incremented for incompatible changes
 * @param minor         incremented for compatible additions
 * @param patch         incremented for compatible fixes
 * @param preRelease    dot-separated identifiers after {@code -}, or empty for a release
 * @param buildMetadata dot-separated identifiers after {@code +}, or empty
 */
public record SemVer(int major, int minor, int patch, String preRelease, String buildMetadata) implements Comparable<SemVer> {

    /** The largest number allowed in a version part (as in most package managers, fits an int). */
    public static final int MAX_COMPONENT = Integer.MAX_VALUE;

    /** The longest version text accepted. */
    public static final int MAX_LENGTH = 256;

    /** Checks the parts; {@code preRelease} and {@code buildMetadata} must be valid or empty. */
    public SemVer {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("version parts must not be negative: " + major + "." + minor + "." + patch);
        }
        Objects.requireNonNull(preRelease, "preRelease");
        Objects.requireNonNull(buildMetadata, "buildMetadata");
        if (!preRelease.isEmpty()) {
            checkIdentifiers(preRelease, "pre-release", true);
        }
        if (!buildMetadata.isEmpty()) {
            checkIdentifiers(buildMetadata, "build metadata", false);
        }
    }

    /** A release version {@code major.minor.patch}. */
    public static SemVer of(int major, int minor, int patch) {
        return new SemVer(major, minor, patch, "", "");
    }

    /**
     * Parses a version such as {@code 1.2.3}, {@code 2.0.0-rc.1} or {@code 1.0.0+build.7}.
     *
     * @throws IllegalArgumentException naming the problem (empty, a missing or non-numeric part,
     *                                  a leading zero, a number too large, a bad pre-release)
     */
    public static SemVer parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a version is required (for example 1.0.0), but it was empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("version text is longer than " + MAX_LENGTH + " characters");
        }
        String core = text;
        String build = "";
        String pre = "";
        int plus = core.indexOf('+');
        if (plus >= 0) {
            build = core.substring(plus + 1);
            core = core.substring(0, plus);
            if (build.isEmpty()) {
                throw new IllegalArgumentException("version '" + text + "': nothing after '+'");
            }
        }
        int dash = core.indexOf('-');
        if (dash >= 0) {
            pre = core.substring(dash + 1);
            core = core.substring(0, dash);
            if (pre.isEmpty()) {
                throw new IllegalArgumentException("version '" + text + "': nothing after '-'");
            }
        }
        String[] parts = core.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("version '" + text + "' must have three numeric parts MAJOR.MINOR.PATCH, like 1.0.0");
        }
        int[] numbers = new int[3];
        String[] names = {"major", "minor", "patch"};
        for (int i = 0; i < 3; i++) {
            numbers[i] = number(parts[i], names[i], text);
        }
        try {
            return new SemVer(numbers[0], numbers[1], numbers[2], pre, build);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("version '" + text + "': " + e.getMessage(), e);
        }
    }

    /** Parses one numeric part; used by {@link VersionRange} for its shortened bounds too. */
    static int number(String part, String name, String text) {
        if (part.isEmpty()) {
            throw new IllegalArgumentException("version '" + text + "': the " + name + " part is empty");
        }
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("version '" + text + "': the " + name + " part '" + part + "' is not a number");
            }
        }
        if (part.length() > 1 && part.charAt(0) == '0') {
            throw new IllegalArgumentException("version '" + text + "': the " + name + " part '" + part + "' has a leading zero");
        }
        if (part.length() > 10 || Long.parseLong(part) > MAX_COMPONENT) {
            throw new IllegalArgumentException("version '" + text + "': the " + name + " part is larger than " + MAX_COMPONENT);
        }
        return Integer.parseInt(part);
    }

    /** Whether this has a pre-release part (is not a release). */
    public boolean isPreRelease() {
        return !preRelease.isEmpty();
    }

    /** This version without pre-release and build metadata. */
    public SemVer release() {
        return of(major, minor, patch);
    }

    /** SemVer precedence; build metadata does not count. */
    @Override
    public int compareTo(SemVer o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        if (c == 0) {
            c = Integer.compare(patch, o.patch);
        }
        if (c != 0) {
            return c;
        }
        if (preRelease.equals(o.preRelease)) {
            return 0;
        }
        if (preRelease.isEmpty()) {
            return 1;
        }
        if (o.preRelease.isEmpty()) {
            return -1;
        }
        return comparePreRelease(preRelease, o.preRelease);
    }

    /** The version text, for example {@code 1.2.3-rc.1+build.5}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder().append(major).append('.').append(minor).append('.').append(patch);
        if (!preRelease.isEmpty()) {
            s.append('-').append(preRelease);
        }
        if (!buildMetadata.isEmpty()) {
            s.append('+').append(buildMetadata);
        }
        return s.toString();
    }

    private static int comparePreRelease(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            boolean xn = isNumeric(x[i]);
            boolean yn = isNumeric(y[i]);
            int c;
            if (xn && yn) {
                c = x[i].length() != y[i].length() ? Integer.compare(x[i].length(), y[i].length()) : x[i].compareTo(y[i]);
            } else if (xn) {
                c = -1;
            } else if (yn) {
                c = 1;
            } else {
                c = x[i].compareTo(y[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static void checkIdentifiers(String s, String what, boolean noLeadingZeros) {
        List<String> ids = new ArrayList<>(List.of(s.split("\\.", -1)));
        for (String id : ids) {
            if (id.isEmpty()) {
                throw new IllegalArgumentException("the " + what + " '" + s + "' has an empty identifier");
            }
            for (int i = 0; i < id.length(); i++) {
                char c = id.charAt(i);
                boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
                if (!ok) {
                    throw new IllegalArgumentException("the " + what + " '" + s + "' may contain only letters, digits, '-' and '.'");
                }
            }
            if (noLeadingZeros && isNumeric(id) && id.length() > 1 && id.charAt(0) == '0') {
                throw new IllegalArgumentException("the " + what + " '" + s + "' has a numeric identifier with a leading zero");
            }
        }
    }

    private static boolean isNumeric(String id) {
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) < '0' || id.charAt(i) > '9') {
                return false;
            }
        }
        return !id.isEmpty();
    }
}
