package org.plenum.it.support;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.plenum.core.config.Settings;

/** {@code bin/plenum} of the built distribution, run as a process and configured through PLENUM_* variables. */
final class DistributionServer implements ServerUnderTest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180); // a loaded 2-core machine needs a minute at times

    private final LocalProcess process;
    private final URI url;

    private DistributionServer(LocalProcess process, URI url) {
        this.process = process;
        this.url = url;
    }

    static DistributionServer start(Path distribution, Map<String, String> settings, Path workDir) {
        Path script = distribution.resolve("bin/plenum").toAbsolutePath().normalize();
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("no Plenum distribution at " + script + "; build it first (./mvnw package -pl distribution -am)"
                    + " or run the tests with -Dplenum.it.server=in-process");
        }
        int port = FreePort.pick();
        ProcessBuilder pb = new ProcessBuilder(script.toString(), "run").directory(workDir.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("PLENUM_")); // only what the test sets
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("PLENUM_JAVA_OPTS", "-Xms64m -Xmx512m");
        settings.forEach((key, value) -> env.put(Settings.envNameOf(key), value));
        env.put(Settings.envNameOf("http.host"), "127.0.0.1");
        env.put(Settings.envNameOf("http.port"), Integer.toString(port));
        env.put(Settings.envNameOf("data.dir"), workDir.resolve("data").toString());
        env.putIfAbsent(Settings.envNameOf("media.udp.port"), "0");
        env.putIfAbsent(Settings.envNameOf("media.tcp.port"), "0");
        LocalProcess process = LocalProcess.start("plenum", pb, workDir.resolve("plenum.log"));
        URI url = URI.create("http://127.0.0.1:" + port + "/");
        Api api = new Api(url);
        try {
            Await.until("Plenum on port " + port + " to be ready (log: " + process.log() + ")", START_TIMEOUT, () -> {
                process.checkAlive();
                return api.answers("/readyz") ? Optional.of(true) : Optional.empty();
            });
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        return new DistributionServer(process, url);
    }

    @Override
    public URI url() {
        return url;
    }

    @Override
    public void close() {
        process.close();
    }
}
