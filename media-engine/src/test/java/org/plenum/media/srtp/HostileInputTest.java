package org.plenum.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Whatever the bytes, unprotecting yields a result or an SrtpException — never another exception or a hang. */
class HostileInputTest {

    private interface Unprotect {
        int apply(SrtpContext c, byte[] buf, int off, int len) throws SrtpException;
    }

    private static final Unprotect RTP = SrtpContext::unprotectRtp;
    private static final Unprotect RTCP = SrtpContext::unprotectRtcp;

    private static Map<SrtpFailure, Integer> feed(SrtpContext context, Unprotect unprotect, byte[] buf, int off, int len,
                                                  Map<SrtpFailure, Integer> tally) {
        try {
            unprotect.apply(context, buf, off, len);
        } catch (SrtpException e) {
            tally.merge(e.failure(), 1, Integer::sum);
        } catch (Throwable t) {
            throw new AssertionError("unprotect threw " + t + " for " + Hex.of(buf, off, len), t);
        }
        return tally;
    }

    private static SrtpMasterKey master(SrtpProfile profile) {
        return new SrtpMasterKey(profile, new byte[profile.keyLength()], new byte[profile.saltLength()]);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void randomGarbageOnlyEverFailsWithSrtpException(SrtpProfile profile) {
        Random random = new Random(0x5EED);
        SrtpContext context = new SrtpContext(master(profile));
        Map<SrtpFailure, Integer> tally = new EnumMap<>(SrtpFailure.class);
        for (int i = 0; i < 20_000; i++) {
            byte[] buf = new byte[random.nextInt(300)];
            random.nextBytes(buf);
            if (buf.length > 0 && random.nextBoolean()) {
                buf[0] = (byte) (0x80 | (buf[0] & 0x3F)); // version 2, so parsing goes deeper
            }
            int off = buf.length == 0 ? 0 : random.nextInt(buf.length);
            if (off < buf.length && random.nextBoolean()) {
                buf[off] = (byte) (0x80 | (buf[off] & 0x3F));
            }
            int len = random.nextInt(buf.length - off + 1);
            feed(context, random.nextBoolean() ? RTP : RTCP, buf, off, len, tally);
        }

        assertThat(tally.keySet()).doesNotContain(SrtpFailure.BUFFER_TOO_SMALL, SrtpFailure.INDEX_EXHAUSTED);
        assertThat(tally).containsKeys(SrtpFailure.TOO_SHORT, SrtpFailure.MALFORMED, SrtpFailure.AUTH_FAILED);
        assertThat(context.ssrcCount()).isZero();
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void mutatedGenuinePacketsOnlyEverFailWithSrtpException(SrtpProfile profile) throws SrtpException {
        Random random = new Random(0xBADF00D);
        SrtpContext sender = new SrtpContext(master(profile));
        SrtpContext receiver = new SrtpContext(master(profile));
        Map<SrtpFailure, Integer> tally = new EnumMap<>(SrtpFailure.class);
        for (int i = 0; i < 5_000; i++) {
            boolean rtcp = random.nextBoolean();
            byte[] buf = rtcp ? SrtpContextTest.rtcp(42) : SrtpContextTest.rtp(i, 42, random.nextInt(60));
            int len = rtcp ? sender.protectRtcp(buf, 0, 32)
                    : sender.protectRtp(buf, 0, SrtpContextTest.rtpLength(buf.length - 24 - 64));
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                buf[random.nextInt(len)] ^= (byte) (1 << random.nextInt(8));
            }
            int cut = random.nextInt(4) == 0 ? random.nextInt(len + 1) : len;
            feed(receiver, rtcp ? RTCP : RTP, buf, 0, cut, tally);
        }

        assertThat(tally).containsKey(SrtpFailure.AUTH_FAILED);
    }
}
