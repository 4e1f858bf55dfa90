package org.plenum.server.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plenum.api.PluginId;
import org.plenum.api.SemVer;
import org.plenum.api.event.EventBus;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.InboundMessage;
import org.plenum.api.room.MessageRefusedException;
import org.plenum.api.room.Participant;
import org.plenum.api.room.Recording;
import org.plenum.api.room.RecordingKind;
import org.plenum.api.room.RoomContext;
import org.plenum.api.room.RoomModule;
import org.plenum.api.room.RoomModuleFactory;
import org.plenum.core.plugin.ActivePlugin;
import org.plenum.core.plugin.PluginFaults;
import org.plenum.core.plugin.RoomModuleProvider;
import org.plenum.server.TestServer;

/**
 * Plugin room modules inside live rooms, over real sockets: routing by namespace, join data, replies and
 * refusals, and isolation from modules that throw, hang or flood. The modules are plain test classes
 * handed to the rooms through the same seam the plugin host uses ({@link RoomModuleProvider}).
 */
class PluginsInRoomsTest {

    static TestServer t;
    static MeetingFixture f;
    static String anna;
    static final Map<String, ActivePlugin> active = new ConcurrentHashMap<>();
    static final List<String> faults = new CopyOnWriteArrayList<>();
    static final AtomicLong generations = new AtomicLong();
    final List<SignalingClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() {
        t = TestServer.start(Map.of("plugins.call.timeout", "2s"));
        f = new MeetingFixture(t);
        anna = f.user("anna", "Anna Amsel");
        t.server.core().signaling.useModules((tenant, room) -> List.copyOf(active.values()));
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @BeforeEach
    void echoIsActive() {
        active.clear();
        faults.clear();
        activate("echo");
    }

    @AfterEach
    void closeClients() {
        clients.forEach(SignalingClient::close);
    }

    static void activate(String id) {
        active.put(id, new ActivePlugin(PluginId.of(id), SemVer.parse("1.2.0"), generations.incrementAndGet(),
                RoomModuleFactory.always(EchoModule::new), PluginsInRoomsTest.class.getClassLoader(),
                (plugin, room, kind, where, cause) -> faults.add(plugin.value() + ":" + kind + ":" + where),
                EventBus.class.cast(java.lang.reflect.Proxy.newProxyInstance(EventBus.class.getClassLoader(), new Class<?>[] {EventBus.class},
                        (proxy, method, args) -> {
                            throw new UnsupportedOperationException("no events in this test");
                        })),
                tenant -> JsonObject.of()));
    }

    /** Joins and returns the {@code joined} frame. */
    private JsonNode joinedFrame(String user, String room) {
        SignalingClient c = SignalingClient.connect(t);
        clients.add(c);
        return c.join(f.ticket(user, room));
    }

    private SignalingClient join(String user, String room) {
        SignalingClient c = f.join(user, room);
        clients.add(c);
        return c;
    }

    /** A module that does what its messages say, including misbehaving. */
    static final class EchoModule implements RoomModule {
        private final RoomContext room;

        EchoModule(RoomContext room) {
            this.room = room;
        }

        @Override
        public Optional<JsonObject> joinSnapshot(Participant p) {
            return Optional.of(JsonObject.of("greeting", "hello " + p.displayName(), "present", room.participants().size()));
        }

        @Override
        public void onMessage(InboundMessage m) {
            switch (m.type()) {
                case "echo" -> room.reply(m, "echoed", m.body());
                case "shout" -> room.sendToAll("shouted", m.body());
                case "quiet" -> { }
                case "refuse" -> throw MessageRefusedException.forbidden("only the chair may do that");
                case "boom" -> throw new IllegalStateException("module bug");
                case "hang" -> {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                case "flood" -> {
                    for (int i = 0; i < 5_000; i++) {
                        room.sendToAll("shouted", JsonObject.of("n", i));
                    }
                }
                case "record" -> room.startRecording(RecordingKind.valueOf(m.body().optString("kind").orElse("RECORDING")),
                        m.body().optString("label").orElse("Sitzung"));
                case "stop_recording" -> room.recordings().forEach(Recording::stop);
                case "record_and_hang" -> {
                    room.startRecording(RecordingKind.TRANSCRIPTION, "Untertitel");
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                case "later" -> room.schedule(Duration.ofMillis(50), () -> room.sendToAll("tick", JsonObject.of()));
                case "escape" -> new Thread(() -> {
                    try {
                        room.sendToAll("escaped", JsonObject.of());
                    } catch (IllegalStateException expected) {
                        room.execute(() -> room.sendToAll("came_back", JsonObject.of()));
                    }
                }).start();
                default -> throw MessageRefusedException.unknownType(m);
            }
        }
    }

    @Test
    void joinDataListsActivePluginsWithEachParticipantsOwnData() {
        String room = f.room("off");
        join(f.chair, room);
        JsonNode plugins = joinedFrame(anna, room).path("body").path("plugins");
        assertThat(plugins).hasSize(1);
        assertThat(plugins.get(0).path("id").asText()).isEqualTo("echo");
        assertThat(plugins.get(0).path("version").asText()).isEqualTo("1.2.0");
        assertThat(plugins.get(0).path("data").path("greeting").asText()).isEqualTo("hello Anna Amsel");
    }

    @Test
    void messagesReachThePluginAndRepliesAndBroadcastsComeBack() {
        String room = f.room("off");
        SignalingClient chair = join(f.chair, room);
        SignalingClient a = join(anna, room);
        JsonNode echoed = a.request("echo", "echo", Map.of("text", "Guten Morgen"));
        assertThat(echoed.path("type").asText()).isEqualTo("echoed");
        assertThat(echoed.path("body").path("text").asText()).isEqualTo("Guten Morgen");
        a.send("echo", "shout", Map.of("text", "Achtung"));
        assertThat(chair.await("echo", "shouted").path("body").path("text").asText()).isEqualTo("Achtung");
        assertThat(a.request("echo", "quiet", Map.of()).path("type").asText()).as("an unanswered request gets ok").isEqualTo("ok");
    }

    @Test
    void refusalsCarryThePluginsCodeAndUnknownNamespacesAreRefused() {
        String room = f.room("off");
        SignalingClient a = join(anna, room);
        JsonNode refused = a.requestRefused("echo", "refuse", Map.of(), "forbidden");
        assertThat(refused.path("body").path("message").asText()).contains("only the chair");
        a.requestRefused("echo", "nonsense", Map.of(), "unknown_type");
        a.requestRefused("nosuchplugin", "hello", Map.of(), "unknown_type");
        a.requestRefused("echo", "Bad-Type", Map.of(), "invalid_message");
    }

    @Test
    void aModuleThatThrowsIsReportedAndTheRoomAndModuleGoOn() {
        String room = f.room("off");
        SignalingClient chair = join(f.chair, room);
        SignalingClient a = join(anna, room);
        a.requestRefused("echo", "boom", Map.of(), "plugin_error");
        assertThat(faults).contains("echo:THREW:onMessage");
        assertThat(a.request("echo", "echo", Map.of("still", "here")).path("body").path("still").asText()).isEqualTo("here");
        a.request("chat", "send", Map.of("text", "the meeting goes on"));
        assertThat(chair.await("chat", "message").path("body").path("text").asText()).isEqualTo("the meeting goes on");
    }

    @Test
    void aModuleThatHangsIsAbandonedInThatRoomWithANoticeWhileOtherRoomsKeepIt() {
        String room = f.room("off");
        String other = f.room("off");
        SignalingClient chair = join(f.chair, room);
        SignalingClient a = join(anna, room);
        SignalingClient elsewhere = join(f.chair, other);
        long start = System.nanoTime();
        a.requestRefused("echo", "hang", Map.of(), "plugin_error");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("bounded by the call timeout, loosely").isLessThan(Duration.ofSeconds(8));
        assertThat(chair.await("control", "plugin_stopped").path("body").path("reason").asText()).isEqualTo("failed");
        assertThat(faults).contains("echo:TIMED_OUT:onMessage");
        a.requestRefused("echo", "echo", Map.of(), "unknown_type");
        assertThat(elsewhere.request("echo", "echo", Map.of("x", 1)).path("type").asText()).isEqualTo("echoed");
        a.request("hand", "raise", Map.of());
        chair.await("control", "participant_updated", b -> b.path("changed").get(0).asText().equals("hand"));
    }

    @Test
    void aFloodingModuleIsCappedAndReported() {
        String room = f.room("off");
        SignalingClient chair = join(f.chair, room);
        SignalingClient a = join(anna, room);
        a.request("echo", "flood", Map.of());
        assertThat(faults).contains("echo:FLOODED:send");
        a.request("echo", "echo", Map.of("marker", true));
        chair.await("echo", "shouted", b -> b.path("n").asInt() == 199);
        assertThat(chair.pending("echo", "shouted")).as("at most the per-second share arrives").hasSizeLessThanOrEqualTo(200);
    }

    @Test
    void timersAndWorkFromOtherThreadsRunOnTheRoomsThread() {
        String room = f.room("off");
        SignalingClient a = join(anna, room);
        a.request("echo", "later", Map.of());
        a.await("echo", "tick");
        a.request("echo", "escape", Map.of());
        a.await("echo", "came_back");
        assertThat(a.pending("echo", "escaped")).as("a RoomContext used off the room thread refuses").isEmpty();
    }

    @Test
    void anUpdateRestartsTheModuleWithANoticeAndFreshJoinData() {
        String room = f.room("off");
        SignalingClient a = join(anna, room);
        activate("echo");
        t.server.core().signaling.pluginsChanged();
        assertThat(a.await("control", "plugin_stopped").path("body").path("reason").asText()).isEqualTo("updated");
        JsonNode started = a.await("control", "plugin_started").path("body").path("plugin");
        assertThat(started.path("id").asText()).isEqualTo("echo");
        assertThat(started.path("data").path("greeting").asText()).isEqualTo("hello Anna Amsel");
        assertThat(a.request("echo", "echo", Map.of("v", 2)).path("type").asText()).isEqualTo("echoed");
    }

    @Test
    void disablingAPluginStopsItsModuleInRunningRooms() {
        String room = f.room("off");
        SignalingClient a = join(anna, room);
        active.clear();
        t.server.core().signaling.pluginsChanged();
        assertThat(a.await("control", "plugin_stopped").path("body").path("reason").asText()).isEqualTo("disabled");
        a.requestRefused("echo", "echo", Map.of(), "unknown_type");
        assertThat(joinedFrame(f.chair, room).path("body").path("plugins")).isEmpty();
    }

    // ---- recordings a module declares

    @Test
    void aDeclaredRecordingIsAnnouncedToEveryoneAndShownToLateJoinersUntilItStops() {
        String room = f.room("off");
        SignalingClient chair = join(f.chair, room);
        SignalingClient a = join(anna, room);
        a.request("echo", "record", Map.of("label", "  Ratssitzung (Audio) "));
        for (SignalingClient c : List.of(chair, a)) {
            JsonNode rec = c.await("control", "recording_started").path("body").path("recording");
            assertThat(rec.path("id").asText()).startsWith("rec-");
            assertThat(rec.path("kind").asText()).isEqualTo("recording");
            assertThat(rec.path("label").asText()).isEqualTo("Ratssitzung (Audio)");
            assertThat(rec.path("plugin").asText()).isEqualTo("echo");
            assertThat(java.time.Instant.parse(rec.path("startedAt").asText())).isNotNull();
        }
        JsonNode late = joinedFrame(f.chair, room).path("body").path("recordings");
        assertThat(late).hasSize(1);
        assertThat(late.get(0).path("label").asText()).isEqualTo("Ratssitzung (Audio)");

        a.request("echo", "stop_recording", Map.of());
        JsonNode stopped = chair.await("control", "recording_stopped").path("body");
        assertThat(stopped.path("reason").asText()).isEqualTo("stopped");
        assertThat(stopped.path("recording").path("id").asText()).isEqualTo(late.get(0).path("id").asText());
        assertThat(java.time.Instant.parse(stopped.path("endedAt").asText())).isNotNull();
        assertThat(joinedFrame(anna, room).path("body").path("recordings")).isEmpty();
    }

    @Test
    void theWaitingRoomIsToldWhatIsRecordedBeforeAnyoneIsAdmitted() {
        String room = f.room("everyone");
        SignalingClient chair = join(f.chair, room);
        chair.request("echo", "record", Map.of("kind", "STREAMING", "label", "Livestream ins Bürgerbüro"));
        SignalingClient waiting = SignalingClient.connect(t);
        clients.add(waiting);
        JsonNode w = waiting.awaitReply(waiting.send("control", "join", Map.of("ticket", f.ticket(anna, room))));
        assertThat(w.path("type").asText()).isEqualTo("waiting");
        assertThat(w.path("body").path("recordings").get(0).path("kind").asText()).isEqualTo("streaming");
        chair.request("echo", "stop_recording", Map.of());
        assertThat(waiting.await("control", "recording_stopped").path("body").path("reason").asText()).isEqualTo("stopped");
    }

    @Test
    void disablingThePluginEndsItsRecordingForEveryoneAndTheAuditLogKeepsBoth() {
        String room = f.room("off");
        SignalingClient a = join(anna, room);
        a.request("echo", "record", Map.of("label", "Protokollaufnahme"));
        String id = a.await("control", "recording_started").path("body").path("recording").path("id").asText();
        active.clear();
        t.server.core().signaling.pluginsChanged();
        JsonNode stopped = a.await("control", "recording_stopped").path("body");
        assertThat(stopped.path("reason").asText()).isEqualTo("plugin_disabled");
        assertThat(stopped.path("recording").path("id").asText()).isEqualTo(id);
        a.await("control", "plugin_stopped");
        assertThat(joinedFrame(f.chair, room).path("body").path("recordings")).isEmpty();

        var chain = t.server.core().audit.chain(org.plenum.core.audit.RecordingAuditTrail.chainOf(
                java.util.UUID.fromString(f.tenantId()), "echo", room));
        List<org.plenum.api.audit.AuditEntry> entries = awaitEntries(chain, 2);
        assertThat(entries).extracting(org.plenum.api.audit.AuditEntry::type).containsExactly("recording.started", "recording.stopped");
        assertThat(entries.get(0).payload().getString("recording")).isEqualTo(id);
        assertThat(entries.get(0).payload().getString("label")).isEqualTo("Protokollaufnahme");
        assertThat(entries.get(1).payload().getString("reason")).isEqualTo("plugin_disabled");
        assertThat(chain.verify()).isInstanceOf(org.plenum.api.audit.ChainVerification.Intact.class);
    }

    @Test
    void aModuleThatHangsAfterDeclaringIsSeenRecordingAndThenItsRecordingEnds() {
        String room = f.room("off");
        SignalingClient chair = join(f.chair, room);
        SignalingClient a = join(anna, room);
        a.requestRefused("echo", "record_and_hang", Map.of(), "plugin_error");
        // announced at once, not held back with the hanging call's other sends
        assertThat(chair.await("control", "recording_started").path("body").path("recording").path("kind").asText())
                .isEqualTo("transcription");
        assertThat(chair.await("control", "recording_stopped").path("body").path("reason").asText()).isEqualTo("plugin_failed");
        assertThat(joinedFrame(f.chair, room).path("body").path("recordings")).isEmpty();
    }

    @Test
    void anUpdateEndsTheOldVersionsRecordingAndTheNewVersionMustDeclareAgain() {
        String room = f.room("off");
        SignalingClient a = join(anna, room);
        a.request("echo", "record", Map.of("label", "Version 1"));
        a.await("control", "recording_started");
        activate("echo");
        t.server.core().signaling.pluginsChanged();
        assertThat(a.await("control", "recording_stopped").path("body").path("reason").asText()).isEqualTo("plugin_updated");
        a.await("control", "plugin_started");
        assertThat(joinedFrame(f.chair, room).path("body").path("recordings")).isEmpty();
    }

    @Test
    void aFactoryThatFailsAfterDeclaringLeavesNoRecordingBehind() {
        String room = f.room("off");
        SignalingClient a = join(anna, room);
        active.put("crashy", new ActivePlugin(PluginId.of("crashy"), SemVer.parse("1.0.0"), generations.incrementAndGet(),
                RoomModuleFactory.always(ctx -> {
                    ctx.startRecording(RecordingKind.RECORDING, "half-made module");
                    throw new IllegalStateException("factory bug after declaring");
                }), PluginsInRoomsTest.class.getClassLoader(), (plugin, r, kind, where, cause) -> faults.add(plugin.value() + ":" + kind + ":" + where),
                active.get("echo").events(), tenant -> JsonObject.of()));
        t.server.core().signaling.pluginsChanged();
        assertThat(a.await("control", "recording_started").path("body").path("recording").path("plugin").asText()).isEqualTo("crashy");
        assertThat(a.await("control", "recording_stopped").path("body").path("reason").asText()).isEqualTo("plugin_failed");
        assertThat(faults).contains("crashy:THREW:create");
        assertThat(joinedFrame(f.chair, room).path("body").path("recordings")).isEmpty();
    }

    @Test
    void hostileLabelsAreRefusedAndNothingIsAnnounced() {
        String room = f.room("off");
        SignalingClient chair = join(f.chair, room);
        SignalingClient a = join(anna, room);
        for (String label : List.of("", "   ", "x".repeat(101), "Audio\nläuft nicht", "Audio \u202Egnidrocer", "<img src=x>\u0000")) {
            a.requestRefused("echo", "record", Map.of("label", label), "plugin_error");
        }
        a.requestRefused("echo", "record", Map.of("kind", "BROADCAST_SECRETLY"), "plugin_error");
        for (int i = 0; i < RoomContext.MAX_ACTIVE_RECORDINGS; i++) {
            a.request("echo", "record", Map.of("label", "Spur " + i));
        }
        a.requestRefused("echo", "record", Map.of("label", "one too many"), "plugin_error");
        chair.awaitCount(fr -> fr.path("type").asText().equals("recording_started"), RoomContext.MAX_ACTIVE_RECORDINGS);
        a.request("chat", "send", Map.of("text", "marker"));
        chair.await("chat", "message");
        assertThat(chair.pending("control", "recording_started")).as("only the four valid ones")
                .hasSize(RoomContext.MAX_ACTIVE_RECORDINGS);
        // markup is text to the server: the label is passed on as it was given, the client must not render it as HTML
        a.request("echo", "stop_recording", Map.of());
        a.request("echo", "record", Map.of("label", "<b>Aufnahme</b>"));
        assertThat(chair.await("control", "recording_started", b -> b.path("recording").path("label").asText().startsWith("<b>"))
                .path("body").path("recording").path("label").asText()).isEqualTo("<b>Aufnahme</b>");
    }

    @Test
    void clientsCannotForgeRecordingNotices() {
        String room = f.room("off");
        SignalingClient chair = join(f.chair, room);
        SignalingClient a = join(anna, room);
        a.requestRefused("control", "recording_started", Map.of("recording", Map.of("id", "rec-fake", "kind", "recording",
                "label", "fake", "plugin", "echo", "startedAt", "2026-11-29T10:00:00Z")), "unknown_type");
        a.requestRefused("control", "recording_stopped", Map.of("recording", Map.of("id", "rec-x")), "unknown_type");
        a.request("chat", "send", Map.of("text", "marker"));
        chair.await("chat", "message");
        assertThat(chair.pending("control", "recording_started")).isEmpty();
        assertThat(chair.pending("control", "recording_stopped")).isEmpty();
    }

    private static List<org.plenum.api.audit.AuditEntry> awaitEntries(org.plenum.api.audit.AuditChain chain, int n) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<org.plenum.api.audit.AuditEntry> entries = chain.read(1, 10);
            if (entries.size() >= n || System.nanoTime() > deadline) {
                return entries;
            }
            try {
                Thread.sleep(50);   // polling a table the writer thread fills; bounded by the deadline above
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return entries;
            }
        }
    }
}
