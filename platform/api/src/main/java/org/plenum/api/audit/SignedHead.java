package org.plenum.api.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.plenum.api.json.JsonObject;

/**
 * The head of an audit chain — its last sequence number and hash — signed with the server's
 * Ed25519 key. Printed in a vote's report, it seals the chain as it was: editing, deleting,
 * reordering or truncating entries later no longer matches it
 * ({@link ChainVerification#verify(AuditChainId, Iterable, SignedHead)}), and nobody without the
 * server's key can make a new one.
 *
 * <p>The signature is Ed25519 (RFC 8032) over the UTF-8 bytes of the canonical JSON text of
 * <pre>{"chain": chain (as text), "head": head (hex), "seq": sequence, "signedAt": ISO-8601 UTC, "v": 1}</pre>
 * ({@link #signedText()}). An empty chain has sequence 0 and head {@link ChainHash#GENESIS}.
 * {@snippet :
 * SignedHead sealed = chain.signHead();
 * report.line("Final hash", sealed.head().hex());
 * report.line("Signature (Ed25519)", HexFormat.of().formatHex(sealed.signature()));
 * report.line("Server key fingerprint (SHA-256)", sealed.publicKeyFingerprint());
 * boolean genuine = sealed.signatureValid()
 *         && sealed.publicKeyFingerprint().equals(expectedServerFingerprint);
 * }
 * {@link #signatureValid()} proves only that the holder of {@link #publicKey()} signed; whether that
 * is <em>the server's</em> key is checked by comparing the fingerprint with the one the operator
 * publishes (or {@link AuditLog#signingKey()}).
 *
 * @param chain     the chain
 * @param sequence  the last entry's sequence number (0 for an empty chain)
 * @param head      the last entry's hash
 * @param signedAt  when it was signed (truncated to microseconds)
 * @param signature the 64-byte Ed25519 signature (copied in and out)
 * @param publicKey the signer's public key, X.509 SubjectPublicKeyInfo encoding (copied in and out)
 */
public record SignedHead(AuditChainId chain, long sequence, ChainHash head, Instant signedAt, byte[] signature, byte[] publicKey) {

    /** Copies the arrays. */
    public SignedHead {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(signedAt, "signedAt");
        if (sequence < 0) {
            throw new IllegalArgumentException("a chain head's sequence is 0 or more, not " + sequence);
        }
        signature = Objects.requireNonNull(signature, "signature").clone();
        publicKey = Objects.requireNonNull(publicKey, "publicKey").clone();
        signedAt = signedAt.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Signs a head: what an audit log implementation does in {@link AuditChain#signHead()}.
     *
     * @param key       an Ed25519 key pair's private half
     * @param publicKey its public half
     * @throws IllegalArgumentException if the key is not an Ed25519 key
     */
    public static SignedHead sign(AuditChainId chain, long sequence, ChainHash head, Instant signedAt, PrivateKey key, PublicKey publicKey) {
        Instant at = signedAt.truncatedTo(ChronoUnit.MICROS);
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(signedText(chain, sequence, head, at).getBytes(StandardCharsets.UTF_8));
            return new SignedHead(chain, sequence, head, at, s.sign(), publicKey.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key; the audit log needs an Ed25519 key: " + e.getMessage(), e);
        }
    }

    /** The exact text that is signed (see the type's description). */
    public String signedText() {
        return signedText(chain, sequence, head, signedAt);
    }

    /** Whether {@link #signature()} is a valid Ed25519 signature of {@link #signedText()} by {@link #publicKey()}. */
    public boolean signatureValid() {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(decodedPublicKey());
            s.update(signedText().getBytes(StandardCharsets.UTF_8));
            return s.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The public key as a JDK key.
     *
     * @throws IllegalArgumentException if the bytes are not an Ed25519 public key
     */
    public PublicKey decodedPublicKey() {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(publicKey));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    /** SHA-256 of the encoded public key, lower-case hex: what reports print and operators publish. */
    public String publicKeyFingerprint() {
        return fingerprint(publicKey);
    }

    /** SHA-256 of an encoded public key ({@link PublicKey#getEncoded()}), lower-case hex. */
    public static String fingerprint(byte[] encodedPublicKey) {
        return ChainHash.sha256(encodedPublicKey).hex();
    }

    /** A copy of the signature. */
    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /** A copy of the encoded public key. */
    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedHead other && chain.equals(other.chain) && sequence == other.sequence
                && head.equals(other.head) && signedAt.equals(other.signedAt)
                && MessageDigest.isEqual(signature, other.signature) && Arrays.equals(publicKey, other.publicKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(chain, sequence, head, signedAt, Arrays.hashCode(signature), Arrays.hashCode(publicKey));
    }

    /** A short description with the hex of hash and signature. */
    @Override
    public String toString() {
        return "SignedHead[" + chain + " #" + sequence + " " + head.hex() + " at " + signedAt
                + " sig " + HexFormat.of().formatHex(signature) + " key " + publicKeyFingerprint() + "]";
    }

    private static String signedText(AuditChainId chain, long sequence, ChainHash head, Instant at) {
        return JsonObject.builder()
                .put("chain", chain.toString())
                .put("head", head.hex())
                .put("seq", sequence)
                .put("signedAt", at.truncatedTo(ChronoUnit.MICROS).toString())
                .put("v", 1)
                .build()
                .toJson();
    }
}
