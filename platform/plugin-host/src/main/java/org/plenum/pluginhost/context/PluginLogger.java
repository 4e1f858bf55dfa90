package org.plenum.pluginhost.context;

import java.text.MessageFormat;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import org.plenum.api.PluginId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/** A plugin's {@link System.Logger}, written through SLF4J as logger {@code plugin.<id>} with {@code plugin=<id>} on every line. */
final class PluginLogger implements System.Logger {

    private final PluginId plugin;
    private final Logger slf4j;

    PluginLogger(PluginId plugin) {
        this.plugin = plugin;
        this.slf4j = LoggerFactory.getLogger("plugin." + plugin.value());
    }

    @Override
    public String getName() {
        return slf4j.getName();
    }

    @Override
    public boolean isLoggable(Level level) {
        return switch (level) {
            case ALL, TRACE -> slf4j.isTraceEnabled();
            case DEBUG -> slf4j.isDebugEnabled();
            case INFO -> slf4j.isInfoEnabled();
            case WARNING -> slf4j.isWarnEnabled();
            case ERROR -> slf4j.isErrorEnabled();
            case OFF -> false;
        };
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        if (!isLoggable(level)) {
            return;
        }
        builder(level).setMessage(localized(bundle, msg)).setCause(thrown).addKeyValue("plugin", plugin.value()).log();
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        if (!isLoggable(level)) {
            return;
        }
        String pattern = localized(bundle, format);
        String text;
        try {
            text = params == null || params.length == 0 ? pattern : MessageFormat.format(pattern, params);
        } catch (IllegalArgumentException e) {
            text = pattern;
        }
        builder(level).setMessage(text).addKeyValue("plugin", plugin.value()).log();
    }

    @Override
    public void log(Level level, Supplier<String> msgSupplier) {
        if (isLoggable(level)) {
            builder(level).setMessage(msgSupplier).addKeyValue("plugin", plugin.value()).log();
        }
    }

    private LoggingEventBuilder builder(Level level) {
        return switch (level) {
            case ALL, TRACE -> slf4j.atTrace();
            case DEBUG -> slf4j.atDebug();
            case INFO -> slf4j.atInfo();
            case WARNING -> slf4j.atWarn();
            case ERROR, OFF -> slf4j.atError();
        };
    }

    private static String localized(ResourceBundle bundle, String key) {
        if (bundle != null && key != null && bundle.containsKey(key)) {
            return bundle.getString(key);
        }
        return key;
    }
}
