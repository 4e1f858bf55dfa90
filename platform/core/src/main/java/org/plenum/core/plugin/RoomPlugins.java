package org.plenum.core.plugin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.plenum.api.json.JsonException;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.Audience;
import org.plenum.api.room.InboundMessage;
import org.plenum.api.room.LeaveReason;
import org.plenum.api.room.MessageRefusedException;
import org.plenum.api.room.Participant;
import org.plenum.api.room.Role;
import org.plenum.api.room.RoomModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins' modules in one live room. Lives on the room's thread; every call into a module goes
 * through {@link PluginCalls} (its class loader, a time bound, exceptions caught) and every failure is
 * reported to the plugin's {@link PluginFaults}. A module that hangs is abandoned in this room with a
 * notice to everyone; one that throws answers the sender with {@code plugin_error} and stays.
 *
 * <p>Update policy: when the host reports a change, modules whose plugin is gone or was restarted
 * (new generation: update, re-enable) get {@code onPluginStopping}, everyone gets
 * {@code control/plugin_stopped}; a new module of the current generation is created and everyone gets
 * {@code control/plugin_started} with their own join data.
 */
public final class RoomPlugins {

    private static final Logger log = LoggerFactory.getLogger(RoomPlugins.class);

    /** A plugin module's share of the room's sending: generous, but not a flood. */
    private static final int SENDS_PER_SECOND = 200;

    /** What a participant's join snapshot says about one plugin. */
    public record Snapshot(String id, String version, String dataJson) {
    }

    private final RoomPort port;
    private final RoomModuleProvider provider;
    private final PluginCalls calls;
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private final RoomRecordings recordings;
    /** The plugin ids with a working module here, for threads other than the room's ({@link #liveModules}). */
    private volatile java.util.Set<String> live = java.util.Set.of();

    public RoomPlugins(RoomPort port, RoomModuleProvider provider, PluginCalls calls) {
        this.port = port;
        this.provider = provider;
        this.calls = calls;
        this.recordings = new RoomRecordings(port);
    }

    /** The recordings the modules here have declared and not ended, oldest first: for the join snapshot. */
    public List<ActiveRecording> recordings() {
        return recordings.views();
    }

    /** Brings the modules in line with what the host says is active for this room now. */
    public void refresh(boolean announce) {
        List<ActivePlugin> desired;
        try {
            desired = provider.activeFor(port.tenantId(), port.roomId());
        } catch (RuntimeException e) {
            log.atWarn().setMessage("plugin host could not list the room's plugins").addKeyValue("room", port.roomId()).setCause(e).log();
            return;
        }
        Map<String, ActivePlugin> byId = new LinkedHashMap<>();
        desired.forEach(a -> byId.put(a.id().value(), a));
        for (Slot s : new ArrayList<>(slots.values())) {
            ActivePlugin now = byId.get(s.plugin.id().value());
            if (now == null) {
                stop(s, provider.stopReason(s.plugin.id()));
            } else if (now.generation() != s.plugin.generation()) {
                stop(s, "updated");
            }
        }
        for (ActivePlugin a : byId.values()) {
            if (!slots.containsKey(a.id().value())) {
                start(a, announce);
            }
        }
        publishLive();
    }

    /** The ids of the plugins with a working module in this room; readable from any thread. */
    public java.util.Set<String> liveModules() {
        return live;
    }

    private void publishLive() {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        slots.forEach((id, s) -> {
            if (s.module != null && !s.dead) {
                ids.add(id);
            }
        });
        live = java.util.Set.copyOf(ids);
    }

    /**
     * Runs {@code action} with the plugin's module of this room, under the same isolation as every other call
     * (its class loader, the time bound, exceptions caught and reported), and completes {@code result} with
     * what it returned. On the room's thread. The SPI's {@code RoomDirectory.call}.
     */
    public <M extends RoomModule, T> void callModule(org.plenum.api.PluginId plugin, Class<M> moduleType,
                                                     java.util.function.Function<? super M, ? extends T> action,
                                                     java.util.concurrent.CompletableFuture<T> result) {
        Slot s = slots.get(plugin.value());
        if (s == null || s.module == null || s.dead) {
            result.completeExceptionally(new java.util.NoSuchElementException("room " + port.roomId() + " has no module of plugin " + plugin));
            return;
        }
        if (!moduleType.isInstance(s.module)) {
            result.completeExceptionally(new ClassCastException("the module of plugin " + plugin + " in room " + port.roomId() + " is a "
                    + s.module.getClass().getName() + ", not a " + moduleType.getName()));
            return;
        }
        Object[] value = {null};
        PluginCalls.Outcome o = s.call("rooms().call", () -> value[0] = action.apply(moduleType.cast(s.module)));
        switch (o) {
            case PluginCalls.Returned r -> {
                @SuppressWarnings("unchecked")
                T t = (T) value[0];
                result.complete(t);
            }
            case PluginCalls.Threw t -> result.completeExceptionally(t.cause());
            case PluginCalls.TimedOut t -> result.completeExceptionally(new java.util.concurrent.TimeoutException(
                    "the module of plugin " + plugin + " did not return within " + calls.bound().toMillis() + " ms and was stopped in this room"));
        }
    }

    public boolean has(String ns) {
        Slot s = slots.get(ns);
        return s != null && s.module != null && !s.dead;
    }

    /** A participant's message in a plugin's namespace; false when no module of that name is here. */
    public boolean message(Participant sender, String ns, String type, String re, String bodyJson) {
        Slot s = slots.get(ns);
        if (s == null || s.module == null || s.dead) {
            return false;
        }
        JsonObject body;
        try {
            body = JsonObject.parse(bodyJson);
        } catch (JsonException e) {
            port.refuse(sender.id(), ns, re, "invalid_message", e.getMessage());
            return true;
        }
        InboundMessage m = new InboundMessage(sender, type, Optional.ofNullable(re), body);
        boolean[] refused = {false};
        PluginCalls.Outcome o = s.call("onMessage", () -> {
            try {
                s.module.onMessage(m);
            } catch (MessageRefusedException r) {
                refused[0] = true;
                s.context.refuse(m, r.code(), r.getMessage());
            }
        });
        switch (o) {
            case PluginCalls.Returned r -> {
                if (!s.answeredLastCall && re != null) {
                    port.reply(sender.id(), ns, re, "ok", "{}");
                }
            }
            case PluginCalls.Threw t -> port.refuse(sender.id(), ns, re, "plugin_error",
                    "plugin " + ns + " failed to handle '" + type + "'; it was reported, the meeting goes on");
            case PluginCalls.TimedOut t -> port.refuse(sender.id(), ns, re, "plugin_error",
                    "plugin " + ns + " did not answer in time and was stopped in this room");
        }
        return true;
    }

    public void joined(Participant p) {
        forEachModule("onJoin", m -> m.onJoin(p));
    }

    public void left(Participant p, LeaveReason reason) {
        forEachModule("onLeave", m -> m.onLeave(p, reason));
    }

    public void roleChanged(Participant p, Role previous) {
        forEachModule("onRoleChanged", m -> m.onRoleChanged(p, previous));
    }

    public void connectionChanged(Participant p) {
        forEachModule("onConnectionChanged", m -> m.onConnectionChanged(p));
    }

    /** Each module's join data for {@code p}, in installation order. */
    public List<Snapshot> snapshots(Participant p) {
        List<Snapshot> out = new ArrayList<>();
        for (Slot s : new ArrayList<>(slots.values())) {
            if (s.module != null && !s.dead) {
                out.add(s.snapshot(p));
            }
        }
        return out;
    }

    /** The meeting ends: every module hears it once, then nothing more. */
    public void closing() {
        forEachModule("onRoomClosing", RoomModule::onRoomClosing);
        recordings.endAll(RoomRecordings.MEETING_ENDED);
        for (Slot s : slots.values()) {
            s.context.cancelTimers();
            s.dead = true;
        }
        slots.clear();
        publishLive();
    }

    private void forEachModule(String where, ModuleCall call) {
        for (Slot s : new ArrayList<>(slots.values())) {
            if (s.module != null && !s.dead) {
                s.call(where, () -> call.on(s.module));
            }
        }
    }

    @FunctionalInterface
    private interface ModuleCall {
        void on(RoomModule m) throws Exception;
    }

    private void start(ActivePlugin a, boolean announce) {
        Slot s = new Slot(a);
        slots.put(a.id().value(), s);
        Optional<RoomModule>[] created = new Optional[] {Optional.empty()};
        PluginCalls.Outcome o = s.call("create", () -> created[0] = a.factory().create(s.context));
        if (!(o instanceof PluginCalls.Returned) || created[0] == null || created[0].isEmpty()) {
            // no module for this room (the factory declined or failed): the slot stays, so a refresh does not retry;
            // whatever the factory declared has no module to end it
            recordings.endAllOf(s, "plugin_failed");
            return;
        }
        s.module = created[0].get();
        log.atInfo().setMessage("plugin module started").addKeyValue("room", port.roomId()).addKeyValue("plugin", a.id().value())
                .addKeyValue("version", a.version().toString()).log();
        if (announce) {
            for (Participant p : port.participants()) {
                Snapshot snap = s.snapshot(p);
                port.send(Audience.participant(p.id()), "control", "plugin_started", "{\"plugin\":" + snapshotJson(snap) + "}");
            }
        }
    }

    private void stop(Slot s, String reason) {
        slots.remove(s.plugin.id().value());
        if (s.module != null && !s.dead) {
            s.call("onPluginStopping", s.module::onPluginStopping);
        }
        s.context.cancelTimers();
        boolean hadModule = s.module != null;
        s.dead = true;
        recordings.endAllOf(s, "plugin_" + reason);
        if (hadModule) {
            announceStopped(s, reason);
        }
    }

    private void announceStopped(Slot s, String reason) {
        log.atInfo().setMessage("plugin module stopped").addKeyValue("room", port.roomId()).addKeyValue("plugin", s.plugin.id().value())
                .addKeyValue("reason", reason).log();
        port.send(Audience.everyone(), "control", "plugin_stopped",
                "{\"plugin\":\"" + s.plugin.id().value() + "\",\"reason\":\"" + reason + "\"}");
    }

    public static String snapshotJson(Snapshot s) {
        return "{\"id\":\"" + s.id() + "\",\"version\":\"" + s.version() + "\",\"data\":" + (s.dataJson() == null ? "null" : s.dataJson()) + "}";
    }

    /** One plugin's module in this room, with its context and health. */
    final class Slot {
        final ActivePlugin plugin;
        final PluginRoomContext context;
        RoomModule module;
        boolean dead;
        boolean answeredLastCall;
        private long windowStart;
        private int sendsInWindow;
        private long lastFloodReport;

        Slot(ActivePlugin plugin) {
            this.plugin = plugin;
            this.context = new PluginRoomContext(this, port, plugin);
        }

        PluginCalls.Outcome call(String where, PluginCalls.PluginCode code) {
            if (dead) {
                return new PluginCalls.TimedOut();
            }
            PluginCalls.Outcome o = calls.call(plugin.classLoader(), () -> {
                context.enter(Thread.currentThread());
                code.run();
            });
            switch (o) {
                case PluginCalls.Returned r -> answeredLastCall = context.finish();
                case PluginCalls.Threw t -> {
                    answeredLastCall = context.finish();
                    log.atWarn().setMessage("plugin call failed").addKeyValue("room", port.roomId()).addKeyValue("plugin", plugin.id().value())
                            .addKeyValue("call", where).setCause(t.cause()).log();
                    plugin.faults().failed(plugin.id(), port.roomId(), PluginFaults.Kind.THREW, where, t.cause());
                }
                case PluginCalls.TimedOut t -> {
                    context.abandon();
                    dead = true;
                    recordings.endAllOf(this, "plugin_failed");
                    log.atWarn().setMessage("plugin call timed out; module abandoned in this room").addKeyValue("room", port.roomId())
                            .addKeyValue("plugin", plugin.id().value()).addKeyValue("call", where)
                            .addKeyValue("boundMillis", calls.bound().toMillis()).log();
                    plugin.faults().failed(plugin.id(), port.roomId(), PluginFaults.Kind.TIMED_OUT, where, null);
                    if (slots.get(plugin.id().value()) == this) {
                        slots.remove(plugin.id().value());
                        publishLive();
                        if (module != null) {
                            announceStopped(this, "failed");
                        }
                    }
                }
            }
            return o;
        }

        /** For callbacks that arrive later (timers, offloaded work): nothing happens once the module is gone. */
        void invoke(String where, PluginCalls.PluginCode code) {
            if (!dead && module != null) {
                call(where, code);
            }
        }

        RoomRecordings recordings() {
            return recordings;
        }

        void background(Runnable work) {
            calls.background(plugin.classLoader(), work);
        }

        Snapshot snapshot(Participant p) {
            Optional<JsonObject>[] data = new Optional[] {Optional.empty()};
            PluginCalls.Outcome o = call("joinSnapshot", () -> data[0] = module.joinSnapshot(p));
            String json = o instanceof PluginCalls.Returned && data[0] != null ? data[0].map(JsonObject::toJson).orElse(null) : null;
            return new Snapshot(plugin.id().value(), plugin.version().toString(), json);
        }

        /** Counts one send; false (and a report, at most once a second) when the plugin is flooding. */
        boolean mayFlood() {
            long now = System.nanoTime();
            if (now - windowStart > 1_000_000_000L) {
                windowStart = now;
                sendsInWindow = 0;
            }
            sendsInWindow++;
            if (sendsInWindow <= SENDS_PER_SECOND) {
                return true;
            }
            if (now - lastFloodReport > 1_000_000_000L) {
                lastFloodReport = now;
                plugin.faults().failed(plugin.id(), port.roomId(), PluginFaults.Kind.FLOODED, "send", null);
            }
            return false;
        }
    }
}
