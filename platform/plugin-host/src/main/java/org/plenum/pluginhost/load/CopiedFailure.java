package org.plenum.pluginhost.load;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * A copy of something a plugin (or a framework on its behalf) threw: the original's class name,
 * message, stack trace, causes and suppressed exceptions, but no reference to the original or to any
 * of the plugin's classes. {@link #toString()} reads like the original's.
 *
 * <p>Why: a throwable keeps the classes of the frames it was thrown through reachable (HotSpot's
 * backtrace holds their {@code Class} objects), and it may itself be an instance of a plugin's class.
 * Keeping the original (as "the last failure" of a plugin, in a circuit breaker, in a refusal) keeps
 * the plugin's class loader alive after unload. Keep a copy instead:
 * {@snippet :
 * try {
 *     plugin.start(context);
 * } catch (Exception e) {
 *     lastFailure = CopiedFailure.of(e);     // not e
 * }
 * }
 */
public final class CopiedFailure extends Exception {

    private static final long serialVersionUID = 1L;
    private static final int MAX_DEPTH = 32;

    private final String originalClassName;

    private CopiedFailure(Throwable original, CopiedFailure cause) {
        super(original.getMessage(), cause, true, true);
        this.originalClassName = original.getClass().getName();
        setStackTrace(original.getStackTrace());
    }

    /** A copy of {@code original} and its causes; {@code null} for {@code null}, the same object for a copy. */
    public static CopiedFailure of(Throwable original) {
        return original == null ? null : copy(original, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
    }

    private static CopiedFailure copy(Throwable original, Set<Throwable> seen, int depth) {
        if (original instanceof CopiedFailure copied) {
            return copied;
        }
        seen.add(original);
        Throwable next = original.getCause();
        CopiedFailure cause = next == null || seen.contains(next) || depth >= MAX_DEPTH ? null : copy(next, seen, depth + 1);
        CopiedFailure copy = new CopiedFailure(original, cause);
        for (Throwable suppressed : original.getSuppressed()) {
            if (!seen.contains(suppressed) && depth < MAX_DEPTH) {
                copy.addSuppressed(copy(suppressed, seen, depth + 1));
            }
        }
        return copy;
    }

    /** The class name of what was thrown. */
    public String originalClassName() {
        return originalClassName;
    }

    /** No stack of its own: it carries the original's (a backtrace of its own would hold classes too). */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    @Override
    public String toString() {
        String message = getLocalizedMessage();
        return message == null ? originalClassName : originalClassName + ": " + message;
    }
}
