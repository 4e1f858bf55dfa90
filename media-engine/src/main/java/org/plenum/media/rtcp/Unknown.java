package org.plenum.media.rtcp;

/**
 * An RTCP packet the engine does not interpret (APP, XR, other feedback formats).
 *
 * @param countOrFormat the 5-bit field after the padding bit (RC, SC or FMT depending on type)
 * @param length        total length in bytes including the 4-byte header
 */
public record Unknown(int packetType, int countOrFormat, int length) implements RtcpPacket {
}
