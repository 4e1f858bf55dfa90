package org.plenum.api.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.plenum.api.json.JsonObject;

/**
 * One record in an audit chain, linked to its predecessor by hash.
 *
 * <h2>The hash</h2>
 * {@link #hash()} is the SHA-256 of the UTF-8 bytes of the canonical JSON text
 * ({@link org.plenum.api.json.JsonValue#toJson()}) of
 * <pre>{"at": recordedAt (ISO-8601, UTC), "chain": chain (as text), "payload": payload,
 *  "prev": previousHash (hex), "seq": sequence, "type": type, "v": 1}</pre>
 * The first entry has sequence 1 and links to {@link ChainHash#GENESIS}. Anyone can recompute the
 * chain from an export with this rule and a SHA-256 tool; {@link ChainVerification#verify} does it
 * in Java. {@code recordedAt} is kept to microseconds, PostgreSQL's precision, so that a stored and
 * reloaded entry hashes the same.
 * {@snippet :
 * AuditEntry entry = chain.append("vote.cast", JsonObject.of("voteId", voteId, "receipt", receipt));
 * long n = entry.sequence();
 * String printed = entry.hash().hex();
 * }
 * Payloads are for audit, not for personal data: in secret votes, never put a voter and a choice
 * into the same entry (or into entries that can be joined by time or order).
 *
 * @param chain        the chain it belongs to
 * @param sequence     its position, from 1
 * @param recordedAt   when it was appended (truncated to microseconds)
 * @param type         what kind of record: {@code [a-z][a-z0-9_.-]*}, at most 64 characters
 * @param payload      the recorded data
 * @param previousHash the hash of the entry before, or {@link ChainHash#GENESIS} for the first
 * @param hash         this entry's hash as stored; {@link #computeHash()} recomputes it
 */
public record AuditEntry(AuditChainId chain, long sequence, Instant recordedAt, String type, JsonObject payload,
                         ChainHash previousHash, ChainHash hash) {

    /** Checks the fields; does <em>not</em> check the hash (a verifier must be able to load a tampered entry). */
    public AuditEntry {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
        if (sequence < 1) {
            throw new IllegalArgumentException("audit entries are numbered from 1, not " + sequence);
        }
        checkType(type);
        recordedAt = recordedAt.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * A new entry with its hash computed: what an audit log implementation stores on append.
     *
     * @throws IllegalArgumentException for a bad type or sequence
     */
    public static AuditEntry seal(AuditChainId chain, long sequence, Instant recordedAt, String type, JsonObject payload,
                                  ChainHash previousHash) {
        Instant at = recordedAt.truncatedTo(ChronoUnit.MICROS);
        ChainHash hash = hashOf(chain, sequence, at, type, payload, previousHash);
        return new AuditEntry(chain, sequence, at, type, payload, previousHash, hash);
    }

    /** The hash this entry's content should have (compare with {@link #hash()}). */
    public ChainHash computeHash() {
        return hashOf(chain, sequence, recordedAt, type, payload, previousHash);
    }

    /** The exact text that is hashed (see the type's description). */
    public String hashedText() {
        return hashedText(chain, sequence, recordedAt, type, payload, previousHash);
    }

    /**
     * Checks an entry type: {@code [a-z][a-z0-9_.-]*}, at most 64 characters.
     *
     * @return the type
     * @throws IllegalArgumentException naming the problem
     */
    public static String checkType(String type) {
        if (type.isEmpty() || type.length() > 64 || !type.matches("[a-z][a-z0-9_.-]*")) {
            throw new IllegalArgumentException("audit entry type '" + (type.length() > 64 ? type.substring(0, 64) + "…" : type)
                    + "' must be 1 to 64 characters of a-z, 0-9, '_', '.', '-', starting with a letter, like vote.cast");
        }
        return type;
    }

    private static ChainHash hashOf(AuditChainId chain, long sequence, Instant at, String type, JsonObject payload, ChainHash prev) {
        return ChainHash.sha256(hashedText(chain, sequence, at, type, payload, prev).getBytes(StandardCharsets.UTF_8));
    }

    private static String hashedText(AuditChainId chain, long sequence, Instant at, String type, JsonObject payload, ChainHash prev) {
        return JsonObject.builder()
                .put("at", at.truncatedTo(ChronoUnit.MICROS).toString())
                .put("chain", chain.toString())
                .put("payload", payload)
                .put("prev", prev.hex())
                .put("seq", sequence)
                .put("type", type)
                .put("v", 1)
                .build()
                .toJson();
    }
}
