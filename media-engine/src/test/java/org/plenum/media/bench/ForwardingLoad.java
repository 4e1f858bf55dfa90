package org.plenum.media.bench;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.plenum.media.dtls.DtlsCertificate;
import org.plenum.media.engine.ConnectionQuality;
import org.plenum.media.engine.MediaEngine;
import org.plenum.media.engine.MediaEngineConfig;
import org.plenum.media.engine.MediaListener;
import org.plenum.media.engine.MediaParticipant;
import org.plenum.media.engine.MediaRoom;
import org.plenum.media.engine.MediaSource;
import org.plenum.media.engine.TrackInfo;
import org.plenum.media.srtp.SrtpProfile;

/**
 * A real-socket load test: synthetic publishers and subscribers ({@link BenchPeer}) on 127.0.0.1 UDP against a
 * real {@link MediaEngine} (ICE-lite, DTLS, SRTP, forwarding), then the same load generator against a plain
 * {@link UdpRelay}. The packet rate is raised step by step until more than 1% of the packets that should arrive
 * do not. Per step it reports packets out per second, the CPU of the forwarding thread (so packets per second
 * per busy core), the process CPU, the engine's transit time ({@code plenum_media_transit}: p50/p99/p99.9) and
 * the load average. Everything runs in one JVM on the same cores, the load generator included.
 *
 * <pre>
 * ./mvnw -q -pl media-engine -Pmedia-load test-compile -Dload.args="publishers=2 subscribers=25"
 * options (key=value): mode=engine|relay|both  publishers=2  subscribers=25  payload=1100
 *                      profile=AEAD_AES_128_GCM|AES_CM_128_HMAC_SHA1_80  start=100 (packets/s per publisher)
 *                      factor=1.4  steps=14  seconds=5 (measured per step)  maxLoss=0.01
 * </pre>
 *
 * Each subscriber receives every publisher's video, so packets out per second = publishers × rate × subscribers.
 */
public final class ForwardingLoad {

    /** Datagrams the synthetic peers could not send because their socket's send buffer was full. */
    private static final java.util.concurrent.atomic.AtomicLong SEND_BUFFER_FULL = new java.util.concurrent.atomic.AtomicLong();

    private final int publishers;
    private final int subscribers;
    private final int payload;
    private final SrtpProfile profile;
    private final double start;
    private final double factor;
    private final int steps;
    private final int seconds;
    private final double maxLoss;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ForwardingLoad(Map<String, String> o) {
        publishers = Integer.parseInt(o.getOrDefault("publishers", "2"));
        subscribers = Integer.parseInt(o.getOrDefault("subscribers", "25"));
        payload = Integer.parseInt(o.getOrDefault("payload", "1100"));
        profile = SrtpProfile.valueOf(o.getOrDefault("profile", "AEAD_AES_128_GCM"));
        start = Double.parseDouble(o.getOrDefault("start", "100"));
        factor = Double.parseDouble(o.getOrDefault("factor", "1.4"));
        steps = Integer.parseInt(o.getOrDefault("steps", "14"));
        seconds = Integer.parseInt(o.getOrDefault("seconds", "5"));
        maxLoss = Double.parseDouble(o.getOrDefault("maxLoss", "0.01"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new java.util.HashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq > 0) {
                options.put(a.substring(0, eq), a.substring(eq + 1));
            }
        }
        // keep the console to the table: the engine logs every DTLS handshake at INFO
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        String mode = options.getOrDefault("mode", "both");
        ForwardingLoad load = new ForwardingLoad(options);
        System.out.printf("media load: %d publishers x %d subscribers, %d-byte video payloads, %s, %d s per step; %s, %d cores, JDK %s%n",
                load.publishers, load.subscribers, load.payload, load.profile, load.seconds, cpuModel(),
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        if (!mode.equals("relay")) {
            load.engine();
        }
        if (!mode.equals("engine")) {
            load.relay();
        }
        System.exit(0);
    }

    // ---- the engine

    private void engine() throws Exception {
        MockClock clock = new MockClock();
        SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
        // one histogram window that the test resets at the start of each step by moving the registry's clock
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return id.getName().equals("plenum_media_transit")
                        ? DistributionStatisticConfig.builder().expiry(Duration.ofHours(1)).bufferLength(1).build().merge(config)
                        : config;
            }
        });
        MediaEngine engine = MediaEngine.start(MediaEngineConfig.defaults().withPorts(0, -1), registry);
        InetSocketAddress to = new InetSocketAddress("127.0.0.1", engine.udpPort());
        DtlsCertificate certificate = DtlsCertificate.generate();
        Receiver receiver = new Receiver();
        MediaRoom room = engine.room("load");
        List<BenchPeer> pubs = new ArrayList<>();
        List<BenchPeer> subs = new ArrayList<>();
        List<BenchPeer> all = new java.util.concurrent.CopyOnWriteArrayList<>(); // read by the consent thread while peers are added
        List<BenchPeer> publisherViews = new ArrayList<>();
        for (int i = 0; i < publishers; i++) {
            BenchPeer p = new BenchPeer("pub-" + i, certificate, profile);
            DatagramChannel ch = receiver.open(p, to);
            // a publisher also receives the other publishers, on its second PeerConnection, as a browser would;
            // unanswered, the engine would fail that connection after its ICE timeout
            BenchPeer view = new BenchPeer("pub-" + i + "-view", certificate, profile);
            publisherViews.add(view);
            CompletableFuture<MediaParticipant> views = new CompletableFuture<>();
            MediaParticipant mp = room.join(p.name, answering(view, receiver.open(view, to), views));
            views.complete(mp);
            String answer = mp.publish(p.publishOffer(), Map.of("0", MediaSource.MICROPHONE, "1", MediaSource.CAMERA)).get(10, TimeUnit.SECONDS);
            p.remote(answer);
            p.connect(wire(ch));
            pubs.add(p);
        }
        all.addAll(pubs);
        all.addAll(publisherViews);
        CompletableFuture.allOf(pubs.stream().map(BenchPeer::connected).toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        Thread keepalive = Thread.ofPlatform().daemon().name("load-consent").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(5));
                for (BenchPeer p : all.toArray(BenchPeer[]::new)) {
                    p.check(); // consent freshness (RFC 7675): without it the engine drops the peer after 30 s
                }
            }
        });
        long heapBefore = usedHeapAfterGc();
        for (int i = 0; i < subscribers; i++) {
            BenchPeer s = new BenchPeer("sub-" + i, certificate, profile);
            DatagramChannel ch = receiver.open(s, to);
            CompletableFuture<MediaParticipant> self = new CompletableFuture<>();
            self.complete(room.join(s.name, answering(s, ch, self)));
            subs.add(s);
            all.add(s);
        }
        CompletableFuture.allOf(subs.stream().map(BenchPeer::connected).toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        long heapAfter = usedHeapAfterGc();
        System.out.printf("engine: %d peers connected; heap after GC %,d -> %,d bytes: %,d bytes per subscriber "
                        + "(engine and synthetic peer together; %d forwarded video tracks each)%n",
                all.size(), heapBefore, heapAfter, (heapAfter - heapBefore) / subscribers, publishers);
        DistributionSummary transit = engine.metrics().transitMicros;
        ramp("engine", "media-loop", pubs, subs, receiver, true,
                () -> engine.metrics().packetsIn.count(), () -> engine.metrics().packetsOut.count(),
                () -> {
                    clock.add(Duration.ofHours(2));
                    transit.takeSnapshot(); // rotates: the window starts empty
                },
                () -> {
                    HistogramSnapshot h = transit.takeSnapshot();
                    StringBuilder sb = new StringBuilder();
                    for (ValueAtPercentile v : h.percentileValues()) {
                        sb.append(String.format(" p%s=%.0f", trim(v.percentile() * 100), v.value()));
                    }
                    return sb.append(" µs (n=").append(h.count()).append(')').toString();
                });
        keepalive.interrupt();
        receiver.close();
        engine.close();
    }

    /** A listener that answers each subscribe offer as a browser would and connects on the first. */
    private static MediaListener answering(BenchPeer peer, DatagramChannel ch, CompletableFuture<MediaParticipant> self) {
        return new Quiet() {
            @Override
            public void subscribeOffer(String sdp, long version, List<TrackInfo> tracks) {
                String answer = peer.subscribeAnswer(sdp);
                self.thenAccept(mp -> mp.answerSubscribe(answer, version).thenRun(() -> peer.connect(wire(ch))));
            }
        };
    }

    // ---- the plain relay

    private void relay() throws Exception {
        try (UdpRelay relay = new UdpRelay()) {
            Receiver receiver = new Receiver();
            List<BenchPeer> pubs = new ArrayList<>();
            List<BenchPeer> subs = new ArrayList<>();
            DtlsCertificate certificate = DtlsCertificate.generate();
            for (int i = 0; i < publishers; i++) {
                BenchPeer p = new BenchPeer("pub-" + i, certificate, profile);
                p.connectPlain(wire(receiver.open(p, relay.address())));
                pubs.add(p);
            }
            for (int i = 0; i < subscribers; i++) {
                BenchPeer s = new BenchPeer("sub-" + i, certificate, profile);
                DatagramChannel ch = receiver.open(s, relay.address());
                relay.subscribe((InetSocketAddress) ch.getLocalAddress());
                subs.add(s);
            }
            ramp("relay", UdpRelay.THREAD, pubs, subs, receiver, false, () -> relay.packetsIn, () -> relay.packetsOut,
                    () -> { }, () -> "");
            receiver.close();
        }
    }

    // ---- the ramp

    interface Count {
        double get();
    }

    private void ramp(String what, String forwardingThread, List<BenchPeer> pubs, List<BenchPeer> subs, Receiver receiver,
                      boolean srtp, Count in, Count out, Runnable resetHistogram, java.util.concurrent.Callable<String> histogram)
            throws Exception {
        Sender sender = new Sender(pubs, payload, srtp);
        Thread senderThread = Thread.ofPlatform().name("load-sender").daemon().start(sender);
        long loop = threadId(forwardingThread);
        long recv = receiver.thread.threadId();
        System.out.printf("%s: step | rate/publisher | sent/s | out/s (forwarder) | received/s | loss | forwarding thread CPU | "
                + "out/s per busy core | receiver CPU | sender CPU | process CPU | load avg | kernel rcvbuf drops / generator send-buffer-full | transit%n", what);
        double rate = start;
        double bestPerCore = 0;
        double bestOut = 0;
        for (int step = 1; step <= steps; step++) {
            sender.rate = rate;
            Thread.sleep(1000); // a load tool: one second at the new rate before measuring, so queues reach their steady state
            resetHistogram.run();
            long t0 = System.nanoTime();
            long sent0 = sender.sent;
            double in0 = in.get();
            double out0 = out.get();
            long rx0 = received(subs);
            long loopCpu0 = threads.getThreadCpuTime(loop);
            long recvCpu0 = threads.getThreadCpuTime(recv);
            long sendCpu0 = threads.getThreadCpuTime(senderThread.threadId());
            long proc0 = os.getProcessCpuTime();
            String load0 = loadAverage();
            long kernelDrops0 = udpReceiveBufferErrors();
            long sendFull0 = SEND_BUFFER_FULL.get();
            Thread.sleep(seconds * 1000L); // the measurement window: counters are read at its start and its end
            long sent1 = sender.sent;
            double out1 = out.get();
            double in1 = in.get();
            long loopCpu1 = threads.getThreadCpuTime(loop);
            long recvCpu1 = threads.getThreadCpuTime(recv);
            long sendCpu1 = threads.getThreadCpuTime(senderThread.threadId());
            long proc1 = os.getProcessCpuTime();
            long rx1 = received(subs); // in flight at both ends of the window: about the same number
            long kernelDrops = udpReceiveBufferErrors() - kernelDrops0;
            long sendFull = SEND_BUFFER_FULL.get() - sendFull0;
            double wall = (System.nanoTime() - t0) / 1e9;
            String transit = histogram.call();
            double sentRate = (sent1 - sent0) / wall;
            double outRate = (out1 - out0) / wall;
            double rxRate = (rx1 - rx0) / wall;
            double expected = (double) (sent1 - sent0) * subs.size();
            double loss = expected == 0 ? 0 : Math.max(0, 1 - (rx1 - rx0) / expected);
            double loopBusy = (loopCpu1 - loopCpu0) / 1e9 / wall;
            double perCore = loopBusy == 0 ? 0 : outRate / loopBusy;
            System.out.printf("%s: %2d | %,8.0f | %,9.0f | %,9.0f (in %,.0f/s) | %,9.0f | %5.2f%% | %4.0f%% | %,9.0f | %4.0f%% | %4.0f%% | %4.0f%% of %d cores | %s -> %s | %,d / %,d |%s%n",
                    what, step, rate, sentRate, outRate, (in1 - in0) / wall, rxRate, loss * 100, loopBusy * 100, perCore,
                    (recvCpu1 - recvCpu0) / 1e9 / wall * 100, (sendCpu1 - sendCpu0) / 1e9 / wall * 100,
                    (proc1 - proc0) / 1e9 / wall * 100, Runtime.getRuntime().availableProcessors(), load0, loadAverage(), kernelDrops, sendFull, transit);
            if (loss > maxLoss) {
                System.out.printf("%s: more than %.1f%% loss at %,.0f packets/s out; the last step within it is the limit%n",
                        what, maxLoss * 100, outRate);
                break;
            }
            bestOut = Math.max(bestOut, rxRate);
            bestPerCore = Math.max(bestPerCore, perCore);
            if (sentRate < 0.9 * rate * pubs.size()) {
                System.out.printf("%s: the load generator sent only %,.0f of %,.0f packets/s; stopping%n", what, sentRate,
                        rate * pubs.size());
                break;
            }
            rate *= factor;
        }
        System.out.printf("%s: highest rate within %.1f%% loss: %,.0f packets/s received by subscribers; best %,.0f packets/s out per busy forwarding core%n",
                what, maxLoss * 100, bestOut, bestPerCore);
        sender.stop = true;
        senderThread.join();
    }

    private static long received(List<BenchPeer> subs) {
        long n = 0;
        for (BenchPeer s : subs) {
            n += s.rtpReceived.get();
        }
        return n;
    }

    private static long threadId(String name) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name)) {
                return t.threadId();
            }
        }
        throw new IllegalStateException("no thread named " + name);
    }

    private static BenchPeer.Wire wire(DatagramChannel ch) {
        return (buf, off, len) -> {
            try {
                if (ch.write(ByteBuffer.wrap(buf, off, len)) == 0) {
                    SEND_BUFFER_FULL.incrementAndGet(); // non-blocking: the datagram was not sent
                }
            } catch (IOException e) {
                // a refused send is a lost datagram, as on a network
            }
        };
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200); // lets the collector finish between two System.gc() requests (a hint, not a call that waits)
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** Datagrams the kernel dropped because a socket's receive buffer was full (all sockets of the machine). */
    private static long udpReceiveBufferErrors() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/snmp")).stream().filter(l -> l.startsWith("Udp:")).toList();
            List<String> names = List.of(lines.get(0).split("\\s+"));
            return Long.parseLong(lines.get(1).split("\\s+")[names.indexOf("RcvbufErrors")]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static String cpuModel() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) {
                    return l.substring(l.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return "unknown CPU";
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    // ---- load generator threads

    /** Sends each publisher's video at {@link #rate} packets per second, paced in 1 ms slices. */
    private static final class Sender implements Runnable {
        private final List<BenchPeer> pubs;
        private final int payload;
        private final boolean srtp;
        volatile double rate;
        volatile boolean stop;
        volatile long sent;

        Sender(List<BenchPeer> pubs, int payload, boolean srtp) {
            this.pubs = pubs;
            this.payload = payload;
            this.srtp = srtp;
        }

        @Override
        public void run() {
            byte[] buf = new byte[2048];
            long[] done = new long[pubs.size()];
            long begin = System.nanoTime();
            double lastRate = -1;
            long local = 0;
            while (!stop) {
                double r = rate;
                long now = System.nanoTime();
                if (r != lastRate) {
                    begin = now; // a new rate: count from here
                    java.util.Arrays.fill(done, 0);
                    lastRate = r;
                }
                long due = (long) ((now - begin) / 1e9 * r);
                for (int i = 0; i < done.length; i++) {
                    BenchPeer p = pubs.get(i);
                    while (done[i] < due) {
                        try {
                            int n = srtp ? p.videoPacket(buf, payload) : p.plainVideoPacket(buf, payload);
                            p.send(buf, n);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        done[i]++;
                        local++;
                    }
                }
                sent = local;
                LockSupport.parkNanos(500_000);
            }
        }
    }

    /** One thread reading every synthetic peer's socket: DTLS while connecting, then counting RTP. */
    private static final class Receiver implements AutoCloseable {
        private final Selector selector;
        private final ConcurrentLinkedQueue<Object[]> pending = new ConcurrentLinkedQueue<>();
        final Thread thread;
        private volatile boolean stop;

        Receiver() throws IOException {
            selector = Selector.open();
            thread = Thread.ofPlatform().name("load-receiver").daemon().start(this::run);
        }

        DatagramChannel open(BenchPeer peer, InetSocketAddress to) throws IOException {
            DatagramChannel ch = DatagramChannel.open();
            ch.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            ch.setOption(StandardSocketOptions.SO_SNDBUF, 1 << 20);
            ch.bind(new InetSocketAddress("127.0.0.1", 0));
            ch.connect(to);
            ch.configureBlocking(false);
            pending.add(new Object[] {ch, peer});
            selector.wakeup();
            return ch;
        }

        private void run() {
            ByteBuffer buf = ByteBuffer.allocate(2048);
            try {
                while (!stop) {
                    for (Object[] p; (p = pending.poll()) != null; ) {
                        ((DatagramChannel) p[0]).register(selector, SelectionKey.OP_READ, p[1]);
                    }
                    selector.select(100);
                    var it = selector.selectedKeys().iterator();
                    while (it.hasNext()) {
                        SelectionKey key = it.next();
                        it.remove();
                        DatagramChannel ch = (DatagramChannel) key.channel();
                        BenchPeer peer = (BenchPeer) key.attachment();
                        for (int i = 0; i < 64; i++) { // drain a burst, but stay fair to the other sockets
                            buf.clear();
                            int n;
                            try {
                                n = ch.read(buf);
                            } catch (IOException e) {
                                break; // ICMP unreachable from an earlier send: nothing to read
                            }
                            if (n <= 0) {
                                break;
                            }
                            peer.onDatagram(buf.array(), 0, n);
                        }
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() throws IOException {
            stop = true;
            selector.wakeup();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (SelectionKey k : selector.keys()) {
                k.channel().close();
            }
            selector.close();
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
            System.out.println("media failed: " + reason);
        }
    }

}
