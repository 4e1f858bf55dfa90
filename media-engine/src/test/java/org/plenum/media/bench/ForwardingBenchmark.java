package org.plenum.media.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.plenum.media.dtls.DtlsCertificate;
import org.plenum.media.engine.ConnectionQuality;
import org.plenum.media.engine.EngineMetrics;
import org.plenum.media.engine.MediaEngineConfig;
import org.plenum.media.engine.MediaListener;
import org.plenum.media.engine.MediaSource;
import org.plenum.media.engine.TrackInfo;
import org.plenum.media.forward.ForwardingRoom;
import org.plenum.media.forward.Negotiation;
import org.plenum.media.forward.Peer;
import org.plenum.media.ice.IceCandidateLine;
import org.plenum.media.srtp.SrtpException;
import org.plenum.media.srtp.SrtpProfile;
import org.plenum.media.transport.MediaPath;
import org.plenum.media.transport.MediaPorts;
import org.plenum.media.transport.TransportRouter;

/**
 * The engine's per-packet path without sockets: one SRTP packet of a publisher enters the
 * {@link TransportRouter} as the UDP port hands it over (copied into a scratch buffer), is decrypted, and is
 * forwarded to N subscribers, each with its own copy (own header extensions), stream rewrite, packet-cache
 * store (video), SRTP protect and a send into a counting {@link MediaPath}. Every peer is set up for real
 * through the engine's own code: publish offer and answer, subscribe offer and answer, STUN with
 * USE-CANDIDATE, the DTLS handshake, SRTP keys, all over in-memory paths.
 *
 * <p>One operation is one publisher packet: {@link #forward} includes making that packet (the synthetic
 * publisher's SRTP protect), which {@link #publisherPacketOnly} measures alone, so the engine's share is the
 * difference. Forwarded packets per second per core = N × 10^9 / (engine ns per operation).
 *
 * <p>Run with {@code ./mvnw -q -pl media-engine -Pjmh test-compile -Djmh.include=ForwardingBenchmark}; with
 * {@code -Djmh.args="-prof gc"} for bytes allocated per operation (see docs/performance.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ForwardingBenchmark {

    static final int VIDEO_PAYLOAD = 1100;
    static final int AUDIO_PAYLOAD = 100;

    @Param({"1", "10", "50"})
    public int subscribers;

    @Param({"video", "audio"})
    public String kind;

    @Param({"AEAD_AES_128_GCM"})
    public SrtpProfile profile;

    private ExecutorService loop;
    private TransportRouter router;
    private BenchPeer publisher;
    private MemoryPath publisherPath;
    private final List<MemoryPath> subscriberPaths = new ArrayList<>();
    private final List<BenchPeer> peers = new ArrayList<>();
    private final byte[] wire = new byte[MediaPorts.MAX_PACKET + MediaPorts.SCRATCH_TAILROOM];
    private final byte[] scratch = new byte[MediaPorts.MAX_PACKET + MediaPorts.SCRATCH_TAILROOM];
    private boolean video;
    private long operations;
    private long sentBefore;
    private long cpuBefore;
    private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        video = kind.equals("video");
        loop = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().name("bench-loop").daemon().unstarted(r));
        EngineMetrics metrics = new EngineMetrics(new SimpleMeterRegistry());
        DtlsCertificate engineCertificate = DtlsCertificate.generate();
        DtlsCertificate clientCertificate = DtlsCertificate.generate();
        router = new TransportRouter(engineCertificate, metrics);
        router.runOn(loop);
        String candidate = IceCandidateLine.hostUdp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 10000)).toString();
        Negotiation sdp = new Negotiation(engineCertificate.fingerprintSha256(), List.of(candidate));
        ForwardingRoom room = new ForwardingRoom("bench", MediaEngineConfig.defaults(), metrics, router, sdp);

        publisher = new BenchPeer("pub", clientCertificate, profile);
        publisherPath = new MemoryPath(publisher, 20000);
        peers.add(publisher);
        onLoop(() -> {
            Peer p = room.join("pub", new Quiet());
            String answer = p.publish(publisher.publishOffer(), Map.of("0", MediaSource.MICROPHONE, "1", MediaSource.CAMERA));
            publisher.remote(answer);
            publisher.connect(toEngine(publisherPath));
            return null;
        });
        publisher.connected().get(20, TimeUnit.SECONDS);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            BenchPeer s = new BenchPeer("sub-" + i, clientCertificate, profile);
            MemoryPath path = new MemoryPath(s, 20001 + i);
            subscriberPaths.add(path);
            peers.add(s);
            all.add(s.connected());
            onLoop(() -> {
                Peer[] self = new Peer[1];
                self[0] = room.join(s.name, new Quiet() {
                    @Override
                    public void subscribeOffer(String offerSdp, long version, List<TrackInfo> tracks) {
                        String answer = s.subscribeAnswer(offerSdp);
                        loop.execute(() -> {
                            try {
                                self[0].answerSubscribe(answer, version);
                                s.connect(toEngine(path));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
                    }
                });
                return null;
            });
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        // the engine installs its SRTP keys on the loop when its side of each handshake completes, which may be
        // after the client's side: forward probe packets (on the loop, as a barrier) until every subscriber is served
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (subscriberPaths.stream().anyMatch(p -> p.sent == 0)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the engine served no packet to some subscribers within 20 s: the setup is broken");
            }
            onLoop(() -> {
                forward();
                return null;
            });
        }
        onLoop(() -> {
            publisherPath.counting = true;
            for (MemoryPath p : subscriberPaths) {
                p.counting = true;
            }
            return null;
        });
        for (int i = 0; i < 200; i++) {
            forward(); // past the first keyframe, so every subscriber is switched to the stream
        }
        long perSubscriber = subscriberPaths.getFirst().sent;
        if (perSubscriber == 0) {
            throw new IllegalStateException("nothing reached the subscribers: the setup is broken");
        }
    }

    @Setup(Level.Iteration)
    public void startIteration() {
        operations = 0;
        sentBefore = sent();
        cpuBefore = threads.getCurrentThreadCpuTime();
    }

    /** Prints how many packets left per publisher packet: it must be N, or the benchmark measures dropping. */
    @TearDown(Level.Iteration)
    public void checkIteration() {
        // On a machine shared with other builds the wall-clock score includes time this thread waited for a core;
        // the thread's own CPU time per operation does not.
        double cpuPerOp = (double) (threads.getCurrentThreadCpuTime() - cpuBefore) / operations;
        System.out.printf(" [CPU %.0f ns/op]", cpuPerOp);
        if (sent() == sentBefore) {
            return; // publisherPacketOnly forwards nothing
        }
        double fanOut = (double) (sent() - sentBefore) / operations;
        System.out.printf(" [sent per publisher packet: %.2f of %d]", fanOut, subscribers);
        if (fanOut < subscribers * 0.98) {
            throw new IllegalStateException("only " + fanOut + " packets left per publisher packet, expected " + subscribers);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (BenchPeer p : peers) {
            p.close();
        }
        loop.shutdownNow();
    }

    private long sent() {
        long n = 0;
        for (MemoryPath p : subscriberPaths) {
            n += p.sent;
        }
        return n;
    }

    /** One publisher packet made (SRTP protect by the synthetic publisher) and forwarded by the engine. */
    @Benchmark
    public void forward() throws SrtpException {
        int n = video ? publisher.videoPacket(wire, VIDEO_PAYLOAD) : publisher.audioPacket(wire, AUDIO_PAYLOAD);
        System.arraycopy(wire, 0, scratch, 0, n); // what MediaPorts does with each datagram
        router.onPacket(scratch, 0, n, publisherPath, System.nanoTime());
        operations++;
    }

    /** The generator alone: the synthetic publisher's packet and the copy, to subtract from {@link #forward}. */
    @Benchmark
    public int publisherPacketOnly() throws SrtpException {
        int n = video ? publisher.videoPacket(wire, VIDEO_PAYLOAD) : publisher.audioPacket(wire, AUDIO_PAYLOAD);
        System.arraycopy(wire, 0, scratch, 0, n);
        operations++;
        return scratch[n - 1];
    }

    private void onLoop(java.util.concurrent.Callable<Void> task) throws Exception {
        loop.submit(task).get(20, TimeUnit.SECONDS);
    }

    /** Datagrams from a synthetic peer enter the router on the loop, as the UDP port would hand them over. */
    private BenchPeer.Wire toEngine(MemoryPath path) {
        return (buf, off, len) -> {
            byte[] copy = new byte[len + MediaPorts.SCRATCH_TAILROOM];
            System.arraycopy(buf, off, copy, 0, len);
            loop.execute(() -> router.onPacket(copy, 0, len, path, System.nanoTime()));
        };
    }

    /** The engine's path to one synthetic peer: delivers while connecting, then only counts. */
    static final class MemoryPath implements MediaPath {
        private final BenchPeer peer;
        private final InetSocketAddress remote;
        volatile boolean counting;
        long sent;

        MemoryPath(BenchPeer peer, int port) {
            this.peer = peer;
            this.remote = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        }

        @Override
        public void send(byte[] buf, int off, int len) {
            sent++;
            if (!counting) {
                byte[] copy = new byte[len];
                System.arraycopy(buf, off, copy, 0, len);
                peer.onDatagram(copy, 0, len);
            }
        }

        @Override
        public InetSocketAddress remote() {
            return remote;
        }

        @Override
        public boolean tcp() {
            return false;
        }
    }

    /** A listener that ignores everything. */
    static class Quiet implements MediaListener {
        @Override
        public void subscribeOffer(String sdp, long version, List<TrackInfo> tracks) {
        }

        @Override
        public void dominantSpeaker(String participantId) {
        }

        @Override
        public void quality(ConnectionQuality quality) {
        }

        @Override
        public void mediaFailed(String reason) {
        }
    }
}
