package org.plenum.api;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.plenum.api.audit.AuditLog;
import org.plenum.api.event.EventBus;
import org.plenum.api.http.HttpRoutes;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.RoomDirectory;
import org.plenum.api.room.RoomModuleFactory;
import org.plenum.api.service.ServiceRegistry;
import org.plenum.api.storage.PluginStorage;

/**
 * What the platform offers one started plugin: the only way plugin code reaches the core. Plugins
 * never open server sockets or database connections of their own.
 *
 * <p>Everything registered through the context belongs to it and is withdrawn when the plugin
 * stops; tasks and timers are cancelled. That is what lets the host unload a plugin without a
 * restart.
 *
 * <h2>Threads</h2>
 * {@link Plugin#start} runs on a host thread. Event handlers registered here and tasks scheduled
 * here run on the plugin's {@link #executor()}; HTTP handlers run on request threads. All of these
 * may block (they are virtual threads) and may run concurrently, so state they share must be
 * thread-safe. Room modules are different: see {@link org.plenum.api.room.RoomModule}.
 * {@snippet :
 * public void start(PluginContext context) throws Exception {
 *     QuorumProvider quorum = context.services().require(QuorumProvider.class);
 *     AuditLog audit = context.audit();
 *     context.roomModules(room -> Optional.of(new VotingModule(room, quorum, audit, context.storage())));
 *     context.http().get("/votes/{voteId}/report", new ReportResource(context.storage(), context.rooms()));
 *     context.events().subscribe(RoomClosed.class, closed -> archiveOpenVotes(closed.roomId()));
 *     context.scheduleRepeating(Duration.ofMinutes(5), Duration.ofHours(1), this::deleteExpiredData);
 * }
 * }
 * Implemented by the host (and by the {@code PluginTester}).
 */
public interface PluginContext {

    /** The plugin's descriptor. */
    PluginDescriptor descriptor();

    /** A logger named after the plugin; the host adds the plugin id to every line. No personal data at INFO. */
    System.Logger logger();

    /** The clock to use for every timestamp, so that tests can control time. */
    Clock clock();

    /**
     * Runs blocking or long work off room threads: virtual threads, bounded per plugin, stopped
     * with the plugin. Do not shut it down.
     */
    Executor executor();

    /** Runs {@code task} once after {@code delay}, on the {@link #executor()}. */
    ScheduledTask schedule(Duration delay, Runnable task);

    /** Runs {@code task} after {@code initialDelay} and then every {@code period}, on the {@link #executor()}. */
    ScheduledTask scheduleRepeating(Duration initialDelay, Duration period, Runnable task);

    /**
     * The settings a tenant has given this plugin, validated against the descriptor's settings
     * schema, with its defaults applied; an empty object if the plugin declares no schema. Cheap
     * (cached); a changed setting is seen by the next call.
     */
    JsonObject settings(UUID tenantId);

    /**
     * Registers the factory of the plugin's per-room modules; at most once. Rooms that are live
     * when the plugin starts get a module straight away.
     *
     * @throws IllegalStateException on a second call
     */
    void roomModules(RoomModuleFactory factory);

    /** Finds rooms and reaches live ones from outside their thread (from HTTP handlers or events). */
    RoomDirectory rooms();

    /** Typed events between core and plugins; handlers registered here run on the {@link #executor()}. */
    EventBus events();

    /** Services exported by this plugin, and those of the core and of declared dependencies. */
    ServiceRegistry services();

    /** The core's append-only, hash-chained audit log, in chains owned by this plugin. */
    AuditLog audit();

    /**
     * The plugin's own database schema.
     *
     * @throws IllegalStateException if the descriptor declares no {@link org.plenum.api.storage.SchemaMigrations}
     */
    PluginStorage storage();

    /** Where the plugin adds its REST routes under {@code /api/v1/plugins/{id}/}. */
    HttpRoutes http();
}
