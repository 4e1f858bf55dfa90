package org.plenum.pluginhost.lifecycle;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.plenum.core.config.ConfigurationException;
import org.plenum.core.config.Settings;

/**
 * The plugin host's settings, all {@code plugins.*} keys (documented in {@code docs/operations.md},
 * section "Plugins").
 *
 * @param directory          where accepted jars are kept, {@code <id>-<version>.jar} ({@code plugins.dir})
 * @param workDirectory      the loaders' working files (Felix cache, unpacked PF4J plugins)
 * @param trustStore         PKCS12 file with the certificates whose signed plugins may run ({@code plugins.truststore})
 * @param allowUnsigned      development only: let unsigned jars in, with a loud warning ({@code plugins.allow.unsigned})
 * @param maxUploadBytes     the largest jar accepted over REST ({@code plugins.max.upload.bytes})
 * @param startTimeout       how long {@code Plugin.start} may take ({@code plugins.start.timeout})
 * @param httpTimeout        how long a plugin's HTTP handler may take ({@code plugins.http.timeout})
 * @param breakerFailures    failures within {@code breakerWindow} that disable a plugin ({@code plugins.breaker.failures})
 * @param breakerWindow      ({@code plugins.breaker.window})
 * @param executorThreads    tasks a plugin may run at once on its executor ({@code plugins.executor.concurrency})
 * @param executorQueue      tasks that may wait for it before more are refused ({@code plugins.executor.queue})
 */
public record PluginHostConfig(Path directory, Path workDirectory, Optional<Path> trustStore, String trustStorePassword,
                               String trustStoreType, boolean allowUnsigned, long maxUploadBytes, Duration startTimeout,
                               Duration httpTimeout, int breakerFailures, Duration breakerWindow, int executorThreads, int executorQueue) {

    public static final long DEFAULT_MAX_UPLOAD_BYTES = 50L * 1024 * 1024;

    public static PluginHostConfig from(Settings s) {
        Path data = Path.of(s.get("data.dir", "data"));
        PluginHostConfig c = new PluginHostConfig(
                s.find("plugins.dir").map(Path::of).orElse(data.resolve("plugins")),
                data.resolve("plugin-host"),
                s.find("plugins.truststore").map(Path::of),
                s.get("plugins.truststore.password", ""),
                s.get("plugins.truststore.type", "PKCS12"),
                s.getBoolean("plugins.allow.unsigned", false),
                s.getInt("plugins.max.upload.bytes", (int) DEFAULT_MAX_UPLOAD_BYTES),
                s.getDuration("plugins.start.timeout", Duration.ofSeconds(30)),
                s.getDuration("plugins.http.timeout", Duration.ofSeconds(30)),
                s.getInt("plugins.breaker.failures", 5),
                s.getDuration("plugins.breaker.window", Duration.ofSeconds(60)),
                s.getInt("plugins.executor.concurrency", 16),
                s.getInt("plugins.executor.queue", 10_000));
        c.check();
        return c;
    }

    private void check() {
        if (maxUploadBytes < 1024) {
            throw new ConfigurationException("plugins.max.upload.bytes must be at least 1024");
        }
        if (breakerFailures < 1) {
            throw new ConfigurationException("plugins.breaker.failures must be at least 1");
        }
        if (executorThreads < 1 || executorThreads > 1024) {
            throw new ConfigurationException("plugins.executor.concurrency must be 1 to 1024");
        }
        if (executorQueue < 0) {
            throw new ConfigurationException("plugins.executor.queue must not be negative");
        }
        if (startTimeout.isNegative() || startTimeout.isZero() || httpTimeout.isNegative() || httpTimeout.isZero()) {
            throw new ConfigurationException("plugins.start.timeout and plugins.http.timeout must be positive");
        }
    }
}
