package org.plenum.api;

import java.util.Objects;
import java.util.Optional;

/**
 * A range of {@link SemVer versions}, written in <em>interval notation</em> as OSGi and Maven do:
 * <table class="striped">
 *   <caption>Range syntax</caption>
 *   <thead><tr><th>text</th><th>means</th></tr></thead>
 *   <tbody>
 *     <tr><td>{@code [1.0,2.0)}</td><td>1.0.0 ≤ v &lt; 2.0.0 (the usual "any 1.x")</td></tr>
 *     <tr><td>{@code [1.2.3,1.2.3]}</td><td>exactly 1.2.3</td></tr>
 *     <tr><td>{@code (1.0,2.0]}</td><td>1.0.0 &lt; v ≤ 2.0.0</td></tr>
 *     <tr><td>{@code [1.4,)}</td><td>1.4.0 or later, no upper bound</td></tr>
 *     <tr><td>{@code 1.4}</td><td>the same: a bare version means "at least" (OSGi's rule)</td></tr>
 *   </tbody>
 * </table>
 * A bound may leave out minor and patch ({@code 1} is {@code 1.0.0}, {@code 1.2} is {@code 1.2.0});
 * only a full {@code MAJOR.MINOR.PATCH} bound may carry a pre-release ({@code [1.0,2.0.0-0)}).
 * Spaces around the bounds are allowed. One syntax only: the caret or tilde shorthands of npm are
 * not accepted, so that a plugin's descriptor, its OSGi {@code Import-Package} ranges and its PF4J
 * manifest all read alike; {@link #compatibleWith(SemVer)} builds the caret's meaning in code.
 *
 * <p><b>Pre-releases:</b> an exclusive upper bound that is a release also excludes that release's
 * pre-releases, so {@code [1.0,2.0)} does <em>not</em> contain {@code 2.0.0-rc.1}, whose breaking
 * changes a 1.x plugin cannot expect. Otherwise ordering is SemVer precedence.
 * {@snippet :
 * VersionRange platform = VersionRange.parse("[1.0,2.0)");
 * if (!platform.contains(PlenumApi.VERSION)) {
 *     throw new IllegalStateException("this plugin needs Plenum API " + platform);
 * }
 * }
 *
 * @param lower          the lower bound
 * @param lowerInclusive whether {@code lower} itself is in the range
 * @param upper          the upper bound, or empty for none
 * @param upperInclusive whether {@code upper} itself is in the range (false when there is none)
 */
public record VersionRange(SemVer lower, boolean lowerInclusive, Optional<SemVer> upper, boolean upperInclusive) {

    /** The longest range text accepted. */
    public static final int MAX_LENGTH = 600;

    /** Refuses ranges that contain no version at all. */
    public VersionRange {
        Objects.requireNonNull(lower, "lower");
        Objects.requireNonNull(upper, "upper");
        if (upper.isEmpty() && upperInclusive) {
            throw new IllegalArgumentException("a range without upper bound cannot include it; use [" + lower + ",)");
        }
        if (upper.isPresent()) {
            int c = lower.compareTo(upper.get());
            if (c > 0) {
                throw new IllegalArgumentException("the lower bound " + lower + " is above the upper bound " + upper.get());
            }
            if (c == 0 && !(lowerInclusive && upperInclusive)) {
                throw new IllegalArgumentException("the range " + render(lower, lowerInclusive, upper, upperInclusive)
                        + " contains no version; for exactly one version write [" + lower + "," + lower + "]");
            }
        }
    }

    /** Every version from {@code lower} on. */
    public static VersionRange atLeast(SemVer lower) {
        return new VersionRange(lower, true, Optional.empty(), false);
    }

    /** {@code [lower, upper)}. */
    public static VersionRange between(SemVer lowerInclusive, SemVer upperExclusive) {
        return new VersionRange(lowerInclusive, true, Optional.of(upperExclusive), false);
    }

    /** Exactly {@code version}. */
    public static VersionRange exactly(SemVer version) {
        return new VersionRange(version, true, Optional.of(version), true);
    }

    /**
     * Versions compatible with {@code version} under SemVer: {@code [1.4.0,2.0.0)} for 1.4.0; for
     * 0.x, where every minor may break, {@code [0.3.1,0.4.0)}.
     */
    public static VersionRange compatibleWith(SemVer version) {
        SemVer next = version.major() > 0
                ? SemVer.of(version.major() + 1, 0, 0)
                : SemVer.of(0, version.minor() + 1, 0);
        return between(version, next);
    }

    /**
     * Parses interval notation (see the type's description).
     *
     * @throws IllegalArgumentException saying what is wrong: empty, unbalanced brackets, a bad
     *                                  bound, a number too large, or a range with no version in it
     */
    public static VersionRange parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a version range is required (for example [1.0,2.0)), but it was empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("version range text is longer than " + MAX_LENGTH + " characters");
        }
        String s = text.strip();
        char first = s.charAt(0);
        if (first != '[' && first != '(') {
            if (s.indexOf(',') >= 0 || s.endsWith(")") || s.endsWith("]")) {
                throw new IllegalArgumentException("version range '" + text + "' must start with '[' or '('");
            }
            return atLeast(bound(s, text));
        }
        char last = s.charAt(s.length() - 1);
        if (s.length() < 2 || (last != ']' && last != ')')) {
            throw new IllegalArgumentException("version range '" + text + "' must end with ')' or ']'");
        }
        String inner = s.substring(1, s.length() - 1);
        int comma = inner.indexOf(',');
        if (comma < 0) {
            throw new IllegalArgumentException("version range '" + text + "' needs two bounds separated by ',' like [1.0,2.0)");
        }
        if (inner.indexOf(',', comma + 1) >= 0) {
            throw new IllegalArgumentException("version range '" + text + "' has more than two bounds");
        }
        String lo = inner.substring(0, comma).strip();
        String hi = inner.substring(comma + 1).strip();
        if (lo.isEmpty()) {
            throw new IllegalArgumentException("version range '" + text + "' has no lower bound; write [0,...) for any version");
        }
        SemVer lower = bound(lo, text);
        if (hi.isEmpty()) {
            if (last == ']') {
                throw new IllegalArgumentException("version range '" + text + "' has no upper bound, so it must end with ')'");
            }
            return new VersionRange(lower, first == '[', Optional.empty(), false);
        }
        SemVer upper = bound(hi, text);
        try {
            return new VersionRange(lower, first == '[', Optional.of(upper), last == ']');
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("version range '" + text + "': " + e.getMessage(), e);
        }
    }

    private static SemVer bound(String b, String text) {
        if (b.indexOf('-') >= 0 || b.indexOf('+') >= 0) {
            try {
                return SemVer.parse(b);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("in version range '" + text + "': " + e.getMessage(), e);
            }
        }
        String[] parts = b.split("\\.", -1);
        if (parts.length > 3) {
            throw new IllegalArgumentException("version range '" + text + "': the bound '" + b + "' has more than three parts");
        }
        String[] names = {"major", "minor", "patch"};
        int[] n = new int[3];
        for (int i = 0; i < parts.length; i++) {
            n[i] = SemVer.number(parts[i], names[i], text);
        }
        return SemVer.of(n[0], n[1], n[2]);
    }

    /** Whether {@code version} lies in this range (see the note on pre-releases). */
    public boolean contains(SemVer version) {
        int lo = version.compareTo(lower);
        if (lo < 0 || (lo == 0 && !lowerInclusive)) {
            return false;
        }
        if (upper.isEmpty()) {
            return true;
        }
        SemVer up = upper.get();
        int hi = version.compareTo(up);
        if (hi > 0 || (hi == 0 && !upperInclusive)) {
            return false;
        }
        boolean preReleaseOfExcludedRelease = !upperInclusive && !up.isPreRelease()
                && version.isPreRelease() && version.release().compareTo(up) == 0;
        return !preReleaseOfExcludedRelease;
    }

    /** The canonical text, with full bounds: {@code [1.0.0,2.0.0)} or {@code [1.4.0,)}. */
    @Override
    public String toString() {
        return render(lower, lowerInclusive, upper, upperInclusive);
    }

    private static String render(SemVer lower, boolean lowerInclusive, Optional<SemVer> upper, boolean upperInclusive) {
        return (lowerInclusive ? "[" : "(") + lower + "," + upper.map(SemVer::toString).orElse("") + (upperInclusive ? "]" : ")");
    }
}
