package org.plenum.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenum.api.PluginId;
import org.plenum.api.audit.AuditChain;
import org.plenum.api.audit.AuditEntry;
import org.plenum.api.audit.AuditLog;
import org.plenum.api.audit.ChainHash;
import org.plenum.api.audit.ChainVerification;
import org.plenum.api.audit.ChainVerification.Broken;
import org.plenum.api.audit.ChainVerification.Problem;
import org.plenum.api.audit.SignedHead;
import org.plenum.api.json.JsonArray;
import org.plenum.api.json.JsonObject;
import org.plenum.core.storage.Database;
import org.plenum.core.storage.DatabaseConfig;
import org.plenum.core.storage.Jdbc;
import org.plenum.core.tenant.TenantStore;

/**
 * The audit log on a real PostgreSQL: what the SPI promises, what the database refuses, and that
 * every kind of tampering a database superuser can do is reported at the entry it touched.
 */
class AuditStoreTest {

    @TempDir
    static Path dataDir;

    static Database database;
    static UUID tenant;
    AuditStore store;
    AuditLog voting;
    AuditChain vote;

    @BeforeAll
    static void startDatabase() {
        database = Database.start(new DatabaseConfig("", "postgres", "", dataDir, 0, 12));
        tenant = new TenantStore(new Jdbc(database.dataSource())).create("audit-town", "Audit Town", null).id();
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @BeforeEach
    void freshChain() {
        store = new AuditStore(database.dataSource(), Clock.systemUTC());
        voting = store.forPlugin(PluginId.of("voting"));
        vote = voting.chain(tenant, "vote/" + UUID.randomUUID());
    }

    // --- the SPI contract ---------------------------------------------------------------------

    @Test
    void appendedEntriesAreChainedReadBackExactlyAndVerify() {
        AuditEntry opened = vote.append("vote.opened", JsonObject.of("question", "Haushalt 2026?", "eligible", 21));
        AuditEntry cast = vote.append("ballot.cast", JsonObject.of("receipt", "r-1"));
        AuditEntry closed = vote.append("vote.closed", JsonObject.of("tally", JsonObject.of("yes", 12, "no", 7), "quorum", true));

        assertThat(List.of(opened, cast, closed)).extracting(AuditEntry::sequence).containsExactly(1L, 2L, 3L);
        assertThat(opened.previousHash()).isEqualTo(ChainHash.GENESIS);
        assertThat(cast.previousHash()).isEqualTo(opened.hash());
        assertThat(closed.previousHash()).isEqualTo(cast.hash());
        assertThat(List.of(opened, cast, closed)).allSatisfy(e -> assertThat(e.computeHash()).isEqualTo(e.hash()));

        assertThat(vote.read(1, 10)).containsExactly(opened, cast, closed);
        assertThat(vote.read(2, 1)).containsExactly(cast);
        assertThat(vote.read(4, 10)).isEmpty();
        assertThat(vote.head()).contains(closed);
        assertThat(vote.verify()).isEqualTo(new ChainVerification.Intact(vote.id(), 3, closed.hash()));
    }

    @Test
    void payloadsSurviveStorageInTheirCanonicalForm() {
        JsonObject payload = JsonObject.builder()
                .put("text", "Grüße \"aus\" Thüringen \u2028 😀 \\ /")
                .put("decimal", new java.math.BigDecimal("1.50"))
                .put("big", new java.math.BigDecimal("12345678901234567890123"))
                .put("tiny", new java.math.BigDecimal("1e-9"))
                .put("list", JsonArray.of(1, "two", false, JsonObject.of()))
                .put("nothing", org.plenum.api.json.JsonNull.NULL)
                .build();
        AuditEntry stored = vote.append("note.recorded", payload);

        AuditEntry reloaded = vote.read(1, 1).getFirst();
        assertThat(reloaded).isEqualTo(stored);
        assertThat(reloaded.payload().toJson()).isEqualTo(payload.toJson());
        assertThat(reloaded.computeHash()).isEqualTo(stored.hash());
        assertThat(vote.verify().isIntact()).isTrue();
    }

    @Test
    void anEmptyChainIsIntactAndSignsAsSequenceZero() {
        assertThat(vote.head()).isEmpty();
        assertThat(vote.read(1, 10)).isEmpty();
        assertThat(vote.verify()).isEqualTo(new ChainVerification.Intact(vote.id(), 0, ChainHash.GENESIS));
        SignedHead sealed = vote.signHead();
        assertThat(sealed.sequence()).isZero();
        assertThat(sealed.head()).isEqualTo(ChainHash.GENESIS);
        assertThat(vote.verify(sealed).isIntact()).isTrue();
    }

    @Test
    void badInputIsRefusedWithTheSpisMessages() {
        assertThatThrownBy(() -> vote.append("Vote Opened", JsonObject.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("audit entry type");
        assertThatThrownBy(() -> vote.append("note", JsonObject.of("big", "x".repeat(64 * 1024))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 65536 bytes");
        assertThatThrownBy(() -> vote.read(0, 10)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numbered from 1");
        assertThatThrownBy(() -> vote.read(1, AuditChain.MAX_READ + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> voting.chain(tenant, "no spaces")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> voting.chain(UUID.randomUUID(), "x").append("note", JsonObject.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
        assertThat(vote.head()).isEmpty();
    }

    @Test
    void eachPluginSeesOnlyItsOwnChains() {
        String name = "session/" + UUID.randomUUID();
        AuditChain mine = voting.chain(tenant, name);
        AuditChain theirs = store.forPlugin(PluginId.of("minutes")).chain(tenant, name);
        mine.append("session.opened", JsonObject.of("by", "voting"));

        assertThat(theirs.head()).isEmpty();
        theirs.append("session.opened", JsonObject.of("by", "minutes"));
        assertThat(mine.read(1, 10)).singleElement().satisfies(e -> assertThat(e.payload().getString("by")).isEqualTo("voting"));
        assertThat(theirs.read(1, 10)).singleElement().satisfies(e -> assertThat(e.payload().getString("by")).isEqualTo("minutes"));
        assertThat(mine.head().orElseThrow().hash()).isNotEqualTo(theirs.head().orElseThrow().hash());
        assertThat(store.chains(tenant, PluginId.of("minutes"))).contains(theirs.id()).doesNotContain(mine.id());
    }

    // --- what the database refuses -----------------------------------------------------------

    @Test
    void theDatabaseRefusesToChangeOrRemoveEntries() throws SQLException {
        vote.append("vote.opened", JsonObject.of());
        vote.append("vote.closed", JsonObject.of());
        long chain = chainRow();
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("update plenum.audit_entry set payload = '{}' where chain_id = " + chain + " and seq = 1"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only").hasMessageContaining("UPDATE of entry 1");
            assertThatThrownBy(() -> s.executeUpdate("delete from plenum.audit_entry where chain_id = " + chain))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only").hasMessageContaining("DELETE");
            assertThatThrownBy(() -> s.executeUpdate("truncate plenum.audit_entry"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("update plenum.audit_chain set head_seq = 1 where id = " + chain))
                    .isInstanceOf(SQLException.class).hasMessageContaining("moves only when an entry is appended");
            assertThatThrownBy(() -> s.executeUpdate("update plenum.audit_chain set name = 'other' where id = " + chain))
                    .isInstanceOf(SQLException.class).hasMessageContaining("identity cannot change");
            assertThatThrownBy(() -> s.executeUpdate("delete from plenum.audit_chain where id = " + chain))
                    .isInstanceOf(SQLException.class).hasMessageContaining("never deleted");
            // an insert must continue the chain exactly: right number, right link
            assertThatThrownBy(() -> s.executeUpdate("insert into plenum.audit_entry (chain_id, seq, recorded_at, type, payload, prev_hash, hash)"
                    + " values (" + chain + ", 5, now(), 'note', '{}', decode(repeat('00', 32), 'hex'), decode(repeat('11', 32), 'hex'))"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("does not continue audit chain");
            assertThatThrownBy(() -> s.executeUpdate("insert into plenum.audit_entry (chain_id, seq, recorded_at, type, payload, prev_hash, hash)"
                    + " values (" + chain + ", 3, now(), 'note', '{}', decode(repeat('00', 32), 'hex'), decode(repeat('11', 32), 'hex'))"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("does not continue audit chain");
        }
        assertThat(vote.verify()).isInstanceOfSatisfying(ChainVerification.Intact.class, ok -> assertThat(ok.length()).isEqualTo(2));
    }

    // --- tampering by someone who can switch the triggers off (a superuser) ---------------------

    @Test
    void anEditedPayloadIsReportedAtThatEntry() {
        appendFive();
        tamper("update plenum.audit_entry set payload = ? where chain_id = ? and seq = 3", "{\"receipt\":\"forged\"}", chainRow());
        assertBroken(vote.verify(), 3, Problem.CONTENT_ALTERED);
    }

    @Test
    void anEditedTypeIsReportedAtThatEntry() {
        appendFive();
        tamper("update plenum.audit_entry set type = 'ballot.spoilt' where chain_id = ? and seq = 2", chainRow());
        assertBroken(vote.verify(), 2, Problem.CONTENT_ALTERED);
    }

    @Test
    void anEditedTimeIsReportedAtThatEntry() {
        appendFive();
        tamper("update plenum.audit_entry set recorded_at = recorded_at - interval '1 second' where chain_id = ? and seq = 4", chainRow());
        assertBroken(vote.verify(), 4, Problem.CONTENT_ALTERED);
    }

    @Test
    void anEditedHashIsReportedAtThatEntry() {
        appendFive();
        tamper("update plenum.audit_entry set hash = decode(repeat('ab', 32), 'hex') where chain_id = ? and seq = 2", chainRow());
        assertBroken(vote.verify(), 2, Problem.CONTENT_ALTERED);
    }

    @Test
    void anEditedLinkIsReportedAtThatEntry() {
        appendFive();
        tamper("update plenum.audit_entry set prev_hash = decode(repeat('ab', 32), 'hex') where chain_id = ? and seq = 4", chainRow());
        assertBroken(vote.verify(), 4, Problem.CONTENT_ALTERED);
    }

    @Test
    void anEditRecomputedByTheForgerBreaksTheLinkAtTheNextEntry() {
        List<AuditEntry> entries = appendFive();
        AuditEntry original = entries.get(2);
        AuditEntry forged = AuditEntry.seal(vote.id(), 3, original.recordedAt(), original.type(), JsonObject.of("receipt", "forged"),
                original.previousHash());
        tamper("update plenum.audit_entry set payload = ?, hash = ? where chain_id = ? and seq = 3",
                forged.payload().toJson(), forged.hash().bytes(), chainRow());
        assertBroken(vote.verify(), 4, Problem.LINK_BROKEN);
    }

    @Test
    void aDeletedEntryIsReportedWhereTheGapIs() {
        appendFive();
        tamper("delete from plenum.audit_entry where chain_id = ? and seq = 2", chainRow());
        assertBroken(vote.verify(), 2, Problem.OUT_OF_SEQUENCE);
    }

    @Test
    void aDeletedFirstEntryIsReportedAtOne() {
        appendFive();
        tamper("delete from plenum.audit_entry where chain_id = ? and seq = 1", chainRow());
        assertBroken(vote.verify(), 1, Problem.OUT_OF_SEQUENCE);
    }

    @Test
    void aDeletedLastEntryIsCaughtByTheHeadRecordedAtAppend() {
        appendFive();
        tamper("delete from plenum.audit_entry where chain_id = ? and seq = 5", chainRow());
        assertBroken(vote.verify(), 5, Problem.HEAD_MISMATCH);
    }

    @Test
    void reorderedEntriesAreReportedAtTheFirstOneOutOfPlace() {
        appendFive();
        long chain = chainRow();
        // swap the sequence numbers of entries 2 and 3 (the primary key forces a detour)
        tamper("update plenum.audit_entry set seq = 1000000 where chain_id = ? and seq = 2", chain);
        tamper("update plenum.audit_entry set seq = 2 where chain_id = ? and seq = 3", chain);
        tamper("update plenum.audit_entry set seq = 3 where chain_id = ? and seq = 1000000", chain);
        assertBroken(vote.verify(), 2, Problem.OUT_OF_SEQUENCE);
    }

    @Test
    void entriesWhoseContentsWereSwappedAreReportedAtTheFirst() {
        appendFive();
        long chain = chainRow();
        tamper("""
                update plenum.audit_entry a set type = b.type, payload = b.payload, recorded_at = b.recorded_at, prev_hash = b.prev_hash, hash = b.hash
                  from plenum.audit_entry b
                 where a.chain_id = ? and b.chain_id = a.chain_id and ((a.seq = 2 and b.seq = 4) or (a.seq = 4 and b.seq = 2))""", chain);
        assertBroken(vote.verify(), 2, Problem.CONTENT_ALTERED);
    }

    @Test
    void anAddedEntryIsCaughtByTheHeadRecordedAtAppend() {
        List<AuditEntry> entries = appendFive();
        AuditEntry extra = AuditEntry.seal(vote.id(), 6, entries.getLast().recordedAt(), "ballot.cast", JsonObject.of("receipt", "stuffed"),
                entries.getLast().hash());
        tamper("insert into plenum.audit_entry (chain_id, seq, recorded_at, type, payload, prev_hash, hash) values (?, 6, ?, ?, ?, ?, ?)",
                chainRow(), java.time.OffsetDateTime.ofInstant(extra.recordedAt(), java.time.ZoneOffset.UTC), extra.type(),
                extra.payload().toJson(), extra.previousHash().bytes(), extra.hash().bytes());
        assertBroken(vote.verify(), 6, Problem.HEAD_MISMATCH);
    }

    @Test
    void aPayloadRewrittenInAnotherJsonSpellingCountsAsAltered() {
        appendFive();
        tamper("update plenum.audit_entry set payload = ? where chain_id = ? and seq = 3", "{ \"receipt\" : \"r-3\" }", chainRow());
        assertBroken(vote.verify(), 3, Problem.CONTENT_ALTERED);
        assertThatThrownBy(() -> vote.read(1, 10)).hasMessageContaining("cannot be read").hasMessageContaining("verify the chain");
    }

    @Test
    void anUnreadableRowIsReportedAtItsPlace() {
        appendFive();
        tamper("update plenum.audit_entry set payload = 'not json' where chain_id = ? and seq = 4", chainRow());
        assertBroken(vote.verify(), 4, Problem.CONTENT_ALTERED);
    }

    // --- signed heads ---------------------------------------------------------------------------

    @Test
    void aSignedHeadVerifiesWithThePlainJdkAndNamesTheServersKey() throws Exception {
        List<AuditEntry> entries = appendFive();
        SignedHead sealed = vote.signHead();

        assertThat(sealed.chain()).isEqualTo(vote.id());
        assertThat(sealed.sequence()).isEqualTo(5);
        assertThat(sealed.head()).isEqualTo(entries.getLast().hash());
        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(sealed.publicKey()));
        Signature ed25519 = Signature.getInstance("Ed25519");
        ed25519.initVerify(key);
        ed25519.update(sealed.signedText().getBytes(StandardCharsets.UTF_8));
        assertThat(ed25519.verify(sealed.signature())).isTrue();
        assertThat(sealed.signedText()).contains("\"head\":\"" + entries.getLast().hash().hex() + "\"").contains("\"seq\":5");

        assertThat(key.getEncoded()).isEqualTo(voting.signingKey().getEncoded());
        assertThat(sealed.publicKeyFingerprint()).isEqualTo(store.signingKeys().currentFingerprint());
        assertThat(store.signingKeys().signedByServer(sealed)).isTrue();
        assertThat(vote.verify(sealed).isIntact()).isTrue();
    }

    @Test
    void aSignedHeadFailsAfterTamperingOrAForgedSignature() {
        appendFive();
        SignedHead sealed = vote.signHead();

        byte[] signature = sealed.signature();
        signature[10] ^= 1;
        SignedHead forged = new SignedHead(sealed.chain(), sealed.sequence(), sealed.head(), sealed.signedAt(), signature, sealed.publicKey());
        assertBroken(vote.verify(forged), 5, Problem.SIGNATURE_INVALID);

        vote.append("ballot.cast", JsonObject.of("receipt", "late"));
        assertBroken(vote.verify(sealed), 6, Problem.HEAD_MISMATCH);
        assertThat(vote.verify().isIntact()).isTrue();

        tamper("update plenum.audit_entry set payload = ? where chain_id = ? and seq = 2", "{\"receipt\":\"forged\"}", chainRow());
        assertBroken(vote.verify(sealed), 2, Problem.CONTENT_ALTERED);
    }

    @Test
    void aConsistentRewriteOfTheTailIsCaughtByTheSignedHead() {
        List<AuditEntry> entries = appendFive();
        SignedHead sealed = vote.signHead();
        // the forger rewrites the last entry, recomputes its hash and also moves the recorded head
        AuditEntry last = entries.getLast();
        AuditEntry forged = AuditEntry.seal(vote.id(), 5, last.recordedAt(), last.type(), JsonObject.of("tally", "forged"), last.previousHash());
        long chain = chainRow();
        tamper("update plenum.audit_entry set payload = ?, hash = ? where chain_id = ? and seq = 5", forged.payload().toJson(), forged.hash().bytes(), chain);
        tamper("update plenum.audit_chain set head_hash = ? where id = ?", forged.hash().bytes(), chain);

        assertThat(vote.verify().isIntact()).as("an unkeyed chain cannot see a consistent rewrite").isTrue();
        assertBroken(vote.verify(sealed), 5, Problem.HEAD_MISMATCH);
    }

    @Test
    void rotationKeepsOldHeadsCheckableAndSignsWithTheNewKey() {
        appendFive();
        AuditSigningKeys keys = store.signingKeys();
        SignedHead before = vote.signHead();
        String oldFingerprint = keys.currentFingerprint();

        AuditSigningKey fresh = keys.rotate();
        try {
            assertThat(fresh.fingerprint()).isNotEqualTo(oldFingerprint);
            assertThat(fresh.isCurrent()).isTrue();
            SignedHead after = vote.signHead();
            assertThat(after.publicKeyFingerprint()).isEqualTo(fresh.fingerprint());
            assertThat(voting.signingKey().getEncoded()).isEqualTo(fresh.publicKey().getEncoded());

            assertThat(vote.verify(before).isIntact()).isTrue();
            assertThat(keys.signedByServer(before)).isTrue();
            assertThat(keys.signedByServer(after)).isTrue();
            assertThat(keys.find(oldFingerprint)).hasValueSatisfying(old -> {
                assertThat(old.isCurrent()).isFalse();
                assertThat(old.publicKey().getEncoded()).isEqualTo(before.publicKey());
            });
            assertThat(keys.history()).extracting(AuditSigningKey::fingerprint).startsWith(fresh.fingerprint()).contains(oldFingerprint);
            // the retired key's private half is gone from the database
            String retiredJwk = new Jdbc(database.dataSource()).one("select jwk from plenum.server_key where name = ?", rs -> rs.getString(1),
                    AuditSigningKeys.NAME_PREFIX + oldFingerprint).orElseThrow();
            assertThat(JsonObject.parse(retiredJwk).has("d")).isFalse();

            // another node (another store on the same database) switches at its next signature
            AuditStore otherNode = new AuditStore(database.dataSource(), Clock.systemUTC());
            assertThat(otherNode.chain(vote.id()).signHead().publicKeyFingerprint()).isEqualTo(fresh.fingerprint());
        } finally {
            assertThat(keys.signedByServer(before)).isTrue();
        }
    }

    @Test
    void aHeadSignedByAStrangersKeyIsValidButNotTheServers() throws Exception {
        appendFive();
        SignedHead genuine = vote.signHead();
        var stranger = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        SignedHead foreign = SignedHead.sign(vote.id(), genuine.sequence(), genuine.head(), genuine.signedAt(), stranger.getPrivate(), stranger.getPublic());
        assertThat(foreign.signatureValid()).isTrue();
        assertThat(store.signingKeys().signedByServer(foreign)).isFalse();
    }

    // --- concurrency ----------------------------------------------------------------------------

    @Test
    void concurrentAppendsFromEightThreadsOnTwoNodesFormAGapFreeChain() throws Exception {
        int threads = 8;
        int perThread = 50;
        // a second "node": its own store over its own connection pool to the same database
        try (com.zaxxer.hikari.HikariDataSource otherPool = otherNodePool()) {
            AuditStore nodeB = new AuditStore(otherPool, Clock.systemUTC());
            List<AuditChain> handles = List.of(vote, nodeB.chain(vote.id()));
            List<Thread> workers = new ArrayList<>();
            List<AuditEntry> appended = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            for (int t = 0; t < threads; t++) {
                AuditChain chain = handles.get(t % 2);
                int worker = t;
                workers.add(Thread.ofPlatform().start(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < perThread; i++) {
                            appended.add(chain.append("ballot.cast", JsonObject.of("worker", worker, "i", i)));
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            long began = System.nanoTime();
            start.countDown();
            for (Thread w : workers) {
                w.join();
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            assertThat(failures).isEmpty();
            int total = threads * perThread;
            System.out.printf("audit append throughput: %d appends from %d threads on 2 pools in %.2f s = %.0f/s%n",
                    total, threads, seconds, total / seconds);

            assertThat(appended).extracting(AuditEntry::sequence).doesNotHaveDuplicates().hasSize(total);
            assertThat(vote.verify()).isInstanceOfSatisfying(ChainVerification.Intact.class, ok -> assertThat(ok.length()).isEqualTo(total));
            List<AuditEntry> stored = new ArrayList<>();
            for (long from = 1; from <= total; from += AuditChain.MAX_READ) {
                stored.addAll(vote.read(from, AuditChain.MAX_READ));
            }
            assertThat(stored).extracting(AuditEntry::sequence)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, total).boxed().toList());
            assertThat(stored).containsExactlyInAnyOrderElementsOf(appended);
            // each worker's own entries are in the order it appended them
            for (int t = 0; t < threads; t++) {
                int worker = t;
                assertThat(stored.stream().filter(e -> e.payload().getInt("worker") == worker).map(e -> e.payload().getInt("i")).toList())
                        .isSorted().hasSize(perThread);
            }
        }
    }

    @Test
    void firstAppendsRacingToCreateAChainMakeOneChain() throws Exception {
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        for (int t = 0; t < 8; t++) {
            AuditChain chain = new AuditStore(database.dataSource(), Clock.systemUTC()).chain(vote.id());
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    chain.append("chain.opened", JsonObject.of());
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        assertThat(failures).isEmpty();
        assertThat(vote.verify()).isInstanceOfSatisfying(ChainVerification.Intact.class, ok -> assertThat(ok.length()).isEqualTo(8));
    }

    // --- helpers ----------------------------------------------------------------------------------

    private List<AuditEntry> appendFive() {
        List<AuditEntry> entries = new ArrayList<>();
        entries.add(vote.append("vote.opened", JsonObject.of("question", "Antrag 7", "eligible", 5)));
        for (int i = 2; i <= 4; i++) {
            entries.add(vote.append("ballot.cast", JsonObject.of("receipt", "r-" + i)));
        }
        entries.add(vote.append("vote.closed", JsonObject.of("tally", JsonObject.of("yes", 2, "no", 1))));
        assertThat(vote.verify().isIntact()).isTrue();
        return entries;
    }

    private long chainRow() {
        return new Jdbc(database.dataSource()).one("select id from plenum.audit_chain where tenant_id = ? and owner = ? and name = ?",
                rs -> rs.getLong(1), tenant, vote.id().owner().value(), vote.id().name()).orElseThrow();
    }

    /** Runs SQL as the database superuser with triggers off, as an attacker with full access would. */
    private static void tamper(String sql, Object... params) {
        DataSource ds = database.dataSource();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("set local session_replication_role = replica");
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                assertThat(ps.executeUpdate()).as("rows changed by: " + sql).isPositive();
            }
            c.commit();
            c.setAutoCommit(true);
        } catch (SQLException e) {
            throw new AssertionError("tampering failed: " + e.getMessage(), e);
        }
    }

    private static void assertBroken(ChainVerification result, long at, Problem problem) {
        assertThat(result).isInstanceOfSatisfying(Broken.class, broken -> {
            assertThat(broken.problem()).as(broken.detail()).isEqualTo(problem);
            assertThat(broken.sequence()).as(broken.detail()).isEqualTo(at);
        });
    }

    private static com.zaxxer.hikari.HikariDataSource otherNodePool() {
        com.zaxxer.hikari.HikariConfig hc = new com.zaxxer.hikari.HikariConfig();
        hc.setJdbcUrl(database.jdbcUrl());
        hc.setUsername("postgres");
        hc.setMaximumPoolSize(4);
        hc.setPoolName("other-node");
        return new com.zaxxer.hikari.HikariDataSource(hc);
    }
}
