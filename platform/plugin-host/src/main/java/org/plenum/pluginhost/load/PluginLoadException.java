package org.plenum.pluginhost.load;

/**
 * A plugin jar could not be loaded. The message names the jar, says what is wrong and what to do,
 * in words an administrator can act on; it never needs the stack trace to be understood.
 *
 * <p>The cause, if any, is a {@link CopiedFailure} of what was thrown, so that keeping a refusal
 * (to show it to an administrator later) does not keep the refused plugin's class loader alive.
 */
public final class PluginLoadException extends Exception {

    private static final long serialVersionUID = 1L;

    public PluginLoadException(String message) {
        super(message);
    }

    /** {@code cause} is kept as a {@link CopiedFailure}. */
    public PluginLoadException(String message, Throwable cause) {
        super(message, CopiedFailure.of(cause));
    }
}
