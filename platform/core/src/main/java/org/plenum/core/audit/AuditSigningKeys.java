package org.plenum.core.audit;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.plenum.api.audit.SignedHead;
import org.plenum.api.json.JsonObject;
import org.plenum.core.storage.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's Ed25519 keys for signing audit chain heads, kept in {@code plenum.server_key} (one
 * row per key, named {@code audit-head-signing/<fingerprint>}, the key as an RFC 8037 OKP JWK).
 *
 * <ul>
 *   <li>The first start creates a key; every node of a cluster uses the same one (the database
 *       decides which insert wins, as for the token key).</li>
 *   <li>{@link #rotate()} creates a new key and retires the old one: its row stays with the public
 *       key only (the private half is erased), so heads signed before stay checkable and
 *       {@link #find(String)} still names them as the server's.</li>
 * </ul>
 * The private key is stored in the database like the token key: whoever can read
 * {@code plenum.server_key} (a database superuser, a backup) can sign heads. An HSM or KMS would
 * remove that; the signature's job here is to make a rewrite visible to anyone who does not hold
 * the database.
 */
public final class AuditSigningKeys {

    static final String NAME_PREFIX = "audit-head-signing/";

    private static final Logger log = LoggerFactory.getLogger(AuditSigningKeys.class);
    /** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519 (RFC 8410); the raw 32 bytes follow. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final Jdbc jdbc;
    private volatile Active active;

    /** The key in use, with its private half. */
    record Active(String fingerprint, KeyPair pair) {
    }

    /** Loads the current key, creating it on the very first start. */
    public AuditSigningKeys(Jdbc jdbc) {
        this.jdbc = jdbc;
        this.active = loadOrCreate();
    }

    /** The public half of the key that signs heads now (as this node last saw it; no database access). */
    public PublicKey current() {
        return active.pair().getPublic();
    }

    /** The fingerprint of {@link #current()}. */
    public String currentFingerprint() {
        return active.fingerprint();
    }

    /** Every key the server has signed with, newest first. Blocking. */
    public List<AuditSigningKey> history() {
        return jdbc.list("select jwk, created_at, retired_at from plenum.server_key where name like ? order by created_at desc, name",
                rs -> toRecord(rs.getString("jwk"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "retired_at")),
                NAME_PREFIX + "%");
    }

    /** The server's key with this fingerprint, current or retired. Blocking. */
    public Optional<AuditSigningKey> find(String fingerprint) {
        return jdbc.one("select jwk, created_at, retired_at from plenum.server_key where name = ?",
                rs -> toRecord(rs.getString("jwk"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "retired_at")),
                NAME_PREFIX + fingerprint);
    }

    /**
     * Whether {@code head} carries a valid signature by one of the server's keys (current or
     * retired). {@link SignedHead#signatureValid()} alone proves only that <em>some</em> key signed.
     * Blocking.
     */
    public boolean signedByServer(SignedHead head) {
        return head.signatureValid() && find(head.publicKeyFingerprint()).isPresent();
    }

    /**
     * Creates a new key, retires the current one (keeping its public half) and returns the new one.
     * Other nodes switch at their next signature. Blocking.
     */
    public AuditSigningKey rotate() {
        KeyPair fresh = generate();
        String fingerprint = SignedHead.fingerprint(fresh.getPublic().getEncoded());
        jdbc.inTransaction(c -> {
            List<String> current = Jdbc.list(c, "select jwk from plenum.server_key where name like ? and retired_at is null for update",
                    rs -> rs.getString(1), NAME_PREFIX + "%");
            if (current.isEmpty()) {
                // the row we would retire was retired by a rotation that committed while we waited
                throw new IllegalStateException("another rotation of the audit signing key ran at the same time; it is in effect");
            }
            for (String jwk : current) {
                Active old = parse(jwk);
                Jdbc.update(c, "update plenum.server_key set retired_at = now(), jwk = ? where name = ?",
                        toJwk(old.fingerprint(), old.pair().getPublic(), null), NAME_PREFIX + old.fingerprint());
            }
            Jdbc.update(c, "insert into plenum.server_key (name, jwk) values (?, ?)", NAME_PREFIX + fingerprint,
                    toJwk(fingerprint, fresh.getPublic(), fresh));
            return null;
        });
        active = new Active(fingerprint, fresh);
        log.atInfo().setMessage("audit signing key rotated").addKeyValue("fingerprint", fingerprint).log();
        return find(fingerprint).orElseThrow();
    }

    /**
     * The key to sign with now, re-read from the database so that a rotation on another node takes
     * effect here at the next signature. Blocking.
     */
    Active forSigning() {
        Optional<String> name = jdbc.one("select name from plenum.server_key where name like ? and retired_at is null",
                rs -> rs.getString(1), NAME_PREFIX + "%");
        Active known = active;
        if (name.isPresent() && !name.get().equals(NAME_PREFIX + known.fingerprint())) {
            known = loadOrCreate();
            active = known;
        }
        return known;
    }

    private Active loadOrCreate() {
        Optional<Active> stored = loadCurrent();
        if (stored.isPresent()) {
            return stored.get();
        }
        KeyPair created = generate();
        String fingerprint = SignedHead.fingerprint(created.getPublic().getEncoded());
        // another node may have raced us: the partial unique index lets only one current key exist
        jdbc.update("insert into plenum.server_key (name, jwk) values (?, ?) on conflict do nothing",
                NAME_PREFIX + fingerprint, toJwk(fingerprint, created.getPublic(), created));
        Active winner = loadCurrent().orElseThrow(() -> new IllegalStateException("the audit signing key could not be stored"));
        if (winner.fingerprint().equals(fingerprint)) {
            log.atInfo().setMessage("audit signing key created").addKeyValue("fingerprint", fingerprint).log();
        }
        return winner;
    }

    private Optional<Active> loadCurrent() {
        return jdbc.one("select jwk from plenum.server_key where name like ? and retired_at is null",
                rs -> parse(rs.getString(1)), NAME_PREFIX + "%");
    }

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate Ed25519 keys", e);
        }
    }

    /** RFC 8037: {"crv":"Ed25519","d":…,"kid":fingerprint,"kty":"OKP","x":…}; {@code d} only while the key is current. */
    static String toJwk(String fingerprint, PublicKey publicKey, KeyPair withPrivate) {
        byte[] encoded = publicKey.getEncoded();
        JsonObject.Builder jwk = JsonObject.builder()
                .put("kty", "OKP")
                .put("crv", "Ed25519")
                .put("kid", fingerprint)
                .put("use", "sig")
                .put("x", b64(Arrays.copyOfRange(encoded, X509_PREFIX.length, encoded.length)));
        if (withPrivate != null) {
            byte[] d = ((EdECPrivateKey) withPrivate.getPrivate()).getBytes()
                    .orElseThrow(() -> new IllegalStateException("the Ed25519 private key cannot be exported"));
            jwk.put("d", b64(d));
        }
        return jwk.build().toJson();
    }

    private static Active parse(String json) {
        try {
            JsonObject jwk = JsonObject.parse(json);
            PublicKey publicKey = publicKey(jwk);
            String fingerprint = SignedHead.fingerprint(publicKey.getEncoded());
            if (!jwk.has("d")) {
                throw new IllegalStateException("the current audit signing key " + fingerprint + " has no private part");
            }
            byte[] d = Base64.getUrlDecoder().decode(jwk.getString("d"));
            var privateKey = KeyFactory.getInstance("Ed25519").generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, d));
            return new Active(fingerprint, new KeyPair(publicKey, privateKey));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the stored audit signing key is corrupt: " + e.getMessage(), e);
        }
    }

    private static AuditSigningKey toRecord(String json, Instant createdAt, Instant retiredAt) {
        try {
            PublicKey publicKey = publicKey(JsonObject.parse(json));
            return new AuditSigningKey(SignedHead.fingerprint(publicKey.getEncoded()), publicKey, createdAt, Optional.ofNullable(retiredAt));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored audit signing key is corrupt: " + e.getMessage(), e);
        }
    }

    private static PublicKey publicKey(JsonObject jwk) throws GeneralSecurityException {
        if (!"OKP".equals(jwk.getString("kty")) || !"Ed25519".equals(jwk.getString("crv"))) {
            throw new IllegalArgumentException("not an Ed25519 OKP key");
        }
        byte[] x = Base64.getUrlDecoder().decode(jwk.getString("x"));
        if (x.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, not " + x.length);
        }
        byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + 32);
        System.arraycopy(x, 0, encoded, X509_PREFIX.length, 32);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
