package org.plenum.api.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.plenum.api.PluginId;
import org.plenum.api.json.JsonObject;
import org.junit.jupiter.api.Test;

class AuditEntryTest {

    private static final UUID TENANT = UUID.fromString("6f1c0f5e-4a7b-4d7e-9a51-0c2b6a0b9e11");
    private static final AuditChainId CHAIN = new AuditChainId(TENANT, PluginId.of("voting"), "vote/42");
    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00.123456789Z");

    private static List<AuditEntry> chainOf(int n) {
        List<AuditEntry> entries = new ArrayList<>();
        ChainHash prev = ChainHash.GENESIS;
        for (int i = 1; i <= n; i++) {
            AuditEntry e = AuditEntry.seal(CHAIN, i, T0.plusSeconds(i), "ballot.cast", JsonObject.of("receipt", "r" + i), prev);
            entries.add(e);
            prev = e.hash();
        }
        return entries;
    }

    @Test
    void theHashIsSha256OfTheDocumentedCanonicalText() throws Exception {
        AuditEntry e = AuditEntry.seal(CHAIN, 1, T0, "vote.opened", JsonObject.of("question", "Antrag 7?", "eligible", 21), ChainHash.GENESIS);
        String expected = "{\"at\":\"2026-11-29T10:00:00.123456Z\",\"chain\":\"6f1c0f5e-4a7b-4d7e-9a51-0c2b6a0b9e11/voting/vote/42\","
                + "\"payload\":{\"eligible\":21,\"question\":\"Antrag 7?\"},\"prev\":\"" + "0".repeat(64) + "\",\"seq\":1,"
                + "\"type\":\"vote.opened\",\"v\":1}";
        assertThat(e.hashedText()).isEqualTo(expected);
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(expected.getBytes(StandardCharsets.UTF_8));
        assertThat(e.hash().hex()).isEqualTo(HexFormat.of().formatHex(sha));
        assertThat(e.recordedAt()).isEqualTo(Instant.parse("2026-11-29T10:00:00.123456Z"));
    }

    @Test
    void anIntactChainVerifies() {
        List<AuditEntry> entries = chainOf(5);
        ChainVerification v = ChainVerification.verify(CHAIN, entries);
        assertThat(v).isEqualTo(new ChainVerification.Intact(CHAIN, 5, entries.get(4).hash()));
        assertThat(ChainVerification.verify(CHAIN, List.of())).isEqualTo(new ChainVerification.Intact(CHAIN, 0, ChainHash.GENESIS));
    }

    @Test
    void anEditedPayloadBreaksTheChainAtThatEntry() {
        List<AuditEntry> entries = chainOf(5);
        AuditEntry e = entries.get(2);
        entries.set(2, new AuditEntry(CHAIN, 3, e.recordedAt(), e.type(), JsonObject.of("receipt", "forged"), e.previousHash(), e.hash()));
        assertThat(ChainVerification.verify(CHAIN, entries)).isInstanceOfSatisfying(ChainVerification.Broken.class, b -> {
            assertThat(b.sequence()).isEqualTo(3);
            assertThat(b.problem()).isEqualTo(ChainVerification.Problem.CONTENT_ALTERED);
        });
    }

    @Test
    void anEditWithARecomputedHashShowsAsABrokenLinkAtTheNextEntry() {
        List<AuditEntry> entries = chainOf(5);
        AuditEntry e = entries.get(2);
        entries.set(2, AuditEntry.seal(CHAIN, 3, e.recordedAt(), e.type(), JsonObject.of("receipt", "forged"), e.previousHash()));
        assertThat(ChainVerification.verify(CHAIN, entries)).isInstanceOfSatisfying(ChainVerification.Broken.class, b -> {
            assertThat(b.sequence()).isEqualTo(4);
            assertThat(b.problem()).isEqualTo(ChainVerification.Problem.LINK_BROKEN);
            assertThat(b.detail()).contains("entry 3 or an earlier one");
        });
    }

    @Test
    void deletedAndReorderedEntriesAreFoundWhereTheOrderBreaks() {
        List<AuditEntry> deleted = chainOf(5);
        deleted.remove(1);
        assertThat(ChainVerification.verify(CHAIN, deleted)).isInstanceOfSatisfying(ChainVerification.Broken.class, b -> {
            assertThat(b.sequence()).isEqualTo(2);
            assertThat(b.problem()).isEqualTo(ChainVerification.Problem.OUT_OF_SEQUENCE);
        });
        List<AuditEntry> swapped = chainOf(5);
        java.util.Collections.swap(swapped, 3, 4);
        assertThat(ChainVerification.verify(CHAIN, swapped)).isInstanceOfSatisfying(ChainVerification.Broken.class,
                b -> assertThat(b.sequence()).isEqualTo(4));
    }

    @Test
    void renumberingAnEntryAltersItsContent() {
        List<AuditEntry> entries = chainOf(3);
        entries.remove(1);
        AuditEntry third = entries.get(1);
        entries.set(1, new AuditEntry(CHAIN, 2, third.recordedAt(), third.type(), third.payload(), third.previousHash(), third.hash()));
        assertThat(ChainVerification.verify(CHAIN, entries)).isInstanceOfSatisfying(ChainVerification.Broken.class, b -> {
            assertThat(b.sequence()).isEqualTo(2);
            assertThat(b.problem()).isEqualTo(ChainVerification.Problem.CONTENT_ALTERED);
        });
    }

    @Test
    void anEntryOfAnotherChainIsRefused() {
        AuditChainId other = new AuditChainId(TENANT, PluginId.of("voting"), "vote/43");
        List<AuditEntry> entries = new ArrayList<>(chainOf(1));
        entries.add(AuditEntry.seal(other, 2, T0, "ballot.cast", JsonObject.of(), entries.get(0).hash()));
        assertThat(ChainVerification.verify(CHAIN, entries)).isInstanceOfSatisfying(ChainVerification.Broken.class,
                b -> assertThat(b.problem()).isEqualTo(ChainVerification.Problem.WRONG_CHAIN));
    }

    @Test
    void aSignedHeadSealsTheChainAgainstTruncationAndConsistentRewrites() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        List<AuditEntry> entries = chainOf(5);
        SignedHead head = SignedHead.sign(CHAIN, 5, entries.get(4).hash(), T0, key.getPrivate(), key.getPublic());
        assertThat(head.signatureValid()).isTrue();
        assertThat(head.signature()).hasSize(64);
        assertThat(head.publicKeyFingerprint()).isEqualTo(SignedHead.fingerprint(key.getPublic().getEncoded()));
        assertThat(ChainVerification.verify(CHAIN, entries, head).isIntact()).isTrue();

        assertThat(ChainVerification.verify(CHAIN, entries.subList(0, 3), head)).isInstanceOfSatisfying(ChainVerification.Broken.class, b -> {
            assertThat(b.problem()).isEqualTo(ChainVerification.Problem.HEAD_MISMATCH);
            assertThat(b.sequence()).isEqualTo(4);
            assertThat(b.detail()).contains("entries from 4 on were removed");
        });

        List<AuditEntry> rewritten = new ArrayList<>(entries.subList(0, 2));
        ChainHash prev = rewritten.get(1).hash();
        for (int i = 3; i <= 5; i++) {
            AuditEntry e = AuditEntry.seal(CHAIN, i, T0, "ballot.cast", JsonObject.of("receipt", "forged" + i), prev);
            rewritten.add(e);
            prev = e.hash();
        }
        assertThat(ChainVerification.verify(CHAIN, rewritten).isIntact()).isTrue();
        assertThat(ChainVerification.verify(CHAIN, rewritten, head)).isInstanceOfSatisfying(ChainVerification.Broken.class,
                b -> assertThat(b.problem()).isEqualTo(ChainVerification.Problem.HEAD_MISMATCH));
    }

    @Test
    void aForgedSignatureIsInvalid() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        List<AuditEntry> entries = chainOf(2);
        SignedHead head = SignedHead.sign(CHAIN, 2, entries.get(1).hash(), T0, key.getPrivate(), key.getPublic());
        byte[] sig = head.signature();
        sig[0] ^= 1;
        SignedHead tampered = new SignedHead(CHAIN, 2, head.head(), head.signedAt(), sig, head.publicKey());
        assertThat(tampered.signatureValid()).isFalse();
        assertThat(ChainVerification.verify(CHAIN, entries, tampered)).isInstanceOfSatisfying(ChainVerification.Broken.class,
                b -> assertThat(b.problem()).isEqualTo(ChainVerification.Problem.SIGNATURE_INVALID));
        SignedHead wrongKey = new SignedHead(CHAIN, 2, head.head(), head.signedAt(), head.signature(), other.getPublic().getEncoded());
        assertThat(wrongKey.signatureValid()).isFalse();
        SignedHead garbageKey = new SignedHead(CHAIN, 2, head.head(), head.signedAt(), head.signature(), new byte[] {1, 2, 3});
        assertThat(garbageKey.signatureValid()).isFalse();
    }

    @Test
    void refusesBadNamesTypesAndHashes() {
        assertThatThrownBy(() -> new AuditChainId(TENANT, PluginId.of("voting"), "")).hasMessageContaining("1 to 128 characters");
        assertThatThrownBy(() -> new AuditChainId(TENANT, PluginId.of("voting"), "a b")).hasMessageContaining("1 to 128 characters");
        assertThatThrownBy(() -> AuditEntry.checkType("Vote Cast")).hasMessageContaining("like vote.cast");
        assertThatThrownBy(() -> ChainHash.ofHex("abc")).hasMessageContaining("64 hex digits");
        assertThatThrownBy(() -> ChainHash.ofHex("g".repeat(64))).hasMessageContaining("other characters");
        assertThatThrownBy(() -> AuditEntry.seal(CHAIN, 0, T0, "x", JsonObject.of(), ChainHash.GENESIS)).hasMessageContaining("numbered from 1");
        assertThat(ChainHash.ofHex(ChainHash.GENESIS.hex())).isEqualTo(ChainHash.GENESIS);
    }
}
