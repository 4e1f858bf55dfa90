package org.plenum.api;

/**
 * The entry point of a plugin: one instance per installed plugin version, created by the loader
 * (an OSGi service or a PF4J extension), started and stopped by the host.
 *
 * <h2>Lifecycle</h2>
 * <ol>
 *   <li>The host reads {@link #descriptor()}, checks {@link PluginDescriptor#requires()} against
 *       {@link PlenumApi#VERSION} and the dependencies against installed plugins, and runs the
 *       plugin's {@link org.plenum.api.storage.SchemaMigrations migrations}.</li>
 *   <li>{@link #start(PluginContext)} registers what the plugin contributes: a room module
 *       factory, HTTP routes, event subscriptions, exported services, scheduled tasks. It should
 *       return within seconds; the host enforces a time limit. If it throws, the plugin is not
 *       started and administrators see the exception's message.</li>
 *   <li>While started, the host creates room modules for rooms of tenants that enabled the plugin
 *       and routes messages, requests and events to it.</li>
 *   <li>{@link #stop()} is called before the plugin is updated, disabled or removed, and at
 *       shutdown. Plugins that depend on this one are stopped first. After {@code stop} the host
 *       withdraws everything registered through the context, cancels its tasks and timers, closes
 *       room modules and drops the context: a plugin must not keep threads, static caches or
 *       registrations of its own elsewhere, or its class loader cannot be freed.</li>
 * </ol>
 * {@snippet :
 * public final class HandCounterPlugin implements Plugin {
 *
 *     private static final PluginDescriptor DESCRIPTOR = PluginDescriptor.builder("hand-counter", "1.0.0")
 *             .name("Hand counter")
 *             .requires("[1.0,2.0)")
 *             .build();
 *
 *     public PluginDescriptor descriptor() {
 *         return DESCRIPTOR;
 *     }
 *
 *     public void start(PluginContext context) {
 *         context.roomModules(RoomModuleFactory.always(HandCounter::new));
 *         context.logger().log(System.Logger.Level.INFO, "hand counter started");
 *     }
 * }
 * }
 * Implemented by plugins.
 */
public interface Plugin {

    /** The plugin's descriptor; must return an equal value on every call. */
    PluginDescriptor descriptor();

    /**
     * Registers the plugin's contributions through {@code context}, which stays valid until
     * {@link #stop()} returns.
     *
     * @throws Exception to refuse to start; the message is shown to administrators
     */
    void start(PluginContext context) throws Exception;

    /**
     * Releases what the plugin holds outside its context (caches, open clients). Room modules have
     * been closed already. The default does nothing.
     */
    default void stop() {
    }
}
