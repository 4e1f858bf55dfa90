package org.plenum.core.bench;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.plenum.api.PluginId;
import org.plenum.api.SemVer;
import org.plenum.api.event.EventBus;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.Audience;
import org.plenum.api.room.InboundMessage;
import org.plenum.api.room.Participant;
import org.plenum.api.room.Role;
import org.plenum.api.room.RoomModule;
import org.plenum.api.room.RoomModuleFactory;
import org.plenum.core.plugin.ActivePlugin;
import org.plenum.core.plugin.PluginCalls;
import org.plenum.core.plugin.RoomPlugins;
import org.plenum.core.plugin.RoomPort;
import org.plenum.core.signaling.frame.FrameReader;

/**
 * What a message costs on the room's thread: reading a core-namespace frame (schema-validated) versus a
 * plugin frame, and handing a plugin message to its module through the isolation (own virtual thread,
 * context class loader, time bound) versus calling a module directly. Not part of the build's tests;
 * run with {@code ./mvnw -q -pl platform/core -am -Pjmh test-compile} (see docs/performance.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PluginDispatchBenchmark {

    private static final String CHAT_FRAME = "{\"ns\":\"chat\",\"type\":\"send\",\"id\":\"c-1\",\"body\":{\"text\":\"Guten Morgen\"}}";
    private static final String PLUGIN_FRAME = "{\"ns\":\"bench\",\"type\":\"vote\",\"id\":\"c-1\",\"body\":{\"poll\":\"q-1\",\"choice\":\"yes\"}}";
    private static final String PLUGIN_BODY = "{\"poll\":\"q-1\",\"choice\":\"yes\"}";

    private FrameReader reader;
    private RoomPlugins plugins;
    private PluginCalls calls;
    private RoomModule module;
    private Participant sender;
    private InboundMessage message;
    long sink;

    @Setup(Level.Trial)
    public void setUp() {
        reader = new FrameReader(64 * 1024);
        calls = new PluginCalls(Duration.ofSeconds(2));
        module = new RoomModule() {
            @Override
            public void onMessage(InboundMessage m) {
                sink += m.body().size();
            }
        };
        sender = new Participant("p-1", Optional.of(UUID.randomUUID()), "Anna", Role.PARTICIPANT, Participant.ClientKind.BROWSER, true);
        message = new InboundMessage(sender, "vote", Optional.empty(), JsonObject.parse(PLUGIN_BODY));
        EventBus noEvents = (EventBus) java.lang.reflect.Proxy.newProxyInstance(EventBus.class.getClassLoader(),
                new Class<?>[] {EventBus.class}, (p, m, a) -> null);
        ActivePlugin bench = new ActivePlugin(PluginId.of("bench"), SemVer.parse("1.0.0"), 1, RoomModuleFactory.always(r -> module),
                PluginDispatchBenchmark.class.getClassLoader(), (id, room, kind, where, cause) -> { }, noEvents, t -> JsonObject.of());
        plugins = new RoomPlugins(new SilentRoom(sender), (tenant, room) -> List.of(bench), calls);
        plugins.refresh(false);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        calls.close();
    }

    @Benchmark
    public Object readCoreFrame() {
        return reader.read(CHAT_FRAME);
    }

    @Benchmark
    public Object readPluginFrame() {
        return reader.read(PLUGIN_FRAME);
    }

    /** Body parsed into the SPI's JSON, module called through the isolation, sends flushed. */
    @Benchmark
    public boolean dispatchToPluginModule() {
        return plugins.message(sender, "bench", "vote", null, PLUGIN_BODY);
    }

    /** The isolation alone: a virtual thread with the plugin's loader, and the wait for it. */
    @Benchmark
    public Object isolationHop() {
        return calls.call(PluginDispatchBenchmark.class.getClassLoader(), () -> sink++);
    }

    /** The floor: the module called directly on the caller's thread. */
    @Benchmark
    public long directModuleCall() {
        module.onMessage(message);
        return sink;
    }

    /** A room with one participant that discards what is sent. */
    private record SilentRoom(Participant only) implements RoomPort {
        public String roomId() {
            return "bench-room";
        }

        public UUID tenantId() {
            return new UUID(0, 1);
        }

        public Clock clock() {
            return Clock.systemUTC();
        }

        public List<Participant> participants() {
            return List.of(only);
        }

        public Optional<Participant> participant(String id) {
            return Optional.of(only);
        }

        public void send(Audience to, String ns, String type, String bodyJson) {
        }

        public void reply(String participantId, String ns, String re, String type, String bodyJson) {
        }

        public void refuse(String participantId, String ns, String re, String code, String message) {
        }

        public void post(Runnable task) {
            task.run();
        }

        public Cancellable schedule(Duration delay, Runnable task) {
            return () -> { };
        }

        public void recordingStarted(org.plenum.core.plugin.ActiveRecording recording) {
        }

        public void recordingStopped(org.plenum.core.plugin.ActiveRecording recording, String reason, java.time.Instant endedAt) {
        }
    }
}
