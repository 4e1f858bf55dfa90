package org.plenum.media.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.plenum.media.rtp.RtpPacket;
import org.plenum.media.testpeer.ReceivedRtp;
import org.plenum.media.testpeer.RtpStream;
import org.plenum.media.testpeer.TestPeer;

/** What tests look at in received media: whose packet it is, and whether a stream is continuous. */
final class MediaAssertions {

    private MediaAssertions() {
    }

    /** The tag of the publisher's stream a packet came from (see {@link RtpStream.Mark}), or -1. */
    static int tag(ReceivedRtp p) {
        RtpStream.Mark m = p.mark();
        return m == null ? -1 : m.tag();
    }

    static List<ReceivedRtp> tagged(TestPeer peer, int tag) {
        return peer.rtp(p -> tag(p) == tag);
    }

    /** Packets of stream {@code tag} whose source sequence number is after {@code cut} (a stream's lastSeq()). */
    static List<ReceivedRtp> taggedAfter(TestPeer peer, int tag, int cut) {
        return peer.rtp(p -> tag(p) == tag && newer(p.mark().sourceSeq(), cut));
    }

    static boolean newer(int seq, int than) {
        int d = (seq - than) & 0xFFFF;
        return d != 0 && d < 0x8000;
    }

    /** The RFC 6464 level in the subscriber's one-byte extension with id 1, or -1. */
    static int audioLevel(ReceivedRtp p) {
        RtpPacket packet = RtpPacket.parse(p.plain(), 0, p.plain().length);
        int at = packet.findExtension(1);
        return at < 0 ? -1 : p.plain()[at] & 0x7F;
    }

    /** Sequence numbers +1 each (mod 2^16), timestamps never going back: one continuous stream. */
    static void assertConsecutive(List<ReceivedRtp> packets) {
        for (int i = 1; i < packets.size(); i++) {
            ReceivedRtp a = packets.get(i - 1);
            ReceivedRtp b = packets.get(i);
            assertThat(b.seq()).as("seq after %s", a).isEqualTo((a.seq() + 1) & 0xFFFF);
            assertThat((int) (b.timestamp() - a.timestamp())).as("timestamp after %s", a).isGreaterThanOrEqualTo(0);
        }
    }
}
