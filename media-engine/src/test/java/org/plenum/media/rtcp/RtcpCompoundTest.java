package org.plenum.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.plenum.media.rtcp.Hex.bytes;
import static org.plenum.media.rtcp.Hex.concat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RtcpCompoundTest {

    static final byte[] SR = bytes("""
            80 c8 00 06 | 1a 2b 3c 4d
            e9 4f 3a 10 | 80 00 00 00
            00 01 5f 90 | 00 00 01 2c | 00 01 d4 c0""");
    static final byte[] SDES_CNAME = bytes("""
            81 ca 00 06 | 1a 2b 3c 4d
            01 10 61 62 63 64 65 66 67 68 69 6a 6b 6c 6d 6e 6f 70
            00 00""");
    static final byte[] RR = bytes("""
            81 c9 00 07 | 00 00 00 01
            1a 2b 3c 4d | 19 00 00 05 | 00 01 53 7b | 00 00 00 2a | 4f 3a 10 80 | 00 01 00 00""");
    /** REMB: 187500 × 2^3 = 1.5 Mbps for one SSRC. */
    static final byte[] REMB = bytes("""
            8f ce 00 05 | 00 00 00 01 | 00 00 00 00
            52 45 4d 42 | 01 0e dc 6c | 1a 2b 3c 4d""");
    static final byte[] NACK = bytes("""
            81 cd 00 04 | 00 00 00 01 | 1a 2b 3c 4d
            00 64 00 05 | ff ff 80 01""");
    static final byte[] PLI = bytes("81 ce 00 02 | 00 00 00 01 | 1a 2b 3c 4d");
    static final byte[] FIR = bytes("84 ce 00 04 | 00 00 00 01 | 00 00 00 00 | 1a 2b 3c 4d | 07 00 00 00");
    /**
     * Transport-cc feedback: base 65534, 14 packets, reference time 258 (×64 ms), feedback #42.
     * Chunks: 2-bit vector [small, lost, small, large, small, lost, lost], run of 3 small,
     * 1-bit vector [1, 0, 1, 1, …] of which 4 count. Deltas in 250 µs ticks:
     * 4, 8, -4 (two bytes), 250, 0, 1, 2, 3, 4, 255; then 3 bytes of zero padding.
     */
    static final byte[] TRANSPORT_CC = bytes("""
            8f cd 00 09 | 00 00 00 01 | 1a 2b 3c 4d
            ff fe 00 0e | 00 01 02 2a
            d1 90 20 03 ac 00
            04 08 ff fc fa 00 01 02 03 04 ff
            00 00 00""");

    @Test
    void senderReportWithCnameIsRead() {
        List<RtcpPacket> packets = RtcpCompound.parse(concat(SR, SDES_CNAME), 0, SR.length + SDES_CNAME.length);

        assertThat(packets).hasSize(2);
        SenderReport sr = (SenderReport) packets.get(0);
        assertThat(sr.senderSsrc()).isEqualTo(0x1a2b3c4dL);
        assertThat(sr.ntpTimestamp()).isEqualTo(0xe94f3a1080000000L);
        assertThat(sr.compactNtp()).isEqualTo(0x3a108000L);
        assertThat(sr.rtpTimestamp()).isEqualTo(90_000);
        assertThat(sr.packetCount()).isEqualTo(300);
        assertThat(sr.octetCount()).isEqualTo(120_000);
        assertThat(sr.reports()).isEmpty();
        Sdes sdes = (Sdes) packets.get(1);
        assertThat(sdes.chunks()).singleElement().satisfies(c -> {
            assertThat(c.ssrc()).isEqualTo(0x1a2b3c4dL);
            assertThat(c.cname()).isEqualTo("abcdefghijklmnop");
        });
    }

    @Test
    void receiverReportWithRembIsRead() {
        List<RtcpPacket> packets = RtcpCompound.parse(concat(RR, REMB), 0, RR.length + REMB.length);

        ReceiverReport rr = (ReceiverReport) packets.get(0);
        assertThat(rr.senderSsrc()).isEqualTo(1);
        assertThat(rr.reports()).containsExactly(
                new ReportBlock(0x1a2b3c4dL, 25, 5, 0x1537bL, 42, 0x4f3a1080L, 0x10000L));
        assertThat(packets.get(1)).isEqualTo(new Remb(1, 1_500_000, List.of(0x1a2b3c4dL)));
    }

    @Test
    void negativeCumulativeLostIsSignExtended() {
        byte[] rr = RR.clone();
        rr[13] = (byte) 0xff;
        rr[14] = (byte) 0xff;
        rr[15] = (byte) 0xfe;
        ReceiverReport parsed = (ReceiverReport) RtcpCompound.parse(rr, 0, rr.length).getFirst();
        assertThat(parsed.reports().getFirst().cumulativeLost()).isEqualTo(-2);
    }

    @Test
    void nackPidAndBlpAreExpandedIntoSequenceNumbers() {
        Nack nack = (Nack) RtcpCompound.parse(NACK, 0, NACK.length).getFirst();

        assertThat(nack.senderSsrc()).isEqualTo(1);
        assertThat(nack.mediaSsrc()).isEqualTo(0x1a2b3c4dL);
        // 100 + bits 0 and 2 → 101, 103; 65535 + bit 0 → 0 (wrap) and bit 15 → 15
        assertThat(nack.lostSequenceNumbers()).containsExactly(100, 101, 103, 65_535, 0, 15);
    }

    @Test
    void pliAndFirAreRead() {
        List<RtcpPacket> packets = RtcpCompound.parse(concat(PLI, FIR), 0, PLI.length + FIR.length);

        assertThat(packets).containsExactly(
                new Pli(1, 0x1a2b3c4dL),
                new Fir(1, List.of(new Fir.Entry(0x1a2b3c4dL, 7))));
    }

    @Test
    void transportCcStatusChunksAndDeltasAreDecoded() {
        TransportCc tcc = (TransportCc) RtcpCompound.parse(TRANSPORT_CC, 0, TRANSPORT_CC.length).getFirst();

        assertThat(tcc.senderSsrc()).isEqualTo(1);
        assertThat(tcc.mediaSsrc()).isEqualTo(0x1a2b3c4dL);
        assertThat(tcc.baseSequenceNumber()).isEqualTo(65_534);
        assertThat(tcc.packetStatusCount()).isEqualTo(14);
        assertThat(tcc.referenceTime()).isEqualTo(258);
        assertThat(tcc.referenceTimeMicros()).isEqualTo(16_512_000L);
        assertThat(tcc.feedbackPacketCount()).isEqualTo(42);

        TransportCc.Status small = TransportCc.Status.RECEIVED_SMALL_DELTA;
        TransportCc.Status large = TransportCc.Status.RECEIVED_LARGE_DELTA;
        TransportCc.Status lost = TransportCc.Status.NOT_RECEIVED;
        assertThat(tcc.packets()).containsExactly(
                new TransportCc.PacketStatus(65_534, small, 4, 16_513_000L),
                new TransportCc.PacketStatus(65_535, lost, 0, -1),
                new TransportCc.PacketStatus(0, small, 8, 16_515_000L),
                new TransportCc.PacketStatus(1, large, -4, 16_514_000L),
                new TransportCc.PacketStatus(2, small, 250, 16_576_500L),
                new TransportCc.PacketStatus(3, lost, 0, -1),
                new TransportCc.PacketStatus(4, lost, 0, -1),
                new TransportCc.PacketStatus(5, small, 0, 16_576_500L),
                new TransportCc.PacketStatus(6, small, 1, 16_576_750L),
                new TransportCc.PacketStatus(7, small, 2, 16_577_250L),
                new TransportCc.PacketStatus(8, small, 3, 16_578_000L),
                new TransportCc.PacketStatus(9, lost, 0, -1),
                new TransportCc.PacketStatus(10, small, 4, 16_579_000L),
                new TransportCc.PacketStatus(11, small, 255, 16_642_750L));
        assertThat(tcc.packets().get(3).deltaMicros()).isEqualTo(-1000);
    }

    @Test
    void negativeReferenceTimeIsSignExtended() {
        byte[] b = TRANSPORT_CC.clone();
        b[16] = (byte) 0xff;
        b[17] = (byte) 0xff;
        b[18] = (byte) 0xff;
        TransportCc tcc = (TransportCc) RtcpCompound.parse(b, 0, b.length).getFirst();
        assertThat(tcc.referenceTime()).isEqualTo(-1);
    }

    @Test
    void byeWithReasonIsRead() {
        byte[] bye = bytes("81 cb 00 03 | 1a 2b 3c 4d | 04 64 6f 6e 65 | 00 00 00");
        assertThat(RtcpCompound.parse(bye, 0, bye.length))
                .containsExactly(new Bye(List.of(0x1a2b3c4dL), "done"));
    }

    @Test
    void unknownTypesAndFormatsArePassedOverNotRejected() {
        byte[] app = bytes("80 cc 00 02 | 00 00 00 01 | 41 42 43 44");
        byte[] xr = bytes("80 cf 00 01 | 00 00 00 01");
        byte[] afbNotRemb = bytes("8f ce 00 03 | 00 00 00 01 | 00 00 00 00 | 41 42 43 44");
        List<RtcpPacket> packets = RtcpCompound.parse(concat(app, xr, afbNotRemb, PLI), 0,
                app.length + xr.length + afbNotRemb.length + PLI.length);

        assertThat(packets).containsExactly(new Unknown(204, 0, 12), new Unknown(207, 0, 8),
                new Unknown(206, 15, 16), new Pli(1, 0x1a2b3c4dL));
    }

    @Test
    void paddingAtTheEndOfAPacketIsRemoved() {
        // RR without blocks, P bit set, 4 bytes of padding whose last byte counts them
        byte[] rr = bytes("a0 c9 00 02 | 00 00 00 01 | 00 00 00 04");
        assertThat(RtcpCompound.parse(rr, 0, rr.length)).containsExactly(new ReceiverReport(1, List.of()));
    }

    // --- hostile input ---------------------------------------------------------------------

    @Test
    void everyTruncationFailsCleanlyOrEndsAtAPacketBoundary() {
        byte[] compound = concat(SR, SDES_CNAME, RR, REMB, NACK, PLI, FIR, TRANSPORT_CC);
        for (int len = 0; len < compound.length; len++) {
            try {
                List<RtcpPacket> packets = RtcpCompound.parse(compound, 0, len);
                assertThat(packets).as("prefix of %d bytes", len).hasSizeLessThan(8);
            } catch (RtcpParseException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
        assertThat(RtcpCompound.parse(compound, 0, compound.length)).hasSize(8);
    }

    @Test
    void lengthFieldPastTheEndIsRejected() {
        byte[] b = PLI.clone();
        b[3] = 0x03;
        assertThatThrownBy(() -> RtcpCompound.parse(b, 0, b.length))
                .isInstanceOf(RtcpParseException.class).hasMessageContaining("runs past the end");
    }

    @Test
    void paddingCountLargerThanThePacketIsRejected() {
        byte[] b = bytes("a0 c9 00 02 | 00 00 00 01 | 00 00 00 0d");
        assertThatThrownBy(() -> RtcpCompound.parse(b, 0, b.length))
                .isInstanceOf(RtcpParseException.class).hasMessageContaining("padding");
        byte[] zero = bytes("a0 c9 00 01 | 00 00 00 00");
        assertThatThrownBy(() -> RtcpCompound.parse(zero, 0, zero.length)).isInstanceOf(RtcpParseException.class);
    }

    @Test
    void reportCountLargerThanTheBodyIsRejected() {
        byte[] b = RR.clone();
        b[0] = (byte) 0x9f; // 31 report blocks claimed, 1 present
        assertThatThrownBy(() -> RtcpCompound.parse(b, 0, b.length))
                .isInstanceOf(RtcpParseException.class).hasMessageContaining("31 report blocks");
    }

    @Test
    void sdesItemLongerThanThePacketIsRejected() {
        byte[] b = SDES_CNAME.clone();
        b[9] = (byte) 0xff;
        assertThatThrownBy(() -> RtcpCompound.parse(b, 0, b.length))
                .isInstanceOf(RtcpParseException.class).hasMessageContaining("SDES");
    }

    @Test
    void sdesWithoutEndOfItemsIsRejected() {
        byte[] b = bytes("81 ca 00 02 | 1a 2b 3c 4d | 01 02 61 62");
        assertThatThrownBy(() -> RtcpCompound.parse(b, 0, b.length)).isInstanceOf(RtcpParseException.class);
    }

    @Test
    void rembListingMoreSsrcsThanPresentIsRejected() {
        byte[] b = REMB.clone();
        b[16] = 5;
        assertThatThrownBy(() -> RtcpCompound.parse(b, 0, b.length))
                .isInstanceOf(RtcpParseException.class).hasMessageContaining("REMB");
    }

    @Test
    void transportCcWithMissingDeltasIsRejected() {
        byte[] b = TRANSPORT_CC.clone();
        b[14] = 0x7f; // 32767 packets announced
        b[15] = (byte) 0xff;
        assertThatThrownBy(() -> RtcpCompound.parse(b, 0, b.length)).isInstanceOf(RtcpParseException.class);
    }

    @Test
    void transportCcReservedSymbolIsRejected() {
        byte[] b = TRANSPORT_CC.clone();
        b[20] = (byte) 0xf1; // first 2-bit symbol becomes 11
        assertThatThrownBy(() -> RtcpCompound.parse(b, 0, b.length))
                .isInstanceOf(RtcpParseException.class).hasMessageContaining("reserved");
    }

    @Test
    void versionOtherThanTwoAndTrailingBytesAreRejected() {
        byte[] v1 = PLI.clone();
        v1[0] = 0x41;
        assertThatThrownBy(() -> RtcpCompound.parse(v1, 0, v1.length)).isInstanceOf(RtcpParseException.class);
        byte[] trailing = concat(PLI, bytes("81 ce"));
        assertThatThrownBy(() -> RtcpCompound.parse(trailing, 0, trailing.length)).isInstanceOf(RtcpParseException.class);
        assertThatThrownBy(() -> RtcpCompound.parse(PLI, 4, PLI.length)).isInstanceOf(RtcpParseException.class);
    }

    @Test
    void randomBuffersOnlyEverYieldTheDefinedFailure() {
        Random random = new Random(3550);
        int parsed = 0;
        for (int i = 0; i < 10_000; i++) {
            byte[] b = new byte[random.nextInt(120)];
            random.nextBytes(b);
            if (b.length >= 4 && i % 2 == 0) {
                // make half of them framed plausibly: version 2, a known type, length within the buffer
                b[0] = (byte) (0x80 | (b[0] & 0x3f));
                b[1] = (byte) (200 + random.nextInt(8));
                int words = random.nextInt(b.length / 4);
                b[2] = 0;
                b[3] = (byte) words;
            }
            try {
                RtcpCompound.parse(b, 0, b.length);
                parsed++;
            } catch (RtcpParseException expected) {
                // the defined failure
            } catch (RuntimeException other) {
                fail("random buffer %d threw %s", i, other);
            }
            try {
                FeedbackSsrcRewriter.rewriteMediaSsrcs(b, 0, b.length, s -> s + 1);
            } catch (RtcpParseException expected) {
                // the defined failure
            }
        }
        assertThat(parsed).isPositive();
    }

    @Test
    void mutatedRealisticPacketsOnlyEverYieldTheDefinedFailure() {
        byte[] compound = concat(RR, REMB, NACK, PLI, FIR, TRANSPORT_CC, SDES_CNAME);
        Random random = new Random(4585);
        for (int i = 0; i < 10_000; i++) {
            byte[] b = compound.clone();
            for (int flips = 0; flips < 3; flips++) {
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            try {
                RtcpCompound.parse(b, 0, b.length);
            } catch (RtcpParseException expected) {
                // the defined failure
            } catch (RuntimeException other) {
                fail("mutation %d threw %s", i, other);
            }
        }
    }
}
