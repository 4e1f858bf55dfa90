package org.plenum.pluginhost.lifecycle;

import java.io.Serial;

/** A jar could not be loaded as a plugin; the message names the jar and says what to do. */
public final class CodeLoadException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    public CodeLoadException(String message) {
        super(message);
    }

    public CodeLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
