package org.plenum.media.srtp;

import java.util.HexFormat;

/** Test vectors as the RFCs print them: hex with spaces and line breaks. */
final class Hex {
    private Hex() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    static String of(byte[] b, int off, int len) {
        return HexFormat.of().formatHex(b, off, off + len);
    }
}
