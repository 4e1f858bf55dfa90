package org.plenum.sdk.tester;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.plenum.api.PluginDescriptor;
import org.plenum.api.PluginId;
import org.plenum.api.Registration;
import org.plenum.api.service.ServiceRegistry;
import org.plenum.api.service.ServiceUnavailableException;

/**
 * Services in the tester: those the test provides (as the core or as another plugin) and those the
 * plugin exports. The host's visibility rule applies: another plugin's service is found only if
 * the plugin declares a dependency on it.
 */
final class TesterServices implements ServiceRegistry {

    /** A service the test provides; {@code exporter} is null for the core. */
    record Provided(PluginId exporter, Object implementation) {
    }

    private final PluginDescriptor descriptor;
    private final Map<Class<?>, Provided> provided;
    private final Map<Class<?>, Object> exported = new ConcurrentHashMap<>();

    TesterServices(PluginDescriptor descriptor, Map<Class<?>, Provided> provided) {
        this.descriptor = descriptor;
        this.provided = Map.copyOf(provided);
    }

    @Override
    public <S> Registration export(Class<S> type, S implementation) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(implementation, "implementation");
        if (!type.isInterface()) {
            throw new IllegalArgumentException("services are exported as interfaces; " + type.getName() + " is a class");
        }
        if (!type.isInstance(implementation)) {
            throw new IllegalArgumentException(implementation.getClass().getName() + " does not implement " + type.getName());
        }
        if (exported.putIfAbsent(type, implementation) != null) {
            throw new IllegalArgumentException("plugin " + descriptor.id() + " exports " + type.getName() + " already");
        }
        return () -> exported.remove(type, implementation);
    }

    @Override
    public <S> Optional<S> find(Class<S> type) {
        Provided p = provided.get(type);
        if (p != null && (p.exporter() == null || descriptor.dependsOn(p.exporter()))) {
            return Optional.of(type.cast(p.implementation()));
        }
        return Optional.ofNullable(exported.get(type)).map(type::cast);
    }

    @Override
    public <S> S require(Class<S> type) {
        return find(type).orElseThrow(() -> {
            Provided p = provided.get(type);
            if (p != null) {
                return new ServiceUnavailableException("service " + type.getName() + " is exported by plugin '" + p.exporter()
                        + "', but plugin '" + descriptor.id() + "' does not declare a dependency on it; add .dependsOn(\""
                        + p.exporter() + "\", \"[1.0,2.0)\") (with the right range) to its descriptor");
            }
            return new ServiceUnavailableException("no plugin visible to '" + descriptor.id() + "' exports " + type.getName()
                    + "; in the PluginTester, provide one with Builder.service(...) or Builder.coreService(...)");
        });
    }

    <S> Optional<S> exported(Class<S> type) {
        return Optional.ofNullable(exported.get(type)).map(type::cast);
    }

    void withdrawAll() {
        exported.clear();
    }
}
