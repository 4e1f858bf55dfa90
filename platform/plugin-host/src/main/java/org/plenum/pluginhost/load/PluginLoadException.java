package org.plenum.pluginhost.load;

/**
 * A plugin jar could not be loaded. The message names the jar, says what is wrong and what to do,
 * in words an administrator can act on; it never needs the stack trace to be understood.
 */
public final class PluginLoadException extends Exception {

    private static final long serialVersionUID = 1L;

    public PluginLoadException(String message) {
        super(message);
    }

    public PluginLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
