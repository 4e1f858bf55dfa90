package org.plenum.pluginhost.context;

import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.plenum.api.PluginId;
import org.plenum.api.Registration;
import org.plenum.api.event.CoreEvent;
import org.plenum.api.event.Event;
import org.plenum.api.event.EventBus;

/**
 * The host's event bus. Delivery is asynchronous and in memory: each subscription has its own queue
 * drained on the subscriber's executor, so one handler sees one publisher's events in order and a
 * slow handler delays only itself. An event reaches a plugin only if that plugin is usable by the
 * event's tenant. {@link CoreEvent}s come only from {@link #publishCore}.
 */
public final class EventHub {

    private final BiPredicate<PluginId, UUID> usableBy;
    private final BiConsumer<PluginId, Throwable> onHandlerFailure;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    /**
     * @param usableBy         whether a plugin may see a tenant's events (enabled for it, and running)
     * @param onHandlerFailure told when a handler throws (logged and counted by the host)
     */
    public EventHub(BiPredicate<PluginId, UUID> usableBy, BiConsumer<PluginId, Throwable> onHandlerFailure) {
        this.usableBy = usableBy;
        this.onHandlerFailure = onHandlerFailure;
    }

    /** Publishes an event of the core (rooms opened and closed, participants). */
    public void publishCore(CoreEvent event) {
        deliver(Objects.requireNonNull(event, "event"));
    }

    /** The bus a plugin gets from its context: handlers run on {@code executor}. */
    public EventBus busFor(PluginId plugin, Executor executor) {
        return new EventBus() {
            @Override
            public void publish(Event event) {
                Objects.requireNonNull(event, "event");
                if (event instanceof CoreEvent) {
                    throw new IllegalArgumentException("only the core publishes " + event.getClass().getSimpleName()
                            + " (a CoreEvent); plugins publish their own event types");
                }
                Objects.requireNonNull(event.tenantId(), "the event's tenantId");
                deliver(event);
            }

            @Override
            public <E extends Event> Registration subscribe(Class<E> type, Consumer<? super E> handler) {
                return EventHub.this.subscribe(plugin, type, e -> true, handler, executor);
            }
        };
    }

    /**
     * Subscribes {@code subscriber}'s handler to events of {@code type} that pass {@code filter} (the
     * rooms use this with a room filter and the room's executor).
     */
    public <E extends Event> Registration subscribe(PluginId subscriber, Class<E> type, Predicate<? super Event> filter,
                                                    Consumer<? super E> handler, Executor executor) {
        Objects.requireNonNull(subscriber, "subscriber");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(handler, "handler");
        @SuppressWarnings("unchecked")
        Subscription s = new Subscription(subscriber, type, filter, (Consumer<Object>) handler, executor);
        subscriptions.add(s);
        return s;
    }

    /** Ends every subscription of a plugin (it stopped). */
    public void withdraw(PluginId plugin) {
        for (Subscription s : subscriptions) {
            if (s.subscriber.equals(plugin)) {
                s.close();
            }
        }
    }

    /** Subscriptions alive, for tests. */
    public long subscriptionsOf(PluginId plugin) {
        return subscriptions.stream().filter(s -> s.subscriber.equals(plugin)).count();
    }

    private void deliver(Event event) {
        UUID tenant = event.tenantId();
        for (Subscription s : subscriptions) {
            if (s.active.get() && s.type.isInstance(event) && usableBy.test(s.subscriber, tenant) && s.filter.test(event)) {
                s.offer(event);
            }
        }
    }

    private final class Subscription implements Registration {
        final PluginId subscriber;
        final Class<?> type;
        final Predicate<? super Event> filter;
        volatile Consumer<Object> handler;
        final Executor executor;
        final AtomicBoolean active = new AtomicBoolean(true);
        final Queue<Event> queue = new ConcurrentLinkedQueue<>();
        final AtomicBoolean draining = new AtomicBoolean();

        Subscription(PluginId subscriber, Class<?> type, Predicate<? super Event> filter, Consumer<Object> handler, Executor executor) {
            this.subscriber = subscriber;
            this.type = type;
            this.filter = filter;
            this.handler = handler;
            this.executor = executor;
        }

        void offer(Event event) {
            queue.add(event);
            schedule();
        }

        private void schedule() {
            if (!queue.isEmpty() && draining.compareAndSet(false, true)) {
                try {
                    executor.execute(this::drain);
                } catch (RejectedExecutionException e) {
                    queue.clear();
                    draining.set(false);
                }
            }
        }

        private void drain() {
            try {
                Event e;
                while (active.get() && (e = queue.poll()) != null) {
                    Consumer<Object> h = handler;
                    if (h == null) {
                        break;
                    }
                    try {
                        h.accept(e);
                    } catch (RuntimeException | Error failure) {
                        onHandlerFailure.accept(subscriber, failure);
                    }
                }
            } finally {
                draining.set(false);
            }
            if (active.get()) {
                schedule();
            } else {
                queue.clear();
            }
        }

        @Override
        public void close() {
            if (active.compareAndSet(true, false)) {
                subscriptions.remove(this);
                queue.clear();
                handler = null;
            }
        }
    }
}
