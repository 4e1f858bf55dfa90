package org.plenum.core.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenum.core.config.Settings;
import org.plenum.core.room.Room;
import org.plenum.core.room.RoomStore;
import org.plenum.core.room.WaitingRoomPolicy;
import org.plenum.core.storage.Database;
import org.plenum.core.storage.DatabaseConfig;
import org.plenum.core.storage.Jdbc;
import org.plenum.core.tenant.Tenant;
import org.plenum.core.tenant.TenantStore;
import org.plenum.core.user.PlatformRole;
import org.plenum.core.user.User;
import org.plenum.core.user.UserStore;

/**
 * The hub and its room actors without a WebSocket server: real PostgreSQL, connections that capture
 * frames. The room store's database can be cut off to see how a failing handler is contained.
 */
class SignalingHubTest {

    @TempDir
    static Path dataDir;
    static Database db;
    static final AtomicBoolean outage = new AtomicBoolean();
    static RoomStore rooms;
    static Tenant tenant;
    static User owner;
    static User member;
    static TicketService tickets;
    static SignalingHub hub;

    @BeforeAll
    static void start() {
        db = Database.start(new DatabaseConfig("", "postgres", "", dataDir, 0, 4));
        Jdbc jdbc = new Jdbc(db.dataSource());
        tenant = new TenantStore(jdbc).create("hubtest", "Gemeinde Hubtest", null);
        owner = new UserStore(jdbc).createLocal(tenant.id(), "owner", null, "Olga Owner", PlatformRole.MEMBER);
        member = new UserStore(jdbc).createLocal(tenant.id(), "member", null, "Max Member", PlatformRole.MEMBER);
        rooms = new RoomStore(new Jdbc(new FailingDataSource(db.dataSource())));
        tickets = new TicketService(Duration.ofMinutes(1), Clock.systemUTC());
        SignalingSettings settings = SignalingSettings.from(Settings.of(Map.of("signaling.reconnect.grace", "200ms")));
        hub = new SignalingHub(settings, tickets, rooms, new SimpleMeterRegistry(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        hub.close();
        db.close();
    }

    private static Room room() {
        return rooms.create(tenant.id(), owner.id(), "Ausschuss", null, WaitingRoomPolicy.OFF);
    }

    private static CapturingConnection join(Room room, User user, boolean moderator) {
        CapturingConnection c = new CapturingConnection("c-" + UUID.randomUUID());
        ClientSession s = hub.accept(c);
        String ticket = tickets.issue(new JoinGrant(room.id(), tenant.id(), user.id(), null, user.displayName(), moderator));
        s.onText("{\"ns\":\"control\",\"type\":\"join\",\"id\":\"j\",\"body\":{\"ticket\":\"" + ticket + "\"}}");
        c.await("control", "joined");
        sessions.put(c, s);
        return c;
    }

    static final Map<CapturingConnection, ClientSession> sessions = new java.util.concurrent.ConcurrentHashMap<>();

    private static void send(CapturingConnection c, String frame) {
        sessions.get(c).onText(frame);
    }

    @Test
    void joinerIsAnnouncedToEveryone() {
        Room room = room();
        CapturingConnection chair = join(room, owner, true);
        CapturingConnection max = join(room, member, false);
        assertThat(chair.await("control", "participant_joined").path("body").path("participant").path("displayName").asText())
                .isEqualTo("Max Member");
        assertThat(max.frames().getFirst().path("body").path("participants").size()).isEqualTo(2);
    }

    @Test
    void aFailingHandlerIsAnsweredWithInternalErrorAndTheRoomGoesOn() {
        Room room = room();
        CapturingConnection chair = join(room, owner, true);
        CapturingConnection max = join(room, member, false);
        outage.set(true);
        try {
            send(chair, "{\"ns\":\"moderation\",\"type\":\"lock\",\"id\":\"l1\",\"body\":{}}");
            var reply = chair.awaitReply("l1");
            assertThat(reply.path("type").asText()).isEqualTo("error");
            assertThat(reply.path("ns").asText()).isEqualTo("moderation");
            assertThat(reply.path("body").path("code").asText()).isEqualTo("internal_error");
            assertThat(reply.path("body").path("message").asText()).doesNotContain("Exception").doesNotContain("SQL");
        } finally {
            outage.set(false);
        }
        // the room goes on, unchanged
        send(max, "{\"ns\":\"chat\",\"type\":\"send\",\"body\":{\"text\":\"noch da?\"}}");
        chair.await(f -> f.path("type").asText().equals("message") && f.path("body").path("text").asText().equals("noch da?"));
        assertThat(chair.frames()).noneMatch(f -> f.path("type").asText().equals("room_updated"));
        assertThat(rooms.find(room.id()).orElseThrow().locked()).isFalse();
    }

    @Test
    void theRoomActorEndsWhenTheLastPersonHasGone() {
        Room room = room();
        CapturingConnection chair = join(room, owner, true);
        int before = hub.roomCount();
        send(chair, "{\"ns\":\"control\",\"type\":\"leave\",\"id\":\"bye\"}");
        chair.awaitReply("bye");
        long deadline = System.currentTimeMillis() + 5_000;
        while (hub.roomCount() >= before && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(hub.roomCount()).isLessThan(before);
        assertThat(chair.awaitClose()).isEqualTo(1000);
    }

    @Test
    void aDroppedSocketLeavesAfterTheGracePeriod() {
        Room room = room();
        CapturingConnection chair = join(room, owner, true);
        CapturingConnection max = join(room, member, false);
        sessions.get(max).onClosed();
        var update = chair.await("control", "participant_updated");
        assertThat(update.path("body").path("participant").path("connected").asBoolean()).isFalse();
        var left = chair.await("control", "participant_left");
        assertThat(left.path("body").path("reason").asText()).isEqualTo("timeout");
    }

    /** The real pool, or an outage: every new connection fails while {@link #outage} is set. */
    static final class FailingDataSource implements DataSource {
        private final DataSource real;

        FailingDataSource(DataSource real) {
            this.real = real;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (outage.get()) {
                throw new SQLException("database unreachable (simulated outage)");
            }
            return real.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
