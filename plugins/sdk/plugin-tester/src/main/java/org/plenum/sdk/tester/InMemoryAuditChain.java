package org.plenum.sdk.tester;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.plenum.api.audit.AuditChain;
import org.plenum.api.audit.AuditChainId;
import org.plenum.api.audit.AuditEntry;
import org.plenum.api.audit.ChainHash;
import org.plenum.api.audit.ChainVerification;
import org.plenum.api.audit.SignedHead;
import org.plenum.api.json.JsonObject;

/**
 * One chain of an {@link InMemoryAuditLog}. Besides the {@link AuditChain} operations it lets a
 * test see the stored entries and alter them the way someone with database access could, to show
 * that verification catches it.
 * {@snippet :
 * SignedHead sealed = chain.signHead();
 * chain.tamperDelete(3);
 * assertThat(chain.verify(sealed)).isInstanceOfSatisfying(ChainVerification.Broken.class,
 *         broken -> assertThat(broken.problem()).isEqualTo(ChainVerification.Problem.OUT_OF_SEQUENCE));
 * }
 */
public final class InMemoryAuditChain implements AuditChain {

    private static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    private final AuditChainId id;
    private final Clock clock;
    private final KeyPair key;
    private final Runnable blockingCallGuard;
    private final List<AuditEntry> stored = new ArrayList<>();

    InMemoryAuditChain(AuditChainId id, Clock clock, KeyPair key, Runnable blockingCallGuard) {
        this.id = id;
        this.clock = clock;
        this.key = key;
        this.blockingCallGuard = blockingCallGuard;
    }

    @Override
    public AuditChainId id() {
        return id;
    }

    @Override
    public synchronized AuditEntry append(String type, JsonObject payload) {
        blockingCallGuard.run();
        AuditEntry.checkType(type);
        int bytes = payload.toJson().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("an audit payload may be at most " + MAX_PAYLOAD_BYTES + " bytes of JSON, this one has " + bytes);
        }
        AuditEntry last = stored.isEmpty() ? null : stored.getLast();
        long sequence = last == null ? 1 : last.sequence() + 1;
        ChainHash previous = last == null ? ChainHash.GENESIS : last.hash();
        AuditEntry entry = AuditEntry.seal(id, sequence, clock.instant(), type, payload, previous);
        stored.add(entry);
        return entry;
    }

    @Override
    public synchronized List<AuditEntry> read(long fromSequence, int limit) {
        blockingCallGuard.run();
        if (fromSequence < 1) {
            throw new IllegalArgumentException("audit entries are numbered from 1; fromSequence was " + fromSequence);
        }
        if (limit < 1 || limit > MAX_READ) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_READ + ", not " + limit);
        }
        return stored.stream().filter(e -> e.sequence() >= fromSequence).limit(limit).toList();
    }

    @Override
    public synchronized Optional<AuditEntry> head() {
        blockingCallGuard.run();
        return stored.isEmpty() ? Optional.empty() : Optional.of(stored.getLast());
    }

    @Override
    public synchronized ChainVerification verify() {
        blockingCallGuard.run();
        return ChainVerification.verify(id, List.copyOf(stored));
    }

    @Override
    public synchronized ChainVerification verify(SignedHead signed) {
        blockingCallGuard.run();
        return ChainVerification.verify(id, List.copyOf(stored), signed);
    }

    @Override
    public synchronized SignedHead signHead() {
        blockingCallGuard.run();
        AuditEntry last = stored.isEmpty() ? null : stored.getLast();
        return SignedHead.sign(id, last == null ? 0 : last.sequence(), last == null ? ChainHash.GENESIS : last.hash(),
                clock.instant(), key.getPrivate(), key.getPublic());
    }

    /** The entries as stored, in stored order (no thread check: for assertions). */
    public synchronized List<AuditEntry> entries() {
        return List.copyOf(stored);
    }

    /** Tampering: replaces entry {@code sequence}'s payload and leaves its stored hash as it was. */
    public synchronized void tamperPayload(long sequence, JsonObject payload) {
        int i = indexOf(sequence);
        AuditEntry e = stored.get(i);
        stored.set(i, new AuditEntry(id, e.sequence(), e.recordedAt(), e.type(), payload, e.previousHash(), e.hash()));
    }

    /** Tampering: replaces entry {@code sequence}'s payload and recomputes its hash, as a careful forger would. */
    public synchronized void tamperPayloadAndRehash(long sequence, JsonObject payload) {
        int i = indexOf(sequence);
        AuditEntry e = stored.get(i);
        stored.set(i, AuditEntry.seal(id, e.sequence(), e.recordedAt(), e.type(), payload, e.previousHash()));
    }

    /** Tampering: deletes entry {@code sequence}. */
    public synchronized void tamperDelete(long sequence) {
        stored.remove(indexOf(sequence));
    }

    /** Tampering: swaps the stored positions of two entries. */
    public synchronized void tamperSwap(long sequenceA, long sequenceB) {
        Collections.swap(stored, indexOf(sequenceA), indexOf(sequenceB));
    }

    private int indexOf(long sequence) {
        for (int i = 0; i < stored.size(); i++) {
            if (stored.get(i).sequence() == sequence) {
                return i;
            }
        }
        throw new IllegalArgumentException("chain " + id + " has no entry " + sequence + " (it has " + stored.size() + ")");
    }

    /** The chain id and length. */
    @Override
    public synchronized String toString() {
        return "InMemoryAuditChain[" + id + ", " + stored.size() + " entries]";
    }
}
