package org.plenum.core.storage;

/** The database could not do what was asked; the message says what and why. */
public final class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
