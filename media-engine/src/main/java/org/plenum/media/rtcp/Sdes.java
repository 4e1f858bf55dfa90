package org.plenum.media.rtcp;

import java.util.List;

/** Source description (RFC 3550 §6.5): one chunk per source, each a list of items. */
public record Sdes(List<Chunk> chunks) implements RtcpPacket {

    /** Item type of the canonical name, the only item browsers always send. */
    public static final int CNAME = 1;

    public Sdes {
        chunks = List.copyOf(chunks);
    }

    /** Items describing one source. */
    public record Chunk(long ssrc, List<Item> items) {
        public Chunk {
            items = List.copyOf(items);
        }

        /** The CNAME item's text, or null. */
        public String cname() {
            return items.stream().filter(i -> i.type() == CNAME).map(Item::text).findFirst().orElse(null);
        }
    }

    /** One SDES item: type (1 CNAME, 2 NAME, …) and UTF-8 text. */
    public record Item(int type, String text) {
    }

    @Override
    public int packetType() {
        return SDES;
    }
}
