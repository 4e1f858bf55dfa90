package org.plenum.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plenum.media.rtp.TestRtp.packet;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderExtensionsTest {

    /** The extmap ids Chrome offers for audio and video. */
    private final HeaderExtensions chrome = HeaderExtensions.fromExtmap(Map.of(
            HeaderExtensions.AUDIO_LEVEL, 1,
            HeaderExtensions.ABS_SEND_TIME, 2,
            HeaderExtensions.TRANSPORT_CC, 3,
            HeaderExtensions.MID, 4,
            HeaderExtensions.RID, 10,
            HeaderExtensions.REPAIRED_RID, 11,
            "urn:ietf:params:rtp-hdrext:toffset", 14));

    @Test
    void opusPacketCarriesVoiceActivityAndLevel() {
        // Chrome Opus: audio level (V=1, 38 dBov), transport-cc, mid "0"; 20 ms at 48 kHz
        byte[] b = packet().payloadType(111).seq(4_000).timestamp(960_000).ssrc(0x55667788L)
                .oneByte(1, 0x80 | 38).oneByte(3, 0x00, 0x2A).oneByteString(4, "0")
                .payload(0x78, 0x0B, 0xE4, 0xC1, 0x36, 0xEE).build();
        RtpPacket p = RtpPacket.parse(b, 0, b.length);

        int level = chrome.audioLevel(p);
        assertThat(HeaderExtensions.isVoice(level)).isTrue();
        assertThat(HeaderExtensions.levelDbov(level)).isEqualTo(38);
        assertThat(chrome.transportSequenceNumber(p)).isEqualTo(42);
        assertThat(chrome.mid(p)).isEqualTo("0");
        assertThat(chrome.rid(p)).isNull();
        assertThat(chrome.absSendTime(p)).isEqualTo(-1);
    }

    @Test
    void silenceHasNoVoiceFlag() {
        byte[] b = packet().oneByte(1, 127).payload(1).build();
        int level = chrome.audioLevel(RtpPacket.parse(b, 0, b.length));
        assertThat(HeaderExtensions.isVoice(level)).isFalse();
        assertThat(HeaderExtensions.levelDbov(level)).isEqualTo(127);
    }

    @Test
    void simulcastVideoCarriesMidRidAndAbsSendTime() {
        byte[] b = RtpPacketTest.chromeVp8();
        RtpPacket p = RtpPacket.parse(b, 0, b.length);

        assertThat(chrome.mid(p)).isEqualTo("1");
        assertThat(chrome.rid(p)).isEqualTo("h");
        assertThat(chrome.absSendTime(p)).isEqualTo(0x123456);
        assertThat(chrome.transportSequenceNumber(p)).isEqualTo(0x0102);
        assertThat(chrome.audioLevel(p)).isEqualTo(-1);
    }

    @Test
    void rtxPacketCarriesRepairedRid() {
        byte[] b = packet().payloadType(97).oneByteString(11, "q").oneByteString(4, "1").payload(0, 1).build();
        RtpPacket p = RtpPacket.parse(b, 0, b.length);
        assertThat(chrome.repairedRid(p)).isEqualTo("q");
        assertThat(chrome.rid(p)).isNull();
    }

    @Test
    void transportSequenceNumberAndAbsSendTimeAreRewrittenInPlace() {
        byte[] b = RtpPacketTest.chromeVp8();
        RtpPacket p = RtpPacket.parse(b, 0, b.length);

        assertThat(chrome.setTransportSequenceNumber(p, 65_535)).isTrue();
        assertThat(chrome.setAbsSendTime(p, 0xABCDEF)).isTrue();

        RtpPacket again = RtpPacket.parse(b, 0, b.length);
        assertThat(chrome.transportSequenceNumber(again)).isEqualTo(65_535);
        assertThat(chrome.absSendTime(again)).isEqualTo(0xABCDEF);
        assertThat(chrome.rid(again)).isEqualTo("h");
    }

    @Test
    void notNegotiatedExtensionsReadAsAbsent() {
        byte[] b = RtpPacketTest.chromeVp8();
        RtpPacket p = RtpPacket.parse(b, 0, b.length);

        assertThat(HeaderExtensions.NONE.mid(p)).isNull();
        assertThat(HeaderExtensions.NONE.transportSequenceNumber(p)).isEqualTo(-1);
        assertThat(HeaderExtensions.NONE.setTransportSequenceNumber(p, 1)).isFalse();
    }

    @Test
    void extensionOfTheWrongSizeReadsAsAbsent() {
        byte[] b = packet().oneByte(3, 1, 2, 3).oneByte(2, 1).payload(0).build();
        RtpPacket p = RtpPacket.parse(b, 0, b.length);
        assertThat(chrome.transportSequenceNumber(p)).isEqualTo(-1);
        assertThat(chrome.absSendTime(p)).isEqualTo(-1);
    }

    @Test
    void idsOutsideTheRangeAreRefused() {
        assertThatThrownBy(() -> new HeaderExtensions(256, 0, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
