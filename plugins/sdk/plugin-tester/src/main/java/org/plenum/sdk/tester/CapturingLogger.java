package org.plenum.sdk.tester;

import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The plugin's logger in the tester: keeps every line as {@code LEVEL message}. */
final class CapturingLogger implements System.Logger {

    private final String name;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Consumer<String> echo;

    CapturingLogger(String name, Consumer<String> echo) {
        this.name = name;
        this.echo = echo;
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean isLoggable(Level level) {
        return level != Level.OFF;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        add(level, msg + (thrown == null ? "" : " (" + thrown + ")"));
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        add(level, params == null || params.length == 0 ? format : MessageFormat.format(format, params));
    }

    private void add(Level level, String text) {
        if (level == Level.OFF) {
            return;
        }
        String line = level.getName() + " " + text;
        lines.add(line);
        echo.accept(line);
    }
}
