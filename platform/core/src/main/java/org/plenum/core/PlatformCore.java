package org.plenum.core;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.plenum.core.audit.AuditStore;
import org.plenum.core.auth.Authenticator;
import org.plenum.core.bootstrap.Bootstrap;
import org.plenum.core.auth.LocalLogin;
import org.plenum.core.auth.LocalTokens;
import org.plenum.core.auth.LoginThrottle;
import org.plenum.core.auth.TokenVerifier;
import org.plenum.core.auth.oidc.OidcVerifiers;
import org.plenum.core.config.Settings;
import org.plenum.core.invite.InviteStore;
import org.plenum.core.meeting.MeetingStore;
import org.plenum.core.pluginstorage.PluginSchemas;
import org.plenum.core.pluginstorage.PluginStorageConfig;
import org.plenum.core.room.RoomStore;
import org.plenum.core.room.Rooms;
import org.plenum.core.security.PasswordHasher;
import org.plenum.core.signaling.SignalingHub;
import org.plenum.core.signaling.SignalingSettings;
import org.plenum.core.signaling.TicketService;
import org.plenum.core.storage.Database;
import org.plenum.core.storage.DatabaseConfig;
import org.plenum.core.storage.Jdbc;
import org.plenum.core.tenant.TenantStore;
import org.plenum.core.user.UserStore;

/**
 * The core's services, built from the settings and started in order: database first, then the
 * stores, identity, rooms and signaling. The server wraps HTTP around this; tests use it directly.
 */
public final class PlatformCore implements AutoCloseable {

    public final Settings settings;
    public final Clock clock;
    public final Database database;
    public final Jdbc jdbc;
    public final TenantStore tenants;
    public final UserStore users;
    public final RoomStore roomStore;
    public final MeetingStore meetings;
    public final InviteStore invites;
    public final PasswordHasher passwords;
    public final LocalTokens localTokens;
    public final LocalLogin localLogin;
    public final Authenticator authenticator;
    public final TicketService tickets;
    public final Rooms rooms;
    public final SignalingHub signaling;
    public final Bootstrap.Outcome bootstrap;
    /** The append-only, hash-chained audit log; {@code audit.forPlugin(id)} is a plugin's {@code AuditLog}. */
    public final AuditStore audit;
    /** Recording starts and ends, written to the audit log off the rooms' threads. */
    private final org.plenum.core.audit.RecordingAuditTrail recordingAudit;
    /** Plugins' own schemas and roles; {@code pluginStorage.open(...)} is a plugin's {@code PluginStorage}. */
    public final PluginSchemas pluginStorage;
    /** The built-in SFU; null when {@code media.enabled=false}. */
    public final org.plenum.media.engine.MediaEngine media;

    private PlatformCore(Settings settings, MeterRegistry metrics, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.database = Database.start(DatabaseConfig.from(settings));
        try {
            this.jdbc = new Jdbc(database.dataSource());
            this.tenants = new TenantStore(jdbc);
            this.users = new UserStore(jdbc);
            this.roomStore = new RoomStore(jdbc);
            this.meetings = new MeetingStore(jdbc);
            this.invites = new InviteStore(jdbc, clock);
            this.passwords = new PasswordHasher();
            this.localTokens = new LocalTokens(settings.get("auth.local.issuer", "plenum-local"),
                    settings.getDuration("auth.token.lifetime", Duration.ofHours(8)), jdbc, users, clock);
            LoginThrottle throttle = new LoginThrottle(settings.getInt("auth.login.max.failures", 5),
                    settings.getInt("auth.login.max.failures.per.address", 50),
                    settings.getDuration("auth.login.window", Duration.ofMinutes(5)), clock);
            this.localLogin = new LocalLogin(users, passwords, localTokens, throttle);
            List<TokenVerifier> verifiers = new ArrayList<>();
            verifiers.add(localTokens);
            verifiers.addAll(OidcVerifiers.fromSettings(settings, tenants, users, clock));
            this.authenticator = new Authenticator(verifiers);
            this.tickets = new TicketService(settings.getDuration("signaling.ticket.ttl", Duration.ofSeconds(60)), clock);
            this.rooms = new Rooms(roomStore, tenants, users, invites, passwords, tickets, meetings);
            this.bootstrap = Bootstrap.run(settings, tenants, users, passwords);
            this.audit = new AuditStore(database.dataSource(), clock);
            this.pluginStorage = new PluginSchemas(database.dataSource(), database.jdbcUrl(), PluginStorageConfig.from(settings));
            this.signaling = new SignalingHub(SignalingSettings.from(settings), tickets, roomStore, metrics, clock);
            this.media = org.plenum.core.media.MediaSettings.enabled(settings)
                    ? org.plenum.media.engine.MediaEngine.start(org.plenum.core.media.MediaSettings.from(settings), metrics)
                    : null;
            signaling.useMedia(media);
            rooms.whenChanged(signaling::roomStored);
            this.recordingAudit = new org.plenum.core.audit.RecordingAuditTrail(audit);
            signaling.useRecordingAudit(recordingAudit);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public static PlatformCore start(Settings settings, MeterRegistry metrics) {
        return new PlatformCore(settings, metrics, Clock.systemUTC());
    }

    /** Stops in reverse order: rooms, then plugin pools, then the database. */
    @Override
    public void close() {
        signaling.close();
        recordingAudit.close();
        if (media != null) {
            media.close();
        }
        pluginStorage.close();
        database.close();
    }
}
