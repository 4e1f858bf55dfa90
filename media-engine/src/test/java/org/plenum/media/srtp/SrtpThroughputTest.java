package org.plenum.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A rough look at per-packet cost (not a benchmark: no JMH, shared CI cores). The only assertion is a floor
 * far below what AES-NI gives, to catch an accidental per-packet key schedule or similar blunder. Rates are per
 * second of this thread's CPU time, not of the wall clock: other processes on a loaded machine (a parallel build
 * once drove the load to 25 on two cores) must not make the floor fail.
 */
class SrtpThroughputTest {

    private static final int PAYLOAD = 1100; // a typical video packet

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void protectAndUnprotectKeepUpWithVideo(SrtpProfile profile) throws SrtpException {
        SrtpMasterKey master = new SrtpMasterKey(profile, new byte[profile.keyLength()], new byte[profile.saltLength()]);
        SrtpContext sender = new SrtpContext(master);
        SrtpContext receiver = new SrtpContext(master);
        byte[] template = SrtpContextTest.rtp(0, 1, PAYLOAD);
        byte[] buf = template.clone();
        int plainLength = SrtpContextTest.rtpLength(PAYLOAD);

        // the JIT needs a while to compile the JCE paths: report the best of several short rounds
        int round = 20_000;
        double best = 0;
        int seq = 0;
        long deadline = System.nanoTime() + 3_000_000_000L; // bounded: this runs in every build
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int r = 0; r < 12 && System.nanoTime() < deadline; r++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < round; i++, seq++) {
                buf[2] = (byte) (seq >>> 8);
                buf[3] = (byte) seq;
                int n = sender.protectRtp(buf, 0, plainLength);
                receiver.unprotectRtp(buf, 0, n);
            }
            best = Math.max(best, round / (Math.max(1, threads.getCurrentThreadCpuTime() - start) / 1e9));
        }
        double perSecond = best;
        System.out.printf("srtp %s: %,.0f protect+unprotect pairs per CPU second of %d-byte payloads (%.0f Mbit/s each way)%n",
                profile, perSecond, PAYLOAD, perSecond * PAYLOAD * 8 / 1e6);
        assertThat(perSecond).isGreaterThan(5_000);
    }
}
