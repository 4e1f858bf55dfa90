package org.plenum.core.config;

/** A configuration value is missing or malformed; the message names the key and what it must be. */
public final class ConfigurationException extends RuntimeException {
    public ConfigurationException(String message) {
        super(message);
    }
}
