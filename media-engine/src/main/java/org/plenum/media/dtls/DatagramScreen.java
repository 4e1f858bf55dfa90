package org.plenum.media.dtls;

/**
 * Cheap structural checks on datagrams that arrive while the handshake runs, before BC sees them.
 *
 * <p>Why: epoch 0 is unauthenticated, and BC lets any well-framed epoch-0 record move its replay window
 * and fix the record version it expects. A single garbage record with a large sequence number, arriving
 * before the real ClientHello, would make BC discard the real client's records as replays and the
 * handshake would time out. So until a plausible ClientHello has been admitted the server takes nothing
 * else, and throughout the handshake epoch-0 records must carry the small sequence numbers real peers use.
 * After the handshake BC authenticates every record itself and the screen stands aside.
 */
final class DatagramScreen {

    static final int RECORD_HEADER = 13;
    private static final int HANDSHAKE_HEADER = 12;
    /**
     * A whole handshake, retransmissions included, uses a few dozen epoch-0 records. The bound stops random
     * garbage (48-bit sequence numbers) from wrecking the replay window; it cannot stop a forged record with
     * a small number, but whoever can forge those from the ICE-checked address can also forge an alert.
     */
    static final long MAX_EPOCH0_SEQUENCE = 1023;
    private static final int MAX_RECORD_BODY = (1 << 14) + 2048;

    private DatagramScreen() {
    }

    /** Every record header is sane and the records tile the datagram exactly. */
    static boolean wellFramed(byte[] d, int len) {
        int at = 0;
        while (at < len) {
            if (len - at < RECORD_HEADER) {
                return false;
            }
            int type = d[at] & 0xFF;
            if (type < 20 || type > 24 || (d[at + 1] & 0xFF) != 0xFE) {
                return false;
            }
            int epoch = u16(d, at + 3);
            if (epoch == 0 && (u16(d, at + 5) != 0 || u32(d, at + 7) > MAX_EPOCH0_SEQUENCE)) {
                return false;
            }
            int length = u16(d, at + 11);
            if (length > MAX_RECORD_BODY || length > len - at - RECORD_HEADER) {
                return false;
            }
            at += RECORD_HEADER + length;
        }
        return len > 0;
    }

    /**
     * The datagram (already {@link #wellFramed}) starts with an epoch-0 handshake record holding the first
     * fragment of a ClientHello; when the fragment is the whole message its fields must parse exactly.
     */
    static boolean opensWithClientHello(byte[] d, int len) {
        if (len < RECORD_HEADER + HANDSHAKE_HEADER || d[0] != 22 || u16(d, 3) != 0) {
            return false;
        }
        int recordLength = u16(d, 11);
        int h = RECORD_HEADER;
        int messageLength = u24(d, h + 1);
        int messageSeq = u16(d, h + 4);
        int fragmentOffset = u24(d, h + 6);
        int fragmentLength = u24(d, h + 9);
        if (d[h] != 1 || messageSeq > 1 || fragmentOffset != 0 || fragmentLength != recordLength - HANDSHAKE_HEADER
                || fragmentLength > messageLength) {
            return false;
        }
        return fragmentLength < messageLength || clientHelloBodyParses(d, h + HANDSHAKE_HEADER, fragmentLength);
    }

    /** RFC 6347 §4.2.1 ClientHello: version, random, session id, cookie, suites, compression, extensions. */
    private static boolean clientHelloBodyParses(byte[] d, int at, int length) {
        int end = at + length;
        if (end - at < 2 + 32 + 1 || (d[at] & 0xFF) != 0xFE) {
            return false;
        }
        at += 2 + 32;
        int sessionId = d[at++] & 0xFF;
        if (sessionId > 32 || (at += sessionId) >= end) {
            return false;
        }
        at += 1 + (d[at] & 0xFF); // cookie
        if (end - at < 2) {
            return false;
        }
        int suites = u16(d, at);
        if (suites < 2 || suites % 2 != 0 || end - (at += 2) < suites + 1) {
            return false;
        }
        at += suites;
        int compressions = d[at++] & 0xFF;
        if (compressions < 1 || end - at < compressions) {
            return false;
        }
        at += compressions;
        if (at == end) {
            return true;
        }
        if (end - at < 2 || u16(d, at) != end - at - 2) {
            return false;
        }
        for (at += 2; at < end; ) {
            if (end - at < 4) {
                return false;
            }
            at += 4 + u16(d, at + 2);
        }
        return at == end;
    }

    private static int u16(byte[] d, int at) {
        return (d[at] & 0xFF) << 8 | d[at + 1] & 0xFF;
    }

    private static int u24(byte[] d, int at) {
        return (d[at] & 0xFF) << 16 | u16(d, at + 1);
    }

    private static long u32(byte[] d, int at) {
        return (long) u16(d, at) << 16 | u16(d, at + 2);
    }
}
