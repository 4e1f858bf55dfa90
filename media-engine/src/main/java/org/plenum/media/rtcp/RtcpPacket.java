package org.plenum.media.rtcp;

/**
 * One RTCP packet of a compound packet (RFC 3550 §6, RFC 4585 §6, RFC 5104 §4.3, REMB,
 * transport-wide congestion control). {@link RtcpCompound#parse} yields these; anything the
 * engine does not interpret comes back as {@link Unknown} so it can be counted or ignored.
 *
 * <pre>{@code
 * for (RtcpPacket p : RtcpCompound.parse(buf, off, len)) {
 *     switch (p) {
 *         case Pli pli -> requestKeyframe(pli.mediaSsrc());
 *         case Nack nack -> retransmit(nack.mediaSsrc(), nack.lostSequenceNumbers());
 *         default -> { }
 *     }
 * }
 * }</pre>
 */
public sealed interface RtcpPacket
        permits SenderReport, ReceiverReport, Sdes, Bye, Nack, Pli, Fir, Remb, TransportCc, Unknown {

    int SR = 200;
    int RR = 201;
    int SDES = 202;
    int BYE = 203;
    int APP = 204;
    /** Transport layer feedback (RFC 4585): FMT 1 NACK, FMT 15 transport-cc. */
    int RTPFB = 205;
    /** Payload-specific feedback (RFC 4585): FMT 1 PLI, FMT 4 FIR, FMT 15 application layer (REMB). */
    int PSFB = 206;

    /** The RTCP packet type (200..206 for the known ones). */
    int packetType();
}
