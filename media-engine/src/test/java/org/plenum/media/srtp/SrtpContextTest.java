package org.plenum.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Behaviour of a context, the same for both profiles. */
class SrtpContextTest {

    private static final int SSRC = 0x11223344;

    private static SrtpMasterKey master(SrtpProfile profile, int seed) {
        Random r = new Random(seed);
        byte[] key = new byte[profile.keyLength()];
        byte[] salt = new byte[profile.saltLength()];
        r.nextBytes(key);
        r.nextBytes(salt);
        return new SrtpMasterKey(profile, key, salt);
    }

    /** An RTP packet with CSRCs and a one-byte header extension, and 64 spare bytes. */
    static byte[] rtp(int seq, int ssrc, int payloadLength) {
        byte[] p = new byte[12 + 4 + 8 + payloadLength + 64];
        p[0] = (byte) 0x91; // V=2, X=1, CC=1
        p[1] = 96;
        p[2] = (byte) (seq >>> 8);
        p[3] = (byte) seq;
        BigEndian.writeInt(p, 4, 0xCAFE0000 + seq);
        BigEndian.writeInt(p, 8, ssrc);
        BigEndian.writeInt(p, 12, 0x0A0B0C0D); // CSRC
        p[16] = (byte) 0xBE;
        p[17] = (byte) 0xDE;
        p[19] = 1; // one word of extension
        BigEndian.writeInt(p, 20, 0x10FF0000);
        for (int i = 0; i < payloadLength; i++) {
            p[24 + i] = (byte) (seq + i);
        }
        return p;
    }

    static int rtpLength(int payloadLength) {
        return 24 + payloadLength;
    }

    /** An RTCP receiver report with one report block, and 64 spare bytes. */
    static byte[] rtcp(int ssrc) {
        byte[] p = new byte[32 + 64];
        p[0] = (byte) 0x81;
        p[1] = (byte) 201;
        p[3] = 7;
        BigEndian.writeInt(p, 4, ssrc);
        for (int i = 8; i < 32; i++) {
            p[i] = (byte) i;
        }
        return p;
    }

    private static SrtpFailure failureOf(ThrowingCallable call) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(t).isInstanceOf(SrtpException.class);
        return ((SrtpException) t).failure();
    }

    private static final class Link {
        final SrtpContext sender;
        final SrtpContext receiver;

        Link(SrtpProfile profile) {
            SrtpMasterKey m = master(profile, 7);
            sender = new SrtpContext(m);
            receiver = new SrtpContext(m);
        }

        byte[] protect(int seq, int ssrc) throws SrtpException {
            byte[] p = rtp(seq, ssrc, 100);
            int n = sender.protectRtp(p, 0, rtpLength(100));
            return Arrays.copyOf(p, n);
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void roundTripRestoresTheRtpPacketAndKeepsTheHeaderInTheClear(SrtpProfile profile) throws SrtpException {
        Link link = new Link(profile);
        byte[] plain = rtp(1000, SSRC, 160);
        byte[] buf = plain.clone();

        int protectedLength = link.sender.protectRtp(buf, 0, rtpLength(160));

        assertThat(protectedLength).isEqualTo(rtpLength(160) + profile.tagLength());
        assertThat(Arrays.copyOf(buf, 24)).isEqualTo(Arrays.copyOf(plain, 24));
        assertThat(Arrays.copyOfRange(buf, 24, 184)).isNotEqualTo(Arrays.copyOfRange(plain, 24, 184));

        int n = link.receiver.unprotectRtp(buf, 0, protectedLength);

        assertThat(n).isEqualTo(rtpLength(160));
        assertThat(Arrays.copyOf(buf, n)).isEqualTo(Arrays.copyOf(plain, n));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void roundTripWorksAtAnOffsetAndWithAnEmptyPayload(SrtpProfile profile) throws SrtpException {
        Link link = new Link(profile);
        byte[] plain = rtp(5, SSRC, 0);
        byte[] buf = new byte[200];
        System.arraycopy(plain, 0, buf, 33, 24);

        int n = link.sender.protectRtp(buf, 33, 24);
        n = link.receiver.unprotectRtp(buf, 33, n);

        assertThat(Arrays.copyOfRange(buf, 33, 33 + n)).isEqualTo(Arrays.copyOf(plain, 24));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void roundTripRestoresTheRtcpPacketAndSetsTheEBit(SrtpProfile profile) throws SrtpException {
        Link link = new Link(profile);
        byte[] plain = rtcp(SSRC);
        byte[] buf = plain.clone();

        int protectedLength = link.sender.protectRtcp(buf, 0, 32);

        assertThat(protectedLength).isEqualTo(32 + SrtpContext.maxRtcpOverhead(profile));
        int trailer = profile == SrtpProfile.AEAD_AES_128_GCM ? protectedLength - 4 : protectedLength - 14;
        assertThat(BigEndian.readInt(buf, trailer)).isEqualTo(0x8000_0000);
        assertThat(Arrays.copyOfRange(buf, 8, 32)).isNotEqualTo(Arrays.copyOfRange(plain, 8, 32));

        int n = link.receiver.unprotectRtcp(buf, 0, protectedLength);

        assertThat(Arrays.copyOf(buf, n)).isEqualTo(Arrays.copyOf(plain, 32));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void srtcpIndexCountsUpPerSsrc(SrtpProfile profile) throws SrtpException {
        Link link = new Link(profile);
        for (int i = 0; i < 3; i++) {
            byte[] buf = rtcp(SSRC);
            int n = link.sender.protectRtcp(buf, 0, 32);
            int trailer = profile == SrtpProfile.AEAD_AES_128_GCM ? n - 4 : n - 14;
            assertThat(BigEndian.readInt(buf, trailer) & 0x7FFF_FFFF).isEqualTo(i);
        }
        byte[] other = rtcp(SSRC + 1);
        int n = link.sender.protectRtcp(other, 0, 32);
        int trailer = profile == SrtpProfile.AEAD_AES_128_GCM ? n - 4 : n - 14;
        assertThat(BigEndian.readInt(other, trailer)).isEqualTo(0x8000_0000);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rolloverCounterAdvancesWhenTheSequenceWrapsFrom65535To0(SrtpProfile profile) throws SrtpException {
        Link link = new Link(profile);
        for (int i = 0; i < 20; i++) {
            int seq = (65526 + i) & 0xFFFF;
            byte[] p = link.protect(seq, SSRC);
            assertThat(link.receiver.unprotectRtp(p, 0, p.length)).as("seq %d", seq).isEqualTo(rtpLength(100));
        }
        assertThat(link.sender.streamState(SSRC).rtp.highest()).isEqualTo(0x1_0009);
        assertThat(link.receiver.streamState(SSRC).rtp.highest()).isEqualTo(0x1_0009);

        // the ROC is part of the IV (and for AES-CM the tag): a receiver that missed the wrap guesses ROC 0 and fails
        byte[] atRoc1 = link.protect(10, SSRC);
        SrtpContext missedTheWrap = new SrtpContext(master(profile, 7));
        assertThat(failureOf(() -> missedTheWrap.unprotectRtp(atRoc1.clone(), 0, atRoc1.length))).isEqualTo(SrtpFailure.AUTH_FAILED);
        assertThat(link.receiver.unprotectRtp(atRoc1, 0, atRoc1.length)).isEqualTo(rtpLength(100));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void packetsReorderedAcrossTheWrapAreEachDecryptedWithTheirOwnRolloverCounter(SrtpProfile profile) throws SrtpException {
        Link link = new Link(profile);
        byte[] a = link.protect(65534, SSRC);
        byte[] b = link.protect(65535, SSRC);
        byte[] c = link.protect(0, SSRC);
        byte[] d = link.protect(1, SSRC);

        for (byte[] p : new byte[][] {a, d, b, c}) {
            byte[] copy = p.clone();
            assertThat(link.receiver.unprotectRtp(copy, 0, copy.length)).isEqualTo(rtpLength(100));
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void replayedSrtpPacketIsDropped(SrtpProfile profile) throws SrtpException {
        Link link = new Link(profile);
        byte[] p = link.protect(42, SSRC);
        link.receiver.unprotectRtp(p.clone(), 0, p.length);

        assertThat(failureOf(() -> link.receiver.unprotectRtp(p.clone(), 0, p.length))).isEqualTo(SrtpFailure.REPLAYED);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void outOfOrderPacketInsideTheWindowIsAccepted(SrtpProfile profile) throws SrtpException {
        Link link = new Link(profile);
        byte[] early = link.protect(100, SSRC);
        byte[] late = link.protect(1000, SSRC);
        link.receiver.unprotectRtp(late, 0, late.length);

        assertThat(link.receiver.unprotectRtp(early, 0, early.length)).isEqualTo(rtpLength(100));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void packetBehindTheReplayWindowIsDroppedAsTooOld(SrtpProfile profile) throws SrtpException {
        Link link = new Link(profile);
        byte[] old = link.protect(100, SSRC);
        byte[] recent = link.protect(100 + StreamState.RTP_REPLAY_WINDOW, SSRC);
        link.receiver.unprotectRtp(recent, 0, recent.length);

        assertThat(failureOf(() -> link.receiver.unprotectRtp(old, 0, old.length))).isEqualTo(SrtpFailure.TOO_OLD);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void replayedAndTooOldSrtcpPacketsAreDropped(SrtpProfile profile) throws SrtpException {
        Link link = new Link(profile);
        byte[] first = rtcp(SSRC);
        int firstLength = link.sender.protectRtcp(first, 0, 32);
        byte[] last = null;
        int lastLength = 0;
        for (int i = 1; i <= StreamState.RTCP_REPLAY_WINDOW; i++) {
            last = rtcp(SSRC);
            lastLength = link.sender.protectRtcp(last, 0, 32);
        }
        byte[] lastCopy = last.clone();
        link.receiver.unprotectRtcp(last, 0, lastLength);

        int replayLength = lastLength;
        assertThat(failureOf(() -> link.receiver.unprotectRtcp(lastCopy, 0, replayLength))).isEqualTo(SrtpFailure.REPLAYED);
        assertThat(failureOf(() -> link.receiver.unprotectRtcp(first, 0, firstLength))).isEqualTo(SrtpFailure.TOO_OLD);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void protectingTheSameIndexTwiceIsRefused(SrtpProfile profile) throws SrtpException {
        Link link = new Link(profile);
        link.protect(7, SSRC);

        assertThat(failureOf(() -> link.protect(7, SSRC))).isEqualTo(SrtpFailure.REPLAYED);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void tamperedPayloadHeaderOrTagFailsAuthentication(SrtpProfile profile) throws SrtpException {
        Link link = new Link(profile);
        byte[] p = link.protect(1, SSRC);
        for (int at : new int[] {1, 4, 14, 21, 30, p.length - profile.tagLength() - 1, p.length - 1}) {
            byte[] forged = p.clone();
            forged[at] ^= 0x01;
            assertThat(failureOf(() -> link.receiver.unprotectRtp(forged, 0, forged.length)))
                    .as("bit flipped at %d", at).isEqualTo(SrtpFailure.AUTH_FAILED);
        }
        assertThat(link.receiver.unprotectRtp(p, 0, p.length)).isEqualTo(rtpLength(100));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void tamperedSrtcpFailsAuthentication(SrtpProfile profile) throws SrtpException {
        Link link = new Link(profile);
        byte[] p = rtcp(SSRC);
        int n = link.sender.protectRtcp(p, 0, 32);
        for (int at = 0; at < n; at++) {
            byte[] forged = Arrays.copyOf(p, n);
            forged[at] ^= 0x04; // keeps the version bits
            assertThat(failureOf(() -> link.receiver.unprotectRtcp(forged, 0, n)))
                    .as("bit flipped at %d", at).isEqualTo(SrtpFailure.AUTH_FAILED);
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void packetUnderAnotherKeyFailsAuthentication(SrtpProfile profile) throws SrtpException {
        SrtpContext sender = new SrtpContext(master(profile, 1));
        SrtpContext receiver = new SrtpContext(master(profile, 2));
        byte[] p = rtp(1, SSRC, 50);
        int n = sender.protectRtp(p, 0, rtpLength(50));
        byte[] c = rtcp(SSRC);
        int m = sender.protectRtcp(c, 0, 32);

        assertThat(failureOf(() -> receiver.unprotectRtp(p, 0, n))).isEqualTo(SrtpFailure.AUTH_FAILED);
        assertThat(failureOf(() -> receiver.unprotectRtcp(c, 0, m))).isEqualTo(SrtpFailure.AUTH_FAILED);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void forgedPacketsLeaveNoStateBehind(SrtpProfile profile) throws SrtpException {
        Link link = new Link(profile);
        byte[] genuine = link.protect(10, SSRC);
        byte[] forgedAhead = link.protect(5000, SSRC);
        forgedAhead[forgedAhead.length - 1] ^= 1;
        byte[] forgedStranger = link.protect(10, SSRC + 1);
        forgedStranger[forgedStranger.length - 1] ^= 1;

        assertThat(failureOf(() -> link.receiver.unprotectRtp(forgedAhead, 0, forgedAhead.length))).isEqualTo(SrtpFailure.AUTH_FAILED);
        assertThat(failureOf(() -> link.receiver.unprotectRtp(forgedStranger, 0, forgedStranger.length))).isEqualTo(SrtpFailure.AUTH_FAILED);

        assertThat(link.receiver.ssrcCount()).isZero();
        assertThat(link.receiver.unprotectRtp(genuine, 0, genuine.length)).isEqualTo(rtpLength(100));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void everyTruncationIsRejected(SrtpProfile profile) throws SrtpException {
        Link link = new Link(profile);
        byte[] p = link.protect(3, SSRC);
        byte[] c = rtcp(SSRC);
        int m = link.sender.protectRtcp(c, 0, 32);
        for (int len = 0; len < p.length; len++) {
            int l = len;
            assertThat(failureOf(() -> link.receiver.unprotectRtp(p.clone(), 0, l)))
                    .isIn(SrtpFailure.TOO_SHORT, SrtpFailure.MALFORMED, SrtpFailure.AUTH_FAILED);
        }
        for (int len = 0; len < m; len++) {
            int l = len;
            assertThat(failureOf(() -> link.receiver.unprotectRtcp(c.clone(), 0, l)))
                    .isIn(SrtpFailure.TOO_SHORT, SrtpFailure.MALFORMED, SrtpFailure.AUTH_FAILED);
        }
        assertThat(failureOf(() -> link.receiver.unprotectRtp(p, 0, 12 + profile.tagLength() - 1))).isEqualTo(SrtpFailure.TOO_SHORT);
        assertThat(failureOf(() -> link.sender.protectRtp(new byte[40], 0, 11))).isEqualTo(SrtpFailure.TOO_SHORT);
        assertThat(failureOf(() -> link.sender.protectRtcp(new byte[40], 0, 7))).isEqualTo(SrtpFailure.TOO_SHORT);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void headerThatRunsPastThePacketIsMalformed(SrtpProfile profile) {
        SrtpContext receiver = new SrtpContext(master(profile, 3));
        byte[] manyCsrcs = rtp(1, SSRC, 0);
        manyCsrcs[0] = (byte) 0x8F; // 15 CSRCs = 72-byte header
        byte[] longExtension = rtp(1, SSRC, 40);
        longExtension[18] = (byte) 0xFF; // extension length 0xFF01 words

        assertThat(failureOf(() -> receiver.unprotectRtp(manyCsrcs, 0, 24 + profile.tagLength()))).isEqualTo(SrtpFailure.MALFORMED);
        assertThat(failureOf(() -> receiver.unprotectRtp(longExtension, 0, rtpLength(40) + profile.tagLength()))).isEqualTo(SrtpFailure.MALFORMED);
        assertThat(failureOf(() -> new SrtpContext(master(profile, 3)).protectRtp(longExtension, 0, rtpLength(40)))).isEqualTo(SrtpFailure.MALFORMED);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void packetsThatAreNotVersion2AreMalformed(SrtpProfile profile) {
        SrtpContext context = new SrtpContext(master(profile, 3));
        byte[] p = rtp(1, SSRC, 40);
        p[0] = 0x11;
        byte[] c = rtcp(SSRC);
        c[0] = 0x41;

        assertThat(failureOf(() -> context.unprotectRtp(p, 0, rtpLength(40)))).isEqualTo(SrtpFailure.MALFORMED);
        assertThat(failureOf(() -> context.unprotectRtcp(c, 0, 60))).isEqualTo(SrtpFailure.MALFORMED);
        assertThat(failureOf(() -> context.protectRtp(p, 0, rtpLength(40)))).isEqualTo(SrtpFailure.MALFORMED);
        assertThat(failureOf(() -> context.protectRtcp(c, 0, 32))).isEqualTo(SrtpFailure.MALFORMED);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void protectingWithoutRoomForTheTagIsRefusedAndLeavesThePacketAlone(SrtpProfile profile) {
        SrtpContext sender = new SrtpContext(master(profile, 3));
        byte[] tight = Arrays.copyOf(rtp(1, SSRC, 40), rtpLength(40) + profile.tagLength() - 1);
        byte[] before = tight.clone();
        byte[] tightRtcp = Arrays.copyOf(rtcp(SSRC), 32 + SrtpContext.maxRtcpOverhead(profile) - 1);

        assertThat(failureOf(() -> sender.protectRtp(tight, 0, rtpLength(40)))).isEqualTo(SrtpFailure.BUFFER_TOO_SMALL);
        assertThat(failureOf(() -> sender.protectRtcp(tightRtcp, 0, 32))).isEqualTo(SrtpFailure.BUFFER_TOO_SMALL);
        assertThat(tight).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void numberOfTrackedSsrcsIsCapped(SrtpProfile profile) throws SrtpException {
        SrtpMasterKey m = master(profile, 9);
        SrtpContext sender = new SrtpContext(m, 1000);
        SrtpContext receiver = new SrtpContext(m, 4);
        byte[][] packets = new byte[6][];
        int[] lengths = new int[6];
        for (int i = 0; i < 6; i++) {
            packets[i] = rtp(1, 1000 + i, 20);
            lengths[i] = sender.protectRtp(packets[i], 0, rtpLength(20));
        }
        for (int i = 0; i < 4; i++) {
            receiver.unprotectRtp(packets[i].clone(), 0, lengths[i]);
        }

        assertThat(receiver.ssrcCount()).isEqualTo(4);
        assertThat(failureOf(() -> receiver.unprotectRtp(packets[4].clone(), 0, lengths[4]))).isEqualTo(SrtpFailure.SSRC_LIMIT);
        byte[] c = rtcp(2000);
        int cl = sender.protectRtcp(c, 0, 32);
        assertThat(failureOf(() -> receiver.unprotectRtcp(c, 0, cl))).isEqualTo(SrtpFailure.SSRC_LIMIT);

        assertThat(receiver.forgetSsrc(1001)).isTrue();
        assertThat(receiver.forgetSsrc(1001)).isFalse();
        assertThat(receiver.unprotectRtp(packets[4].clone(), 0, lengths[4])).isEqualTo(rtpLength(20));
        // the others are still tracked: their packets are replays now
        assertThat(failureOf(() -> receiver.unprotectRtp(packets[3].clone(), 0, lengths[3]))).isEqualTo(SrtpFailure.REPLAYED);
        assertThat(failureOf(() -> receiver.unprotectRtp(packets[5].clone(), 0, lengths[5]))).isEqualTo(SrtpFailure.SSRC_LIMIT);
    }

    @Test
    void defaultContextTracksSixtyFourSsrcsWhenSending() throws SrtpException {
        SrtpContext sender = new SrtpContext(master(SrtpProfile.AEAD_AES_128_GCM, 1));
        for (int i = 0; i < SrtpContext.DEFAULT_MAX_SSRCS; i++) {
            sender.protectRtp(rtp(1, i, 10), 0, rtpLength(10));
        }

        assertThat(failureOf(() -> sender.protectRtp(rtp(1, 64, 10), 0, rtpLength(10)))).isEqualTo(SrtpFailure.SSRC_LIMIT);
        assertThat(sender.ssrcCount()).isEqualTo(64);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void exhaustedIndexSpacesRefuseToProtect(SrtpProfile profile) throws SrtpException {
        SrtpContext sender = new SrtpContext(master(profile, 1));
        sender.protectRtcp(rtcp(SSRC), 0, 32);
        sender.streamState(SSRC).nextRtcpIndex = Integer.MAX_VALUE;
        sender.protectRtcp(rtcp(SSRC), 0, 32); // the last index, 2^31 - 1

        assertThat(failureOf(() -> sender.protectRtcp(rtcp(SSRC), 0, 32))).isEqualTo(SrtpFailure.INDEX_EXHAUSTED);

        sender.streamState(SSRC).rtp.accept((1L << 48) - 1); // ROC 2^32 - 1, seq 65535
        assertThat(failureOf(() -> sender.protectRtp(rtp(0, SSRC, 10), 0, rtpLength(10)))).isEqualTo(SrtpFailure.INDEX_EXHAUSTED);
    }

    @Test
    void offsetAndLengthOutsideTheBufferAreAProgrammingError() {
        SrtpContext context = new SrtpContext(master(SrtpProfile.AEAD_AES_128_GCM, 1));

        assertThatThrownBy(() -> context.unprotectRtp(new byte[10], 5, 6)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> context.protectRtcp(new byte[10], -1, 6)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void exceptionsAreSharedAndCarryNoStackTrace() {
        SrtpException e = SrtpException.of(SrtpFailure.REPLAYED);

        assertThat(e.getStackTrace()).isEmpty();
        assertThat(SrtpException.of(SrtpFailure.REPLAYED)).isSameAs(e);
        assertThat(e.failure()).isEqualTo(SrtpFailure.REPLAYED);
        assertThat(e).hasMessageContaining("REPLAYED");
    }
}
