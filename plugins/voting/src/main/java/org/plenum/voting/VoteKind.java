package org.plenum.voting;

import java.util.Locale;
import org.plenum.api.json.JsonException;

/** The three kinds of vote, by how much of a ballot is public. */
public enum VoteKind {
    /** Names and choices are public (namentliche Abstimmung), optionally shown live. */
    ROLL_CALL,
    /** Each voter gets a receipt token; the published result lists token → choice. */
    PSEUDONYMOUS,
    /** Nothing links a person to a choice: RFC 9474 blind-signed credentials, ballots cast without identity. */
    SECRET;

    /** The wire name: {@code roll_call}, {@code pseudonymous}, {@code secret}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static VoteKind parse(String wire) {
        for (VoteKind k : values()) {
            if (k.wireName().equals(wire)) {
                return k;
            }
        }
        throw new JsonException("kind must be roll_call, pseudonymous or secret, not '" + Fields.abbreviate(wire) + "'");
    }
}
