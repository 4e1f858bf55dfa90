package org.plenum.media.rtp;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The header extension ids negotiated for one session (SDP {@code a=extmap}), and readers for
 * the extensions the engine understands. An id of 0 means "not negotiated"; readers then report
 * the extension as absent.
 *
 * <pre>{@code
 * HeaderExtensions ext = HeaderExtensions.fromExtmap(Map.of(HeaderExtensions.MID, 4, HeaderExtensions.AUDIO_LEVEL, 1));
 * int level = ext.audioLevel(packet); // -1 when absent
 * }</pre>
 */
public record HeaderExtensions(int midId, int ridId, int repairedRidId, int audioLevelId,
                               int absSendTimeId, int transportCcId) {

    public static final String MID = "urn:ietf:params:rtp-hdrext:sdes:mid";
    public static final String RID = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";
    public static final String REPAIRED_RID = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";
    public static final String AUDIO_LEVEL = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
    public static final String ABS_SEND_TIME = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
    public static final String TRANSPORT_CC =
            "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";

    /** No extension negotiated. */
    public static final HeaderExtensions NONE = new HeaderExtensions(0, 0, 0, 0, 0, 0);

    public HeaderExtensions {
        for (int id : new int[] {midId, ridId, repairedRidId, audioLevelId, absSendTimeId, transportCcId}) {
            if (id < 0 || id > 255) {
                throw new IllegalArgumentException("extension id must be 0 (none) or 1..255, was " + id);
            }
        }
    }

    /** Builds the ids from an extmap (URI → id); unknown URIs are ignored. */
    public static HeaderExtensions fromExtmap(Map<String, Integer> idsByUri) {
        return new HeaderExtensions(idsByUri.getOrDefault(MID, 0), idsByUri.getOrDefault(RID, 0),
                idsByUri.getOrDefault(REPAIRED_RID, 0), idsByUri.getOrDefault(AUDIO_LEVEL, 0),
                idsByUri.getOrDefault(ABS_SEND_TIME, 0), idsByUri.getOrDefault(TRANSPORT_CC, 0));
    }

    /** The MID (RFC 9143) or null if absent. */
    public String mid(RtpPacket p) {
        return string(p, midId);
    }

    /** The RtpStreamId (RFC 8852) or null if absent. */
    public String rid(RtpPacket p) {
        return string(p, ridId);
    }

    /** The RepairedRtpStreamId (RFC 8852) carried by RTX packets, or null if absent. */
    public String repairedRid(RtpPacket p) {
        return string(p, repairedRidId);
    }

    /**
     * The raw client-to-mixer audio level octet (RFC 6464): bit 7 is the voice activity flag,
     * bits 0..6 the level in -dBov (0 loudest, 127 silence). Returns -1 when absent. Use
     * {@link #isVoice(int)} and {@link #levelDbov(int)} to read it; the raw form avoids allocating.
     */
    public int audioLevel(RtpPacket p) {
        int at = find(p, audioLevelId);
        return at < 0 || p.foundExtensionLength() < 1 ? -1 : p.buffer()[at] & 0xFF;
    }

    public static boolean isVoice(int rawAudioLevel) {
        return rawAudioLevel >= 0 && (rawAudioLevel & 0x80) != 0;
    }

    /** The level as a positive number of dB below overload: 0 is loudest, 127 is silence. */
    public static int levelDbov(int rawAudioLevel) {
        return rawAudioLevel & 0x7F;
    }

    /** The 24-bit abs-send-time (6.18 fixed point seconds), or -1 when absent. */
    public long absSendTime(RtpPacket p) {
        int at = find(p, absSendTimeId);
        if (at < 0 || p.foundExtensionLength() != 3) {
            return -1;
        }
        byte[] b = p.buffer();
        return ((b[at] & 0xFF) << 16) | ((b[at + 1] & 0xFF) << 8) | (b[at + 2] & 0xFF);
    }

    /** The transport-wide sequence number, or -1 when absent. */
    public int transportSequenceNumber(RtpPacket p) {
        int at = find(p, transportCcId);
        return at < 0 || p.foundExtensionLength() != 2 ? -1 : RtpPacket.readU16(p.buffer(), at);
    }

    /**
     * Overwrites the transport-wide sequence number in place. An SFU numbers the packets it sends
     * itself, because transport-cc feedback describes one transport, not one publisher's stream.
     * Returns false when the packet carries no such extension.
     */
    public boolean setTransportSequenceNumber(RtpPacket p, int seq) {
        int at = find(p, transportCcId);
        if (at < 0 || p.foundExtensionLength() != 2) {
            return false;
        }
        RtpPacket.writeU16(p.buffer(), at, seq);
        return true;
    }

    /** Overwrites abs-send-time in place; false when absent. */
    public boolean setAbsSendTime(RtpPacket p, long sendTime24) {
        int at = find(p, absSendTimeId);
        if (at < 0 || p.foundExtensionLength() != 3) {
            return false;
        }
        byte[] b = p.buffer();
        b[at] = (byte) (sendTime24 >> 16);
        b[at + 1] = (byte) (sendTime24 >> 8);
        b[at + 2] = (byte) sendTime24;
        return true;
    }

    private static int find(RtpPacket p, int id) {
        return id == 0 ? -1 : p.findExtension(id);
    }

    private static String string(RtpPacket p, int id) {
        int at = find(p, id);
        if (at < 0) {
            return null;
        }
        int n = p.foundExtensionLength();
        byte[] b = p.buffer();
        // Some senders pad the value with NULs inside the element; they are not part of the id.
        while (n > 0 && b[at + n - 1] == 0) {
            n--;
        }
        return new String(b, at, n, StandardCharsets.US_ASCII);
    }
}
