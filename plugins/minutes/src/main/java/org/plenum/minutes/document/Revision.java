package org.plenum.minutes.document;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import org.plenum.api.audit.ChainHash;
import org.plenum.api.json.JsonObject;

/**
 * One stored change of a minutes document: the documents are append-only logs of these, and a document's state is
 * their fold ({@link MinutesDocument#apply}). Rows are linked by hash: {@code hash = sha256(prevHash + "\n" + canonical
 * JSON of {actor: {key, name}, at, payload, seq, type})}, the first linking to 64 zeros, so an edited row shows when
 * the chain is recomputed ({@link #computeHash()}).
 *
 * @param documentId the document
 * @param seq        its position, from 1
 * @param at         when it was recorded (microseconds, as PostgreSQL keeps them)
 * @param actor      who made it
 * @param type       what kind of change ({@link MinutesDocument} lists them)
 * @param payload    the change's data
 * @param prevHash   the hash of the revision before (hex)
 * @param hash       this revision's hash (hex) as stored
 */
public record Revision(UUID documentId, long seq, Instant at, Actor actor, String type, JsonObject payload, String prevHash,
                       String hash) {

    /** The hash the first revision links to. */
    public static final String GENESIS = ChainHash.GENESIS.hex();

    /** All fields are required; {@code at} is truncated to microseconds. */
    public Revision {
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(hash, "hash");
        at = at.truncatedTo(ChronoUnit.MICROS);
    }

    /** The revision that follows {@code prevHash} at {@code seq}, with its hash computed. */
    public static Revision seal(UUID documentId, long seq, Instant at, Actor actor, String type, JsonObject payload, String prevHash) {
        Instant micros = at.truncatedTo(ChronoUnit.MICROS);
        return new Revision(documentId, seq, micros, actor, type, payload, prevHash, hashOf(seq, micros, actor, type, payload, prevHash));
    }

    /** The hash this revision's content should have. */
    public String computeHash() {
        return hashOf(seq, at, actor, type, payload, prevHash);
    }

    private static String hashOf(long seq, Instant at, Actor actor, String type, JsonObject payload, String prevHash) {
        String text = JsonObject.builder()
                .put("actor", JsonObject.of("key", actor.key(), "name", actor.name()))
                .put("at", at.toString())
                .put("payload", payload)
                .put("seq", seq)
                .put("type", type)
                .build().toJson();
        return ChainHash.sha256((prevHash + "\n" + text).getBytes(StandardCharsets.UTF_8)).hex();
    }

    /** The revision as the history route shows it. */
    public JsonObject toJson() {
        return JsonObject.builder().put("seq", seq).put("at", at.toString()).put("by", actor.name()).put("byKey", actor.key())
                .put("type", type).put("payload", payload).put("hash", hash).build();
    }
}
