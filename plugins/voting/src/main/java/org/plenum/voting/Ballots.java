package org.plenum.voting;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Ids and receipts of ballots. */
final class Ballots {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ballots() {
    }

    /** The id of a secret ballot in the ledger and the ballot box: SHA-256 of the credential, hex. */
    static String ballotId(byte[] credential) {
        return HexFormat.of().formatHex(sha256("plenum-ballot:".getBytes(StandardCharsets.US_ASCII), credential));
    }

    /**
     * The voter's receipt for a secret ballot: a differently labelled hash of the credential, so that the
     * published list of receipts cannot be matched with the ballot ids (and choices) of the report without
     * the credential itself.
     */
    static String receipt(byte[] credential) {
        return HexFormat.of().formatHex(sha256("plenum-receipt:".getBytes(StandardCharsets.US_ASCII), credential)).substring(0, 20);
    }

    /** A random receipt token for roll-call and pseudonymous ballots: 20 hex digits. */
    static String randomReceipt() {
        byte[] b = new byte[10];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                d.update(p);
            }
            return d.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
