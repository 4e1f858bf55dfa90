package org.plenum.api;

/**
 * Something a plugin registered — an event subscription, an exported service — that can be
 * withdrawn early. Everything a plugin registers through its {@link PluginContext} is withdrawn
 * by the host when the plugin stops anyway, so keeping the registration is only needed to end it
 * sooner. Closing twice does nothing.
 * {@snippet :
 * Registration subscription = context.events().subscribe(RoomClosed.class, this::archive);
 * // ... later, no longer interested:
 * subscription.close();
 * }
 * Implemented by the host.
 */
public interface Registration extends AutoCloseable {

    /** Withdraws the registration; idempotent, never throws. */
    @Override
    void close();
}
