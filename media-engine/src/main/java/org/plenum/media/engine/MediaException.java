package org.plenum.media.engine;

/** A request the engine cannot carry out, with a message that tells the client what was wrong. */
public final class MediaException extends Exception {

    public MediaException(String message) {
        super(message);
    }

    public MediaException(String message, Throwable cause) {
        super(message, cause);
    }
}
