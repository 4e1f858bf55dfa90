package org.plenum.api.audit;

import java.util.Objects;

/**
 * The outcome of checking an audit chain: {@link Intact}, or {@link Broken} at a named entry with
 * the reason. The static {@code verify} methods are the reference algorithm, used by the core, by
 * the {@code PluginTester} and by anyone who checks an export.
 *
 * <h2>What is detected, and where</h2>
 * Entries are checked in stored order, from the first; the first problem is reported.
 * <ul>
 *   <li>{@link Problem#OUT_OF_SEQUENCE}: entry {@code n} is not where it should be (deleted,
 *       inserted, reordered) — reported at {@code n}, the first position that is wrong.</li>
 *   <li>{@link Problem#CONTENT_ALTERED}: entry {@code n}'s content does not match its stored hash
 *       (an edited payload, type, time or number) — reported at {@code n}.</li>
 *   <li>{@link Problem#LINK_BROKEN}: entry {@code n} does not link to entry {@code n-1}'s hash.
 *       This is what an edit looks like when the editor also recomputed that entry's hash; the
 *       change is in entry {@code n-1} or earlier, and is reported at {@code n}.</li>
 *   <li>{@link Problem#HEAD_MISMATCH}, {@link Problem#SIGNATURE_INVALID}: only with a
 *       {@link SignedHead}; the chain does not end in the signed head (truncated, or rewritten
 *       consistently from some entry on), or the signature is not valid.</li>
 *   <li>{@link Problem#WRONG_CHAIN}: an entry of another chain was put in.</li>
 * </ul>
 * An unkeyed hash chain cannot stop someone with write access from rewriting the whole tail
 * consistently; the signed head, kept outside the database (printed in the report), is what
 * catches that.
 * {@snippet :
 * switch (chain.verify()) {
 *     case ChainVerification.Intact ok -> report.line("Log intact, " + ok.length() + " entries, head " + ok.head().hex());
 *     case ChainVerification.Broken broken -> report.line("LOG BROKEN at entry " + broken.sequence() + ": " + broken.detail());
 * }
 * }
 */
public sealed interface ChainVerification {

    /** Whether the chain is intact. */
    default boolean isIntact() {
        return this instanceof Intact;
    }

    /**
     * Verifies entries as stored.
     *
     * @param chain   the chain they should belong to
     * @param entries the entries in stored order, from sequence 1
     */
    static ChainVerification verify(AuditChainId chain, Iterable<AuditEntry> entries) {
        Objects.requireNonNull(chain, "chain");
        long expected = 1;
        ChainHash previous = ChainHash.GENESIS;
        for (AuditEntry e : entries) {
            if (!e.chain().equals(chain)) {
                return new Broken(chain, expected, Problem.WRONG_CHAIN,
                        "the entry stored as number " + expected + " belongs to chain " + e.chain());
            }
            if (e.sequence() != expected) {
                return new Broken(chain, expected, Problem.OUT_OF_SEQUENCE, "expected entry " + expected + " but found entry "
                        + e.sequence() + ": entries were deleted, inserted or reordered");
            }
            if (!e.computeHash().equals(e.hash())) {
                return new Broken(chain, expected, Problem.CONTENT_ALTERED,
                        "entry " + expected + " (" + e.type() + ") does not match its hash: its content was changed");
            }
            if (!e.previousHash().equals(previous)) {
                return new Broken(chain, expected, Problem.LINK_BROKEN, "entry " + expected + " does not link to entry "
                        + (expected - 1) + ": entry " + (expected - 1) + " or an earlier one was changed or replaced");
            }
            previous = e.hash();
            expected++;
        }
        return new Intact(chain, expected - 1, previous);
    }

    /**
     * Verifies entries as stored and that they end exactly in {@code signed}, whose signature must
     * be valid. (Whether {@code signed.publicKey()} is the server's key is the caller's check.)
     */
    static ChainVerification verify(AuditChainId chain, Iterable<AuditEntry> entries, SignedHead signed) {
        Objects.requireNonNull(signed, "signed");
        if (!signed.chain().equals(chain)) {
            return new Broken(chain, signed.sequence(), Problem.WRONG_CHAIN, "the signed head belongs to chain " + signed.chain());
        }
        if (!signed.signatureValid()) {
            return new Broken(chain, signed.sequence(), Problem.SIGNATURE_INVALID,
                    "the signature of the head (entry " + signed.sequence() + ") is not valid for its key");
        }
        ChainVerification result = verify(chain, entries);
        if (result instanceof Intact intact) {
            if (intact.length() != signed.sequence()) {
                long at = Math.min(intact.length(), signed.sequence()) + 1;
                return new Broken(chain, at, Problem.HEAD_MISMATCH, intact.length() < signed.sequence()
                        ? "the signed head is entry " + signed.sequence() + " but the chain ends at entry " + intact.length()
                          + ": entries from " + at + " on were removed"
                        : "the chain has entries after the signed head " + signed.sequence() + " (from " + at + " on); "
                          + "verify against a newer signed head to cover them");
            }
            if (!intact.head().equals(signed.head())) {
                return new Broken(chain, signed.sequence(), Problem.HEAD_MISMATCH, "entry " + signed.sequence()
                        + " hashes to " + intact.head().hex() + " but the signed head is " + signed.head().hex()
                        + ": the chain was rewritten consistently up to here");
            }
        }
        return result;
    }

    /**
     * The chain checked out.
     *
     * @param chain  the chain
     * @param length how many entries (the last sequence number; 0 for an empty chain)
     * @param head   the last entry's hash ({@link ChainHash#GENESIS} for an empty chain)
     */
    record Intact(AuditChainId chain, long length, ChainHash head) implements ChainVerification {
    }

    /**
     * The chain is broken at an entry.
     *
     * @param chain    the chain
     * @param sequence the entry where the check failed (see the type's description for what that
     *                 means for each problem)
     * @param problem  what failed
     * @param detail   a sentence for the report
     */
    record Broken(AuditChainId chain, long sequence, Problem problem, String detail) implements ChainVerification {
    }

    /** What made a chain fail verification; see {@link ChainVerification}. */
    enum Problem {
        /** An entry is missing, extra or out of place. */
        OUT_OF_SEQUENCE,
        /** An entry's content does not match its stored hash. */
        CONTENT_ALTERED,
        /** An entry does not link to its predecessor's hash. */
        LINK_BROKEN,
        /** The chain does not end in the signed head. */
        HEAD_MISMATCH,
        /** The signed head's signature is not valid. */
        SIGNATURE_INVALID,
        /** An entry or the signed head belongs to another chain. */
        WRONG_CHAIN
    }
}
