package org.plenum.voting;

import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.plenum.api.audit.AuditEntry;
import org.plenum.api.audit.SignedHead;
import org.plenum.api.json.JsonArray;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.RefusalCode;
import org.plenum.voting.VoteStore.RosterRow;
import org.plenum.voting.VoteStore.StoredVote;
import org.plenum.voting.api.VoteClosed;
import org.plenum.voting.blind.BlindRsa;

/**
 * The blocking half of voting, shared by the room modules (through {@code offload}) and the HTTP routes:
 * every step is written to the plugin's tables and the vote's ledger before it is confirmed. Thread-safe.
 *
 * <p>Order of writes: a ballot or credential is inserted in the plugin's tables inside a transaction that
 * holds a shared lock on the vote's row, the ledger entry is appended (durable), then the transaction
 * commits. Closing takes the row's exclusive lock, so it waits for ballots in flight, and nothing is accepted
 * after it. If the process dies between the ledger append and the commit, the ledger has an entry the tables
 * lack: {@link #reconcile} restores it from the ledger, which is the record of truth, when the vote is
 * recovered or closed.
 */
final class Votes {

    /** Refusals of anonymous ballots that are ledgered per vote; beyond this they are only counted in the log. */
    static final int MAX_LEDGERED_REFUSALS = 1000;

    private final VoteStore store;
    private final VoteLedger ledger;
    private final Clock clock;
    private final System.Logger log;
    private final Map<UUID, KeyPair> signingKeys = new ConcurrentHashMap<>();
    private final KeyPool keys = new KeyPool();
    private final Map<UUID, AtomicInteger> refusals = new ConcurrentHashMap<>();

    Votes(VoteStore store, VoteLedger ledger, Clock clock, System.Logger log) {
        this.store = store;
        this.ledger = ledger;
        this.clock = clock;
        this.log = log;
    }

    /**
     * Blind-signature keys made ahead of time (an RSA-3072 key takes a second or more on a busy machine), so that
     * starting a secret vote does not wait for one. One spare key per size, made on a virtual thread.
     */
    static final class KeyPool {
        private final Map<Integer, java.util.concurrent.CompletableFuture<KeyPair>> spare = new ConcurrentHashMap<>();

        KeyPair take(int bits) {
            java.util.concurrent.CompletableFuture<KeyPair> ready = spare.remove(bits);
            KeyPair key = ready != null ? ready.join() : BlindRsa.generateKey(bits);
            prepare(bits);
            return key;
        }

        void prepare(int bits) {
            spare.computeIfAbsent(bits, b -> java.util.concurrent.CompletableFuture.supplyAsync(() -> BlindRsa.generateKey(b),
                    r -> Thread.ofVirtual().name("voting-keygen").start(r)));
        }
    }

    /** Makes a spare key of this size now (the plugin starts, a tenant's settings name the size). */
    void prepareKey(int bits) {
        keys.prepare(bits);
    }

    VoteStore store() {
        return store;
    }

    VoteLedger ledger() {
        return ledger;
    }

    /** What {@link #open} needs to know about each person in the room. */
    record Voter(String key, String name, boolean eligible, String reason) {
        JsonObject json() {
            return JsonObject.builder().put("voter", key).put("name", name).put("eligible", eligible).put("reason", reason).build();
        }
    }

    record Opened(StoredVote vote, KeyPair key, long firstSeq) {
    }

    /**
     * Opens a vote: key (secret), row, ledger entries {@code vote.opened} and {@code eligibility.set}, roster.
     *
     * @throws VoteRefused CONFLICT if the room has an open vote already (the unique index)
     */
    Opened open(UUID tenantId, String roomId, VoteDefinition def, String chairKey, String chairName, List<Voter> voters,
                Optional<JsonObject> quorum, PolicyProfile policy) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        KeyPair key = def.kind() == VoteKind.SECRET ? keys.take(policy.rsaModulusBits()) : null;
        StoredVote row = new StoredVote(id, tenantId, roomId, def, "open", chairKey, now, def.duration().map(now::plus), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                key == null ? null : key.getPublic().getEncoded(), key == null ? null : key.getPrivate().getEncoded());
        try {
            return store.inTransaction(c -> {
                store.insertVote(c, row);
                JsonObject.Builder p = JsonObject.builder()
                        .put("voteId", id.toString())
                        .put("roomId", roomId)
                        .put("definition", def.toJson())
                        .put("chair", JsonObject.of("voter", chairKey, "name", chairName))
                        .put("profile", policy.profile())
                        .put("openedAt", now.toString())
                        .putIfPresent("deadline", row.deadline().map(Instant::toString))
                        .putIfPresent("quorum", quorum);
                if (key != null) {
                    p.put("publicKey", Base64.getEncoder().encodeToString(key.getPublic().getEncoded()))
                            .put("publicKeyHash", HexFormat.of().formatHex(org.plenum.api.audit.ChainHash.sha256(key.getPublic().getEncoded()).bytes()))
                            .put("variant", policy.blindVariant());
                }
                AuditEntry first = ledger.append(tenantId, id, VoteLedger.OPENED, p.build());
                appendRoster(c, tenantId, id, voters);
                return new Opened(row, key, first.sequence());
            });
        } catch (VoteStore.VoteStorageException e) {
            if (e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                throw new VoteRefused(RefusalCode.CONFLICT, "vote_running", "another vote is running in this room; close it first");
            }
            throw e;
        }
    }

    /** Adds or changes roster lines (a late joiner, an exclusion), ledgered as {@code eligibility.set}. */
    void changeEligibility(UUID tenantId, UUID voteId, List<Voter> voters) {
        store.inTransaction(c -> {
            StoredVote v = store.lockShared(c, voteId).orElseThrow();
            if (!v.open()) {
                throw new VoteRefused(RefusalCode.CONFLICT, "vote_closed", "the vote has ended");
            }
            appendRoster(c, tenantId, voteId, voters);
            return null;
        });
    }

    private void appendRoster(Connection c, UUID tenantId, UUID voteId, List<Voter> voters) throws SQLException {
        for (int from = 0; from < voters.size(); from += 200) {
            List<Voter> chunk = voters.subList(from, Math.min(voters.size(), from + 200));
            AuditEntry e = ledger.append(tenantId, voteId, VoteLedger.ELIGIBILITY,
                    JsonObject.of("voters", JsonArray.from(chunk.stream().map(Voter::json).toList())));
            store.upsertRoster(c, voteId, chunk.stream().map(v -> new RosterRow(v.key(), v.name(), v.eligible(), v.reason(), false,
                    e.sequence())).toList());
        }
    }

    /** Records a roll-call or pseudonymous ballot. @return the receipt. @throws VoteRefused by the rules */
    String castNamed(UUID tenantId, UUID voteId, String voterKey, String voterName, String choice) {
        String receipt = Ballots.randomReceipt();
        return store.inTransaction(c -> {
            StoredVote v = acceptingBallots(c, voteId);
            if (!v.definition().options().contains(choice)) {
                throw new VoteRefused(RefusalCode.INVALID_REQUEST, "option_not_allowed", "'" + Fields.abbreviate(choice) + "' is not an option of this vote");
            }
            if (!store.insertBallot(c, voteId, voterKey, choice, receipt)) {
                throw new VoteRefused(RefusalCode.CONFLICT, "already_voted", "you have voted in this vote already");
            }
            JsonObject payload = v.definition().kind() == VoteKind.ROLL_CALL
                    ? JsonObject.of("voter", voterKey, "name", voterName, "choice", choice, "receipt", receipt)
                    : JsonObject.of("voter", voterKey, "receipt", receipt, "choice", choice);
            AuditEntry e = ledger.append(tenantId, voteId, VoteLedger.BALLOT_ACCEPTED, payload);
            store.setBallotSeq(c, voteId, voterKey, e.sequence());
            return receipt;
        });
    }

    /** Blind-signs a secret vote's credential for an eligible voter, once. @throws VoteRefused by the rules */
    byte[] issueCredential(UUID tenantId, UUID voteId, String voterKey, String voterName, byte[] blindedMessage) {
        return store.inTransaction(c -> {
            StoredVote v = acceptingBallots(c, voteId);
            if (v.definition().kind() != VoteKind.SECRET) {
                throw new VoteRefused(RefusalCode.INVALID_REQUEST, "not_secret", "credentials exist only in secret votes");
            }
            if (!store.markCredentialIssued(c, voteId, voterKey)) {
                throw new VoteRefused(RefusalCode.CONFLICT, "credential_issued_already",
                        "you received your ballot credential already (or may not vote); it cannot be issued twice");
            }
            KeyPair key = signingKey(v);
            byte[] signature;
            try {
                signature = BlindRsa.byRfcName(variantOf(tenantId, voteId)).blindSign(key, blindedMessage);
            } catch (BlindRsa.BlindSignatureException e) {
                throw new VoteRefused(RefusalCode.INVALID_REQUEST, "blinded_message_invalid", "the blinded message is not valid: " + e.getMessage());
            }
            AuditEntry e = ledger.append(tenantId, voteId, VoteLedger.CREDENTIAL_ISSUED, JsonObject.of("voter", voterKey, "name", voterName));
            store.setRosterSeq(c, voteId, voterKey, e.sequence());
            return signature;
        });
    }

    private final Map<UUID, String> variants = new ConcurrentHashMap<>();

    private String variantOf(UUID tenantId, UUID voteId) {
        return variants.computeIfAbsent(voteId, id -> ledger.chain(tenantId, id).read(1, 1).getFirst().payload().getString("variant"));
    }

    private KeyPair signingKey(StoredVote v) {
        return signingKeys.computeIfAbsent(v.id(), id -> {
            if (v.privateKey() == null) {
                throw new VoteRefused(RefusalCode.CONFLICT, "vote_closed", "the vote has ended");
            }
            return BlindRsa.keyPair(v.publicKey(), v.privateKey());
        });
    }

    /** What the anonymous route answers, and where to tell the room. */
    record SecretCast(String receipt, UUID tenantId, String roomId) {
    }

    /** The secret ballot the public route received: no identity anywhere. */
    SecretCast castSecret(UUID voteId, byte[] credential, byte[] signature, String choice) {
        StoredVote known = store.find(voteId).orElseThrow(() -> new VoteRefused(RefusalCode.NOT_FOUND, "unknown_vote", "there is no such vote"));
        UUID tenantId = known.tenantId();
        if (known.definition().kind() != VoteKind.SECRET) {
            throw refusedAnonymously(tenantId, voteId, RefusalCode.INVALID_REQUEST, "not_secret", "only secret votes take anonymous ballots");
        }
        RSAPublicKey pk = BlindRsa.publicKey(known.publicKey());
        if (!BlindRsa.byRfcName(variantOf(tenantId, voteId)).verify(pk, credential, signature)) {
            throw refusedAnonymously(tenantId, voteId, RefusalCode.FORBIDDEN, "signature_invalid",
                    "the ballot credential is not signed by this vote's key");
        }
        if (!known.definition().options().contains(choice)) {
            throw refusedAnonymously(tenantId, voteId, RefusalCode.INVALID_REQUEST, "option_not_allowed",
                    "'" + Fields.abbreviate(choice) + "' is not an option of this vote");
        }
        String ballotId = Ballots.ballotId(credential);
        try {
            store.inTransaction(c -> {
                acceptingBallots(c, voteId);
                if (!store.insertSecretBallot(c, voteId, ballotId, choice)) {
                    throw new VoteRefused(RefusalCode.CONFLICT, "credential_used", "this ballot credential has been used already");
                }
                AuditEntry e = ledger.append(tenantId, voteId, VoteLedger.BALLOT_ACCEPTED, JsonObject.builder()
                        .put("ballot", ballotId)
                        .put("credential", Base64.getUrlEncoder().withoutPadding().encodeToString(credential))
                        .put("signature", Base64.getUrlEncoder().withoutPadding().encodeToString(signature))
                        .put("choice", choice)
                        .build());
                store.setSecretBallotSeq(c, voteId, ballotId, e.sequence());
                return null;
            });
        } catch (VoteRefused r) {
            throw refusedAnonymously(tenantId, voteId, r.code(), r.reason(), r.getMessage());
        }
        return new SecretCast(Ballots.receipt(credential), tenantId, known.roomId());
    }

    private VoteRefused refusedAnonymously(UUID tenantId, UUID voteId, RefusalCode code, String reason, String message) {
        refuse(tenantId, voteId, VoteLedger.BALLOT_REFUSED, JsonObject.of("reason", reason));
        return new VoteRefused(code, reason, message);
    }

    /** Ledgers a refusal (best effort: a refusal that cannot be ledgered is logged). */
    void refuse(UUID tenantId, UUID voteId, String type, JsonObject payload) {
        int n = refusals.computeIfAbsent(voteId, k -> new AtomicInteger()).incrementAndGet();
        log.log(System.Logger.Level.INFO, "vote refused type=" + type + " reason=" + payload.optString("reason").orElse("?") + " vote=" + voteId);
        if (n > MAX_LEDGERED_REFUSALS) {
            return;
        }
        try {
            ledger.append(tenantId, voteId, type, payload);
        } catch (RuntimeException e) {
            log.log(System.Logger.Level.WARNING, "refusal not ledgered vote=" + voteId + ": " + e.getMessage());
        }
    }

    /** The vote's row, locked shared, if it still takes ballots. */
    private StoredVote acceptingBallots(Connection c, UUID voteId) throws SQLException {
        StoredVote v = store.lockShared(c, voteId)
                .orElseThrow(() -> new VoteRefused(RefusalCode.NOT_FOUND, "unknown_vote", "there is no such vote"));
        if (!v.open()) {
            throw new VoteRefused(RefusalCode.CONFLICT, "vote_closed", "the vote has ended; no more ballots are accepted");
        }
        if (v.deadline().isPresent() && !clock.instant().isBefore(v.deadline().get())) {
            throw new VoteRefused(RefusalCode.CONFLICT, "vote_expired", "the time for this vote is up; no more ballots are accepted");
        }
        return v;
    }

    /** A fault report, in the vote's ledger when a vote runs. */
    VoteStore.FaultRow reportFault(UUID tenantId, String roomId, Optional<UUID> voteId, String reporter, String kind, String note) {
        VoteStore.FaultRow f = new VoteStore.FaultRow(UUID.randomUUID(), voteId, clock.instant().truncatedTo(ChronoUnit.SECONDS), kind, note, reporter);
        store.inTransaction(c -> {
            store.insertFault(c, tenantId, roomId, f);
            if (voteId.isPresent()) {
                AuditEntry e = ledger.append(tenantId, voteId.get(), VoteLedger.FAULT, JsonObject.builder().put("fault", f.id().toString())
                        .put("reporter", reporter).put("kind", kind).put("note", note).put("at", f.reportedAt().toString()).build());
                store.setFaultSeq(c, f.id(), e.sequence());
            }
            return null;
        });
        return f;
    }

    void changeChair(UUID tenantId, UUID voteId, String from, String to, String toName, String reason) {
        store.inTransaction(c -> {
            store.lockShared(c, voteId);
            ledger.append(tenantId, voteId, VoteLedger.CHAIR_CHANGED, JsonObject.of("from", from, "to", to, "name", toName, "reason", reason));
            store.setChair(c, voteId, to);
            return null;
        });
    }

    /** The result of closing. */
    record Closing(StoredVote vote, JsonObject result, SignedHead head, VoteClosed event) {
    }

    /**
     * Ends a vote: waits for ballots in flight, reconciles the tables with the ledger, recounts from the ledger,
     * appends {@code vote.closed}, signs the chain's head and erases the blind-signature key. Idempotent: a vote
     * that ended already returns its stored result.
     *
     * @param outcome {@code closed}, {@code all_voted}, {@code expired} or {@code cancelled}
     */
    Closing close(UUID tenantId, UUID voteId, String outcome, String reason) {
        Closing closing = store.inTransaction(c -> {
            StoredVote v = store.lockExclusive(c, voteId).orElseThrow();
            if (!v.open()) {
                return null;
            }
            List<AuditEntry> entries = ledger.readAll(tenantId, voteId);
            Recount recount = Recount.of(entries);
            int restored = reconcile(c, v, recount);
            int tableCount = v.definition().kind() == VoteKind.SECRET ? store.secretBallotsIn(c, voteId) : store.ballotsIn(c, voteId);
            boolean cancelled = outcome.equals("cancelled");
            boolean recountAgrees = tableCount == recount.cast() && recount.problems().isEmpty();
            boolean valid = !cancelled && recountAgrees;
            Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
            JsonObject closedPayload = JsonObject.builder()
                    .put("outcome", outcome)
                    .put("reason", reason)
                    .put("valid", valid)
                    .put("counts", recount.countsJson())
                    .put("cast", recount.cast())
                    .put("eligible", recount.eligible())
                    .put("credentials", recount.credentials())
                    .put("restoredFromLedger", restored)
                    .put("closedAt", at.toString())
                    .build();
            ledger.append(tenantId, voteId, VoteLedger.CLOSED, closedPayload);
            SignedHead head = ledger.chain(tenantId, voteId).signHead();
            JsonObject result = resultJson(v, recount, outcome, reason, valid, at, head);
            store.closeVote(c, voteId, cancelled ? "cancelled" : "closed", at, outcome, reason, result, SignedHeads.toJson(head));
            StoredVote after = store.lockShared(c, voteId).orElseThrow();
            return new Closing(after, result, head, event(after, recount, outcome, reason, valid, head));
        });
        signingKeys.remove(voteId);
        variants.remove(voteId);
        refusals.remove(voteId);
        if (closing == null) {
            StoredVote v = store.find(voteId).orElseThrow();
            SignedHead head = SignedHeads.fromJson(tenantId, voteId, v.signedHead().orElseThrow());
            Recount recount = Recount.of(ledger.readAll(tenantId, voteId));
            JsonObject r = v.result().orElseThrow();
            return new Closing(v, r, head, event(v, recount, v.outcome().orElse(""), v.reason().orElse(""), r.getBoolean("valid"), head));
        }
        log.log(System.Logger.Level.INFO, "vote closed vote=" + voteId + " outcome=" + outcome + " valid=" + closing.result().getBoolean("valid"));
        return closing;
    }

    /** An open vote as storage and ledger have it, after reconciling the two. */
    record Recovered(StoredVote vote, Map<String, RosterRow> roster, Map<String, VoteStore.BallotRow> ballots, int secretBallots, int restored) {
    }

    /** The room's open vote, if any, reconciled with its ledger (after a restart, or when the plugin starts). */
    Optional<Recovered> recover(UUID tenantId, String roomId) {
        Optional<StoredVote> open = store.findOpen(tenantId, roomId);
        if (open.isEmpty()) {
            return Optional.empty();
        }
        UUID id = open.get().id();
        int restored = store.inTransaction(c -> {
            StoredVote v = store.lockExclusive(c, id).orElseThrow();
            return v.open() ? reconcile(c, v, Recount.of(ledger.readAll(tenantId, id))) : 0;
        });
        if (restored > 0) {
            log.log(System.Logger.Level.WARNING, "vote recovered with rows restored from the ledger vote=" + id + " rows=" + restored);
        }
        StoredVote v = store.find(id).orElseThrow();
        if (!v.open()) {
            return Optional.empty();
        }
        boolean secret = v.definition().kind() == VoteKind.SECRET;
        return Optional.of(new Recovered(v, store.roster(id), secret ? Map.of() : store.ballots(id), secret ? store.secretBallots(id).size() : 0,
                restored));
    }

    /** Adds to the tables what the ledger has and they lack (a crash between append and commit). @return rows restored */
    int reconcile(Connection c, StoredVote v, Recount recount) throws SQLException {
        int restored = 0;
        for (Map.Entry<String, Recount.Counted> b : recount.ballots().entrySet()) {
            Recount.Counted counted = b.getValue();
            if (v.definition().kind() == VoteKind.SECRET) {
                if (store.insertSecretBallot(c, v.id(), b.getKey(), counted.choice())) {
                    store.setSecretBallotSeq(c, v.id(), b.getKey(), counted.sequence());
                    restored++;
                }
            } else {
                if (store.insertBallot(c, v.id(), b.getKey(), counted.choice(), counted.receipt())) {
                    store.setBallotSeq(c, v.id(), b.getKey(), counted.sequence());
                    restored++;
                }
            }
        }
        for (Map.Entry<String, Recount.RosterLine> r : recount.roster().entrySet()) {
            if (r.getValue().credentialIssued() && store.markCredentialIssued(c, v.id(), r.getKey())) {
                restored++;
            }
        }
        return restored;
    }

    private static JsonObject resultJson(StoredVote v, Recount recount, String outcome, String reason, boolean valid, Instant at, SignedHead head) {
        boolean cancelled = outcome.equals("cancelled");
        JsonObject.Builder b = JsonObject.builder()
                .put("voteId", v.id().toString())
                .put("kind", v.definition().kind().wireName())
                .put("purpose", v.definition().purpose())
                .put("question", v.definition().question())
                .putIfPresent("agendaItem", v.definition().agendaItem())
                .put("outcome", outcome)
                .put("reason", reason)
                .put("valid", valid)
                .put("eligible", recount.eligible())
                .put("cast", recount.cast())
                .put("openedAt", v.openedAt().toString())
                .put("closedAt", at.toString())
                .put("finalHash", head.head().hex())
                .put("ledgerEntries", head.sequence());
        if (!cancelled) {
            b.put("counts", recount.countsJson());
            List<JsonObject> published = new ArrayList<>();
            switch (v.definition().kind()) {
                case ROLL_CALL -> recount.ballots().forEach((voter, c) ->
                        published.add(JsonObject.of("name", c.name(), "choice", c.choice(), "receipt", c.receipt())));
                case PSEUDONYMOUS -> recount.ballots().values().stream().sorted((x, y) -> x.receipt().compareTo(y.receipt()))
                        .forEach(c -> published.add(JsonObject.of("receipt", c.receipt(), "choice", c.choice())));
                case SECRET -> recount.ballots().values().stream().map(Recount.Counted::receipt).sorted()
                        .forEach(r -> published.add(JsonObject.of("receipt", r)));
            }
            b.put("ballots", JsonArray.from(published));
        }
        return b.build();
    }

    private static VoteClosed event(StoredVote v, Recount recount, String outcome, String reason, boolean valid, SignedHead head) {
        boolean cancelled = outcome.equals("cancelled");
        List<Map.Entry<String, String>> named = v.definition().kind() == VoteKind.ROLL_CALL && !cancelled
                ? recount.ballots().values().stream().map(c -> Map.entry(c.name(), c.choice())).toList()
                : List.of();
        return new VoteClosed(v.tenantId(), v.roomId(), v.id(), v.definition().kind().wireName(), v.definition().purpose(),
                v.definition().question(), v.definition().agendaItem(), outcome, reason, valid, cancelled ? Map.of() : recount.counts(),
                recount.eligible(), recount.cast(), named, head.head().hex(), v.openedAt(), v.closedAt().orElse(Instant.EPOCH));
    }
}
