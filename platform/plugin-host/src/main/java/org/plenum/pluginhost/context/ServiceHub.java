package org.plenum.pluginhost.context;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.plenum.api.PluginDependency;
import org.plenum.api.PluginDescriptor;
import org.plenum.api.PluginId;
import org.plenum.api.Registration;
import org.plenum.api.service.ServiceRegistry;
import org.plenum.api.service.ServiceUnavailableException;

/**
 * Services exported by the core and by plugins. A plugin finds the core's services and those of the
 * plugins it declares a dependency on, in that order (core first, then dependencies in declaration
 * order, then its own); everything else is invisible to it. A plugin's exports are withdrawn when it
 * stops.
 */
public final class ServiceHub {

    private final Map<Class<?>, Object> core = new ConcurrentHashMap<>();
    private final Map<PluginId, Map<Class<?>, Object>> exports = new ConcurrentHashMap<>();

    /** A service of the core, visible to every plugin. */
    public <S> void exportCore(Class<S> type, S implementation) {
        checkType(type, implementation);
        core.put(type, implementation);
    }

    /** The registry a plugin gets from its context. {@code running} tells whether a plugin is running. */
    public ServiceRegistry registryFor(PluginDescriptor descriptor, Predicate<PluginId> running) {
        return new Registry(descriptor, running);
    }

    /** Withdraws everything a plugin exported. */
    public void withdraw(PluginId plugin) {
        exports.remove(plugin);
    }

    /** How many services a plugin exports now, for tests. */
    public int exportsOf(PluginId plugin) {
        Map<Class<?>, Object> m = exports.get(plugin);
        return m == null ? 0 : m.size();
    }

    private static void checkType(Class<?> type, Object implementation) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(implementation, "implementation");
        if (!type.isInterface()) {
            throw new IllegalArgumentException("services are exported as interfaces; " + type.getName() + " is a class");
        }
        if (!type.isInstance(implementation)) {
            throw new IllegalArgumentException(implementation.getClass().getName() + " does not implement " + type.getName());
        }
    }

    private final class Registry implements ServiceRegistry {

        private final PluginDescriptor descriptor;
        private final Predicate<PluginId> running;

        Registry(PluginDescriptor descriptor, Predicate<PluginId> running) {
            this.descriptor = descriptor;
            this.running = running;
        }

        @Override
        public <S> Registration export(Class<S> type, S implementation) {
            checkType(type, implementation);
            PluginId me = descriptor.id();
            Map<Class<?>, Object> mine = exports.computeIfAbsent(me, k -> new ConcurrentHashMap<>());
            if (mine.putIfAbsent(type, implementation) != null) {
                throw new IllegalArgumentException("plugin " + me + " exports " + type.getName() + " already");
            }
            return () -> {
                Map<Class<?>, Object> m = exports.get(me);
                if (m != null) {
                    m.remove(type, implementation);
                }
            };
        }

        @Override
        public <S> Optional<S> find(Class<S> type) {
            Objects.requireNonNull(type, "type");
            Object c = core.get(type);
            if (c != null) {
                return Optional.of(type.cast(c));
            }
            for (PluginDependency d : descriptor.dependencies()) {
                Map<Class<?>, Object> theirs = exports.get(d.id());
                Object s = theirs == null || !running.test(d.id()) ? null : theirs.get(type);
                if (s != null) {
                    return Optional.of(type.cast(s));
                }
            }
            Map<Class<?>, Object> mine = exports.get(descriptor.id());
            return Optional.ofNullable(mine == null ? null : mine.get(type)).map(type::cast);
        }

        @Override
        public <S> S require(Class<S> type) {
            return find(type).orElseThrow(() -> unavailable(type));
        }

        private ServiceUnavailableException unavailable(Class<?> type) {
            PluginId me = descriptor.id();
            for (Map.Entry<PluginId, Map<Class<?>, Object>> e : exports.entrySet()) {
                boolean exportsIt = e.getValue().keySet().stream().anyMatch(k -> k == type || k.getName().equals(type.getName()));
                if (exportsIt && !descriptor.dependsOn(e.getKey()) && !e.getKey().equals(me)) {
                    return new ServiceUnavailableException("service " + type.getName() + " is exported by plugin '" + e.getKey()
                            + "', but plugin '" + me + "' does not declare a dependency on it; add .dependsOn(\"" + e.getKey()
                            + "\", \"[1.0,2.0)\") (with the right range) to its descriptor");
                }
            }
            for (PluginDependency d : descriptor.dependencies()) {
                if (!running.test(d.id())) {
                    return new ServiceUnavailableException("service " + type.getName() + " is not available to plugin '" + me
                            + "': its dependency '" + d.id() + "' is not running");
                }
            }
            return new ServiceUnavailableException("no service " + type.getName() + " is exported by the core or by the plugins '" + me
                    + "' depends on " + descriptor.dependencies().stream().map(x -> x.id().value()).toList());
        }
    }
}
