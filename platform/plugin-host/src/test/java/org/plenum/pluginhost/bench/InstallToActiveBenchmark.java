package org.plenum.pluginhost.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.plenum.api.PluginId;
import org.plenum.pluginhost.lifecycle.PluginInfo;
import org.plenum.pluginhost.load.LoaderBridge;
import org.plenum.pluginhost.testing.HostFixture;
import org.plenum.pluginhost.trust.TrustPolicy;

/**
 * How long a plugin takes from upload to active: {@code PluginHost.install} with the signed first-party jars
 * the build made (polls: an OSGi bundle into Felix; timer: a PF4J plugin), through the real loaders, against an
 * embedded PostgreSQL: signature check against the trust store, loading, descriptor and API checks, the registry
 * row, and {@code Plugin.start}. Each measured install is undone (uninstall, data kept) before the next.
 * {@code verifySignature} is the signature check alone.
 *
 * <p>Needs the signed jars: {@code ./mvnw -o -q -pl plugins/polls,plugins/timer -am package -DskipTests} first;
 * run with {@code ./mvnw -o -q -pl platform/plugin-host -am -Pinstall-bench test -DskipTests} (see docs/performance.md).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 40)
@Fork(1)
@State(Scope.Benchmark)
public class InstallToActiveBenchmark {

    @Param({"polls", "timer"})
    public String plugin;

    private HostFixture host;
    private Path jar;
    private TrustPolicy trust;

    @Setup(Level.Trial)
    public void start() throws Exception {
        Path root = Path.of(System.getProperty("bench.root", "../..")).toAbsolutePath().normalize();
        Path truststore = root.resolve("plugins/sdk/build-signing/target/test-ca/plenum-test-truststore.p12");
        try (var files = Files.list(root.resolve("plugins").resolve(plugin).resolve("target"))) {
            jar = files.filter(f -> f.getFileName().toString().matches("plenum-plugin-" + plugin + "-[0-9].*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("build plugins/" + plugin + " first"));
        }
        Path work = Files.createTempDirectory("install-bench");
        host = new HostFixture(Map.of("plugins.truststore", truststore.toString(), "plugins.truststore.password", "plenum-test"),
                () -> LoaderBridge.inDirectory(work.resolve("loaders")));
        trust = TrustPolicy.load(Optional.of(truststore), "plenum-test", "PKCS12", false);
    }

    @TearDown(Level.Invocation)
    public void uninstall() {
        host.host.find(PluginId.of(plugin)).ifPresent(p -> host.host.uninstall(p.row().id(), false));
    }

    @TearDown(Level.Trial)
    public void stop() {
        host.close();
    }

    @Benchmark
    public PluginInfo installToActive() {
        PluginInfo installed = host.host.install(jar, Optional.empty(), Optional.empty());
        if (!host.host.isRunning(installed.row().id())) {
            throw new IllegalStateException(plugin + " is not active after install: " + installed.row().state());
        }
        return installed;
    }

    @Benchmark
    public TrustPolicy.Admission verifySignature() {
        return trust.admit(jar, "the plugin jar");
    }
}
