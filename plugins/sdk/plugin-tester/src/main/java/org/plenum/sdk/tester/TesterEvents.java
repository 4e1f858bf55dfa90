package org.plenum.sdk.tester;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.plenum.api.Registration;
import org.plenum.api.event.CoreEvent;
import org.plenum.api.event.Event;
import org.plenum.api.event.EventBus;
import org.plenum.api.event.RoomScopedEvent;

/**
 * The in-memory event bus: delivery follows the host's rules (asynchronous; plugin-level handlers
 * on the executor, room handlers on the room's thread and only for the room's events; only the
 * plugin's tenant), but on the tester's simulated threads.
 */
final class TesterEvents {

    private record Subscription(Class<?> type, Consumer<Object> handler, boolean roomLevel, AtomicBoolean active) implements Registration {
        @Override
        public void close() {
            active.set(false);
        }
    }

    private final RoomLoop loop;
    private final UUID tenantId;
    private final String roomId;
    private final BooleanSupplier moduleActive;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final List<Event> publishedByPlugin = new CopyOnWriteArrayList<>();

    TesterEvents(RoomLoop loop, UUID tenantId, String roomId, BooleanSupplier moduleActive) {
        this.loop = loop;
        this.tenantId = tenantId;
        this.roomId = roomId;
        this.moduleActive = moduleActive;
    }

    EventBus pluginBus() {
        return new Bus(false);
    }

    EventBus roomBus() {
        return new Bus(true);
    }

    List<Event> publishedByPlugin() {
        return List.copyOf(publishedByPlugin);
    }

    /** An event from the core or another plugin (the test). */
    void publishFromOutside(Event event) {
        deliver(Objects.requireNonNull(event, "event"));
    }

    void endRoomSubscriptions() {
        subscriptions.stream().filter(Subscription::roomLevel).forEach(Subscription::close);
    }

    void endAllSubscriptions() {
        subscriptions.forEach(Subscription::close);
    }

    private void deliver(Event event) {
        if (!tenantId.equals(event.tenantId())) {
            return; // the plugin is enabled for the tester's tenant only
        }
        for (Subscription s : subscriptions) {
            if (!s.active().get() || !s.type().isInstance(event)) {
                continue;
            }
            String what = "event handler for " + event.getClass().getSimpleName();
            if (s.roomLevel()) {
                if (event instanceof RoomScopedEvent scoped && !scoped.roomId().equals(roomId)) {
                    continue;
                }
                loop.postRoom(what, () -> {
                    if (s.active().get() && moduleActive.getAsBoolean()) {
                        s.handler().accept(event);
                    }
                });
            } else {
                loop.postBackground(what, () -> {
                    if (s.active().get()) {
                        s.handler().accept(event);
                    }
                });
            }
        }
    }

    private final class Bus implements EventBus {

        private final boolean roomLevel;

        Bus(boolean roomLevel) {
            this.roomLevel = roomLevel;
        }

        @Override
        public void publish(Event event) {
            Objects.requireNonNull(event, "event");
            if (event instanceof CoreEvent) {
                throw new IllegalArgumentException("only the core publishes " + event.getClass().getSimpleName()
                        + " (a CoreEvent); plugins publish their own event types");
            }
            if (roomLevel && loop.where() != RoomLoop.Where.ROOM) {
                throw new IllegalStateException("RoomContext.events().publish was called from " + loop.where().description
                        + "; use PluginContext.events() outside the room's thread");
            }
            publishedByPlugin.add(event);
            deliver(event);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <E extends Event> Registration subscribe(Class<E> type, Consumer<? super E> handler) {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(handler, "handler");
            if (roomLevel && loop.where() != RoomLoop.Where.ROOM) {
                throw new IllegalStateException("RoomContext.events().subscribe was called from " + loop.where().description
                        + "; subscribe in the module's constructor or callbacks");
            }
            Subscription s = new Subscription(type, (Consumer<Object>) handler, roomLevel, new AtomicBoolean(true));
            subscriptions.add(s);
            return s;
        }
    }
}
