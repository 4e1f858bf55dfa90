package org.plenum.server.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plenum.api.Plugin;
import org.plenum.api.PluginContext;
import org.plenum.api.PluginDescriptor;
import org.plenum.api.event.CoreEvent;
import org.plenum.api.event.ParticipantJoined;
import org.plenum.api.event.ParticipantLeft;
import org.plenum.api.event.ParticipantRoleChanged;
import org.plenum.api.event.RoomClosed;
import org.plenum.api.event.RoomOpened;
import org.plenum.api.http.HttpProblemException;
import org.plenum.api.http.HttpResponse;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.LeaveReason;
import org.plenum.api.room.Role;
import org.plenum.api.room.RoomContext;
import org.plenum.api.room.RoomInfo;
import org.plenum.api.room.RoomModule;
import org.plenum.api.room.RoomModuleFactory;
import org.plenum.pluginhost.testing.SignedJars;
import org.plenum.server.TestServer;
import org.plenum.server.TwoMunicipalities;
import org.plenum.server.signaling.SignalingClient;

/**
 * The signaling core's events reach plugins through the host's event bus, for the tenants that use them
 * only, and plugins reach live rooms through {@code PluginContext.rooms()}: which rooms are live with their
 * module, and a call on a room's module from a plugin's HTTP route, on the room's thread.
 */
class CoreEventsToPluginsTest {

    static final List<CoreEvent> SEEN = new CopyOnWriteArrayList<>();

    static SignedJars signing;
    static TestServer t;
    static TwoMunicipalities towns;

    @BeforeAll
    static void start() throws Exception {
        signing = new SignedJars("Plenum Test CA");
        t = TestServer.withTestPlugins(signing, Map.of());
        towns = new TwoMunicipalities(t);
        Path jar = signing.signed(Files.createTempDirectory("attendance"), Attendance.class);
        TestServer.Reply installed = t.upload("POST", "/api/v1/admin/plugins", towns.platformAdmin, jar);
        assertThat(installed.status()).as(installed.raw().body()).isEqualTo(201);
        assertThat(t.send("PUT", "/api/v1/admin/plugins/attendance/tenants/" + towns.erfurt.tenantId(), towns.platformAdmin,
                Map.of("available", true)).status()).isEqualTo(200);
        assertThat(t.send("PUT", "/api/v1/tenants/" + towns.erfurt.tenantId() + "/plugins/attendance", towns.erfurt.admin(),
                Map.of("enabled", true)).status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    /** Keeps an attendance list from core events, and counts who is present through the live room's module. */
    public static final class Attendance implements Plugin {
        @Override
        public PluginDescriptor descriptor() {
            return PluginDescriptor.builder("attendance", "1.0.0").name("Attendance").requires("[1.0,2.0)").build();
        }

        @Override
        public void start(PluginContext context) {
            for (Class<? extends CoreEvent> type : List.of(RoomOpened.class, ParticipantJoined.class, ParticipantRoleChanged.class,
                    ParticipantLeft.class, RoomClosed.class)) {
                context.events().subscribe(type, SEEN::add);
            }
            context.roomModules(RoomModuleFactory.always(PresenceModule::new));
            context.http().get("/rooms/{roomId}/present", r -> {
                RoomInfo room = context.rooms().find(r.pathParameter("roomId"), r.requireCaller())
                        .orElseThrow(() -> HttpProblemException.notFound("no such room"));
                if (!context.rooms().liveRooms(room.tenantId()).contains(room.roomId())) {
                    return HttpResponse.ok(JsonObject.of("live", room.live(), "present", 0));
                }
                int present = context.rooms().call(room.roomId(), PresenceModule.class, PresenceModule::present)
                        .toCompletableFuture().get(5, TimeUnit.SECONDS);
                return HttpResponse.ok(JsonObject.of("live", room.live(), "present", present,
                        "thread", context.rooms().call(room.roomId(), PresenceModule.class, m -> Thread.currentThread().isVirtual())
                                .toCompletableFuture().get(5, TimeUnit.SECONDS)));
            });
        }
    }

    public static final class PresenceModule implements RoomModule {
        private final RoomContext room;

        PresenceModule(RoomContext room) {
            this.room = room;
        }

        int present() {
            return room.participants().size();
        }
    }

    private static String room(String token) {
        return t.post("/api/v1/rooms", token, Map.of("title", "Ausschuss", "waitingRoom", "off")).text("id");
    }

    private static SignalingClient join(String token, String roomId) {
        SignalingClient c = SignalingClient.connect(t);
        c.join(t.post("/api/v1/rooms/" + roomId + "/tickets", token, Map.of()).text("ticket"));
        return c;
    }

    private static <E extends CoreEvent> E awaitEvent(Class<E> type, Predicate<E> match) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (CoreEvent e : SEEN) {
                if (type.isInstance(e) && match.test(type.cast(e))) {
                    return type.cast(e);
                }
            }
            try {
                Thread.sleep(10); // the pause of a bounded poll
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                throw new AssertionError(x);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " as expected within 10 s; seen: " + SEEN);
    }

    @Test
    void roomsAndParticipantsArePublishedToPluginsOfTheirTenantAndLiveRoomsAnswerCalls() {
        UUID erfurt = UUID.fromString(towns.erfurt.tenantId());
        String erfurtRoom = room(towns.erfurt.moderator());
        String jenaRoom = room(towns.jena.moderator());
        try (SignalingClient jena = join(towns.jena.moderator(), jenaRoom);
             SignalingClient chair = join(towns.erfurt.moderator(), erfurtRoom)) {
            assertThat(awaitEvent(RoomOpened.class, e -> e.roomId().equals(erfurtRoom)).tenantId()).isEqualTo(erfurt);
            ParticipantJoined chairJoined = awaitEvent(ParticipantJoined.class, e -> e.roomId().equals(erfurtRoom));
            assertThat(chairJoined.participant().role()).isEqualTo(Role.MODERATOR);
            assertThat(chairJoined.participant().id()).isEqualTo(chair.participantId);

            SignalingClient member = join(towns.erfurt.member(), erfurtRoom);
            awaitEvent(ParticipantJoined.class, e -> e.participant().id().equals(member.participantId));

            // the plugin's route reaches the live room's module on the room's thread
            TestServer.Reply present = t.get("/api/v1/plugins/attendance/rooms/" + erfurtRoom + "/present", towns.erfurt.member());
            assertThat(present.status()).as(present.raw().body()).isEqualTo(200);
            assertThat(present.body().path("live").asBoolean()).isTrue();
            assertThat(present.body().path("present").asInt()).isEqualTo(2);
            assertThat(present.body().path("thread").asBoolean()).as("module calls run isolated, on a call thread").isTrue();

            chair.request("moderation", "promote", Map.of("participantId", member.participantId));
            ParticipantRoleChanged promoted = awaitEvent(ParticipantRoleChanged.class, e -> e.participant().id().equals(member.participantId));
            assertThat(promoted.previous()).isEqualTo(Role.PARTICIPANT);
            assertThat(promoted.participant().role()).isEqualTo(Role.MODERATOR);

            member.request("control", "leave", Map.of());
            assertThat(awaitEvent(ParticipantLeft.class, e -> e.participant().id().equals(member.participantId)).reason())
                    .isEqualTo(LeaveReason.LEFT);
            assertThat(t.get("/api/v1/plugins/attendance/rooms/" + erfurtRoom + "/present", towns.erfurt.member())
                    .body().path("present").asInt()).isEqualTo(1);

            chair.request("moderation", "end_meeting", Map.of());
            assertThat(awaitEvent(ParticipantLeft.class, e -> e.participant().id().equals(chair.participantId)).reason())
                    .isEqualTo(LeaveReason.ROOM_CLOSED);
            awaitEvent(RoomClosed.class, e -> e.roomId().equals(erfurtRoom));
            TestServer.Reply after = t.get("/api/v1/plugins/attendance/rooms/" + erfurtRoom + "/present", towns.erfurt.member());
            assertThat(after.body().path("present").asInt()).as(after.raw().body()).isZero();

            // Jena does not use the plugin: its meeting is invisible to it, and its rooms are not found through it
            assertThat(SEEN).noneMatch(e -> e.roomId().equals(jenaRoom));
            assertThat(t.get("/api/v1/plugins/attendance/rooms/" + jenaRoom + "/present", towns.erfurt.member()).status()).isEqualTo(404);
            jena.request("chat", "send", Map.of("text", "weiter"));
        }
    }

    @Test
    void aCallToARoomWithoutAMeetingOrWithAnotherModuleTypeFails() throws Exception {
        PluginContext context = t.server.plugins().contextOf(org.plenum.api.PluginId.of("attendance")).orElseThrow();
        String idle = room(towns.erfurt.moderator());
        assertThat(context.rooms().call(idle, PresenceModule.class, PresenceModule::present).toCompletableFuture())
                .failsWithin(Duration.ofSeconds(5)).withThrowableThat().withCauseInstanceOf(java.util.NoSuchElementException.class);
        try (SignalingClient chair = join(towns.erfurt.moderator(), idle)) {
            assertThat(context.rooms().liveRooms(UUID.fromString(towns.erfurt.tenantId()))).contains(idle);
            assertThat(context.rooms().call(idle, Other.class, m -> 1).toCompletableFuture())
                    .failsWithin(Duration.ofSeconds(5)).withThrowableThat().withCauseInstanceOf(ClassCastException.class);
            assertThat(context.rooms().call(idle, PresenceModule.class, PresenceModule::present).toCompletableFuture().get(5, TimeUnit.SECONDS))
                    .isEqualTo(1);
        }
    }

    static final class Other implements RoomModule {
    }
}
