package org.plenum.pluginhost.testing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.plenum.core.PlatformCore;
import org.plenum.core.access.Caller;
import org.plenum.core.config.Settings;
import org.plenum.core.tenant.Tenant;
import org.plenum.core.user.PlatformRole;
import org.plenum.pluginhost.lifecycle.PluginHost;

/**
 * A real core (embedded PostgreSQL in a temporary directory) with a plugin host that loads test
 * plugins from the class path, signed by a test authority it trusts; two municipalities, Erfurt and
 * Jena, below the state. {@link #restart()} stops both and starts them again on the same data.
 */
public final class HostFixture implements AutoCloseable {

    public final Path dataDir;
    public final Path jars;
    public final SignedJars signing = new SignedJars("Plenum Test CA");
    private final Map<String, String> settings = new HashMap<>();
    public final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    public final AtomicInteger changes = new AtomicInteger();
    public PlatformCore core;
    public PluginHost host;
    public UUID state;
    public UUID erfurt;
    public UUID jena;

    private final java.util.function.Supplier<org.plenum.pluginhost.lifecycle.CodeLoader> loaders;

    public HostFixture(Map<String, String> extra) {
        this(extra, ClasspathCodeLoader::new);
    }

    /** With another loader, e.g. the real Felix/PF4J one. */
    public HostFixture(Map<String, String> extra, java.util.function.Supplier<org.plenum.pluginhost.lifecycle.CodeLoader> loaders) {
        this.loaders = loaders;
        try {
            dataDir = Files.createTempDirectory("plenum-host-test");
            jars = Files.createDirectories(dataDir.resolve("uploads"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        settings.put("data.dir", dataDir.toString());
        settings.put("admin.password", "admin-password-for-tests");
        settings.put("media.udp.port", "0"); // any free port: tests may run beside a server
        settings.put("media.tcp.port", "0");
        settings.put("plugins.truststore", signing.trustStore(dataDir).toString());
        settings.put("plugins.truststore.password", SignedJars.TRUST_STORE_PASSWORD);
        settings.putAll(extra);
        start();
        state = core.tenants.root().orElseThrow().id();
        erfurt = core.tenants.create("erfurt", "Stadt Erfurt", state).id();
        jena = core.tenants.create("jena", "Stadt Jena", state).id();
    }

    public HostFixture() {
        this(Map.of());
    }

    private void start() {
        core = PlatformCore.start(Settings.of(settings), metrics);
        try {
            host = PluginHost.start(core, Settings.of(settings), metrics, loaders.get());
            host.onChange(changes::incrementAndGet);
        } catch (RuntimeException e) {
            core.close();
            throw e;
        }
    }

    public void restart() {
        host.close();
        core.close();
        start();
    }

    public Path signed(Class<?> plugin) {
        return signing.signed(jars, plugin);
    }

    public Path signed(Class<?> plugin, Map<String, String> entries) {
        return signing.signed(jars, plugin, entries);
    }

    /** A caller of the core: a new local account of the tenant with the role. */
    public Caller caller(UUID tenant, PlatformRole role) {
        String name = role.wireName().replace('_', '-') + "-" + USERS.incrementAndGet();
        var u = core.users.createLocal(tenant, name, "not-a-password-hash", "Test " + name, role);
        return new Caller(u.id(), tenant, u.displayName(), role);
    }

    private static final AtomicInteger USERS = new AtomicInteger();

    public Tenant tenant(UUID id) {
        return core.tenants.find(id).orElseThrow();
    }

    @Override
    public void close() {
        host.close();
        core.close();
    }
}
