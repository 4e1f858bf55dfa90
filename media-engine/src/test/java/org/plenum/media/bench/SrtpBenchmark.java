package org.plenum.media.bench;

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
import org.plenum.media.srtp.SrtpContext;
import org.plenum.media.srtp.SrtpException;
import org.plenum.media.srtp.SrtpMasterKey;
import org.plenum.media.srtp.SrtpProfile;

/**
 * What SRTP costs per packet, per profile, for a typical video packet (1100-byte payload) and a typical Opus
 * packet (100 bytes), each behind a 12-byte header and an 8-byte one-byte-form extension block (as the engine
 * sends them). Protect runs on a context that sees a new sequence number each time (a context refuses to reuse
 * an index); unprotect opens a packet protected once per invocation pair, so {@code roundTrip} is protect plus
 * unprotect and the unprotect cost is their difference. Run with {@code ./mvnw -q -pl media-engine -Pjmh
 * test-compile -Djmh.include=SrtpBenchmark} (see docs/performance.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class SrtpBenchmark {

    private static final int HEADER = 12 + 8;

    @Param({"AEAD_AES_128_GCM", "AES_CM_128_HMAC_SHA1_80"})
    public SrtpProfile profile;

    /** RTP payload bytes: 1100 for video, 100 for audio. */
    @Param({"1100", "100"})
    public int payload;

    private SrtpContext sender;
    private SrtpContext receiver;
    private byte[] template;
    private byte[] buf;
    private int plainLength;
    private int seq;
    private long operations;
    private long cpuBefore;
    private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();

    @Setup(Level.Iteration)
    public void startIteration() {
        operations = 0;
        cpuBefore = threads.getCurrentThreadCpuTime();
    }

    /** The thread's own CPU time per operation: on a shared machine, wall-clock time includes waiting for a core. */
    @TearDown(Level.Iteration)
    public void cpuPerOperation() {
        System.out.printf(" [CPU %.0f ns/op]", (double) (threads.getCurrentThreadCpuTime() - cpuBefore) / operations);
    }

    @Setup
    public void setUp() {
        byte[] key = new byte[profile.keyLength()];
        byte[] salt = new byte[profile.saltLength()];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 7 + 1);
        }
        for (int i = 0; i < salt.length; i++) {
            salt[i] = (byte) (i * 13 + 5);
        }
        SrtpMasterKey master = new SrtpMasterKey(profile, key, salt);
        sender = new SrtpContext(master);
        receiver = new SrtpContext(master);
        plainLength = HEADER + payload;
        template = new byte[plainLength + 64];
        template[0] = (byte) 0x90; // V=2, X=1
        template[1] = 96;
        template[8] = 0x12;
        template[9] = 0x34;
        template[10] = 0x56;
        template[11] = 0x78;
        template[12] = (byte) 0xBE;
        template[13] = (byte) 0xDE;
        template[15] = 1;
        template[16] = 0x22; // abs-send-time, id 2, 3 bytes
        for (int i = HEADER; i < plainLength; i++) {
            template[i] = (byte) i;
        }
        buf = template.clone();
    }

    private void nextPacket() {
        System.arraycopy(template, 0, buf, 0, plainLength);
        int s = seq++;
        operations++;
        buf[2] = (byte) (s >>> 8);
        buf[3] = (byte) s;
    }

    /** The per-subscriber cost: one protect of a plain packet (plus a header-sized copy to restore it). */
    @Benchmark
    public int protect() throws SrtpException {
        nextPacket();
        return sender.protectRtp(buf, 0, plainLength);
    }

    /** Protect, then unprotect the result: the per-publisher-packet cost is this minus {@link #protect}. */
    @Benchmark
    public int roundTrip() throws SrtpException {
        nextPacket();
        int n = sender.protectRtp(buf, 0, plainLength);
        return receiver.unprotectRtp(buf, 0, n);
    }
}
