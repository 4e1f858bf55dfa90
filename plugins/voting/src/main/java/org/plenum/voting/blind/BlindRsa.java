package org.plenum.voting.blind;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Objects;

/**
 * RSA blind signatures after RFC 9474, section 4 (protocol) and 5 (variants), for SHA-384, MGF1-SHA-384 and a
 * 48-byte PSS salt. A blind signature lets the server sign a voter's ballot credential without seeing it; the
 * signature that comes out is an ordinary RSASSA-PSS signature anyone can check with the public key.
 * {@snippet :
 * BlindRsa rsa = BlindRsa.RANDOMIZED;
 * KeyPair key = BlindRsa.generateKey(3072);                        // server, per vote
 * byte[] credential = BlindRsa.randomBytes(32);                    // client: the ballot credential
 * BlindRsa.Prepared prepared = rsa.prepare(credential);           // + 32-byte random prefix
 * BlindRsa.Blinded blinded = rsa.blind(publicKey, prepared.message());
 * byte[] blindSig = rsa.blindSign(key, blinded.blindedMessage()); // server: sees only the blinded message
 * byte[] sig = rsa.finalize(publicKey, prepared.message(), blindSig, blinded.inverse());
 * boolean ok = rsa.verify(publicKey, prepared.message(), sig);   // anyone, later
 * }
 */
public enum BlindRsa {

    /** RSABSSA-SHA384-PSS-Randomized: a 32-byte random prefix before the message, 48-byte salt. Recommended. */
    RANDOMIZED("RSABSSA-SHA384-PSS-Randomized", true),
    /** RSABSSA-SHA384-PSS-Deterministic: the message as it is, 48-byte salt. */
    DETERMINISTIC("RSABSSA-SHA384-PSS-Deterministic", false);

    /** Hash length of SHA-384, and the salt length of both variants. */
    public static final int HASH_LENGTH = 48;
    /** The length of the random message prefix of the randomized variant (RFC 9474, 4.1). */
    public static final int PREFIX_LENGTH = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String rfcName;
    private final boolean randomized;

    BlindRsa(String rfcName, boolean randomized) {
        this.rfcName = rfcName;
        this.randomized = randomized;
    }

    /** The variant's name in RFC 9474, e.g. {@code RSABSSA-SHA384-PSS-Randomized}. */
    public String rfcName() {
        return rfcName;
    }

    /** The variant with this RFC name. @throws IllegalArgumentException for another name */
    public static BlindRsa byRfcName(String name) {
        for (BlindRsa v : values()) {
            if (v.rfcName.equals(name)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown RFC 9474 variant '" + name + "'; known: RSABSSA-SHA384-PSS-Randomized, "
                + "RSABSSA-SHA384-PSS-Deterministic");
    }

    /**
     * A message ready for blinding (RFC 9474, 4.1 Prepare).
     *
     * @param prefix  the random prefix (empty for the deterministic variant)
     * @param message prefix || original message: what is blinded, signed and verified
     */
    public record Prepared(byte[] prefix, byte[] message) {
    }

    /**
     * The client's blinding result (4.2 Blind).
     *
     * @param blindedMessage what the server signs
     * @param inverse        r⁻¹ mod n, the client's secret to unblind with
     */
    public record Blinded(byte[] blindedMessage, BigInteger inverse) {
    }

    /** Thrown when a protocol step fails (the RFC's "raise ... error"). */
    public static final class BlindSignatureException extends Exception {
        private static final long serialVersionUID = 1L;

        BlindSignatureException(String message) {
            super(message, null, false, false);
        }
    }

    /** A new RSA key pair with public exponent 65537; RFC 9474 asks for at least 2048 bits. */
    public static KeyPair generateKey(int modulusBits) {
        if (modulusBits < 2048) {
            throw new IllegalArgumentException("RSA blind signature keys need at least 2048 bits, not " + modulusBits);
        }
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(new RSAKeyGenParameterSpec(modulusBits, RSAKeyGenParameterSpec.F4), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate RSA keys: " + e.getMessage(), e);
        }
    }

    /** Cryptographically random bytes. */
    public static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** 4.1 Prepare: prefix the message with 32 random bytes (randomized) or leave it (deterministic). */
    public Prepared prepare(byte[] message) {
        return prepare(message, randomized ? randomBytes(PREFIX_LENGTH) : new byte[0]);
    }

    /** 4.1 Prepare with a given prefix (for test vectors). */
    public Prepared prepare(byte[] message, byte[] prefix) {
        if (prefix.length != (randomized ? PREFIX_LENGTH : 0)) {
            throw new IllegalArgumentException(rfcName + " needs a prefix of " + (randomized ? PREFIX_LENGTH : 0) + " bytes");
        }
        return new Prepared(prefix.clone(), concat(prefix, message));
    }

    /** 4.2 Blind, with a random salt and blinding factor. */
    public Blinded blind(RSAPublicKey pk, byte[] preparedMessage) throws BlindSignatureException {
        return blind(pk, preparedMessage, randomBytes(HASH_LENGTH), null);
    }

    /**
     * 4.2 Blind with a given salt and, if not null, a given blinding factor r (for tests).
     *
     * @throws BlindSignatureException if the encoded message is not coprime to n or r is not invertible
     */
    public Blinded blind(RSAPublicKey pk, byte[] preparedMessage, byte[] salt, BigInteger r) throws BlindSignatureException {
        BigInteger n = pk.getModulus();
        int modLen = modulusLength(pk);
        byte[] encoded = emsaPssEncode(preparedMessage, n.bitLength() - 1, salt);
        BigInteger m = new BigInteger(1, encoded);
        if (!m.gcd(n).equals(BigInteger.ONE)) {
            throw new BlindSignatureException("invalid input: the encoded message is not coprime to the modulus");
        }
        BigInteger factor = r;
        while (factor == null) {
            BigInteger candidate = new BigInteger(n.bitLength(), RANDOM);
            if (candidate.signum() > 0 && candidate.compareTo(n) < 0 && candidate.gcd(n).equals(BigInteger.ONE)) {
                factor = candidate;
            }
        }
        BigInteger inverse;
        try {
            inverse = factor.modInverse(n);
        } catch (ArithmeticException e) {
            throw new BlindSignatureException("invalid blind: the blinding factor is not invertible");
        }
        BigInteger x = factor.modPow(pk.getPublicExponent(), n);
        BigInteger z = m.multiply(x).mod(n);
        return new Blinded(intToBytes(z, modLen), inverse);
    }

    /**
     * 4.3 BlindSign: RSASP1 on the blinded message, checked with RSAVP1 before it is returned (a fault-attack
     * guard the RFC requires).
     *
     * @throws BlindSignatureException for a message that is not an integer below n of the modulus length
     */
    public byte[] blindSign(KeyPair key, byte[] blindedMessage) throws BlindSignatureException {
        RSAPrivateCrtKey sk = (RSAPrivateCrtKey) key.getPrivate();
        RSAPublicKey pk = (RSAPublicKey) key.getPublic();
        int modLen = modulusLength(pk);
        if (blindedMessage.length != modLen) {
            throw new BlindSignatureException("the blinded message must be " + modLen + " bytes, not " + blindedMessage.length);
        }
        BigInteger m = new BigInteger(1, blindedMessage);
        BigInteger n = pk.getModulus();
        if (m.compareTo(n) >= 0) {
            throw new BlindSignatureException("message representative out of range");
        }
        BigInteger s = m.modPow(sk.getPrivateExponent(), n);
        if (!s.modPow(pk.getPublicExponent(), n).equals(m)) {
            throw new BlindSignatureException("signing failure");
        }
        return intToBytes(s, modLen);
    }

    /** 4.4 Finalize: unblind and verify. @throws BlindSignatureException if the result does not verify */
    public byte[] finalize(RSAPublicKey pk, byte[] preparedMessage, byte[] blindSignature, BigInteger inverse)
            throws BlindSignatureException {
        int modLen = modulusLength(pk);
        if (blindSignature.length != modLen) {
            throw new BlindSignatureException("unexpected input size: the blind signature must be " + modLen + " bytes");
        }
        BigInteger z = new BigInteger(1, blindSignature);
        BigInteger s = z.multiply(inverse).mod(pk.getModulus());
        byte[] sig = intToBytes(s, modLen);
        if (!verify(pk, preparedMessage, sig)) {
            throw new BlindSignatureException("invalid signature: the unblinded signature does not verify");
        }
        return sig;
    }

    /** RSASSA-PSS-VERIFY (SHA-384, MGF1-SHA-384, 48-byte salt) by the JDK's implementation. */
    public boolean verify(RSAPublicKey pk, byte[] preparedMessage, byte[] signature) {
        try {
            Signature v = Signature.getInstance("RSASSA-PSS");
            v.setParameter(new PSSParameterSpec("SHA-384", "MGF1", MGF1ParameterSpec.SHA384, HASH_LENGTH, 1));
            v.initVerify(pk);
            v.update(preparedMessage);
            return v.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** EMSA-PSS-ENCODE (RFC 8017, 9.1.1) with SHA-384 and MGF1-SHA-384. */
    static byte[] emsaPssEncode(byte[] message, int emBits, byte[] salt) {
        int emLen = (emBits + 7) / 8;
        int sLen = salt.length;
        byte[] mHash = sha384(message);
        if (emLen < HASH_LENGTH + sLen + 2) {
            throw new IllegalArgumentException("encoding error: the key is too small for SHA-384 and a " + sLen + "-byte salt");
        }
        byte[] mPrime = concat(new byte[8], mHash, salt);
        byte[] h = sha384(mPrime);
        byte[] db = new byte[emLen - HASH_LENGTH - 1];
        db[emLen - sLen - HASH_LENGTH - 2] = 0x01;
        System.arraycopy(salt, 0, db, db.length - sLen, sLen);
        byte[] mask = mgf1(h, db.length);
        for (int i = 0; i < db.length; i++) {
            db[i] ^= mask[i];
        }
        int clearBits = 8 * emLen - emBits;
        db[0] &= (byte) (0xff >>> clearBits);
        byte[] em = new byte[emLen];
        System.arraycopy(db, 0, em, 0, db.length);
        System.arraycopy(h, 0, em, db.length, HASH_LENGTH);
        em[emLen - 1] = (byte) 0xbc;
        return em;
    }

    private static byte[] mgf1(byte[] seed, int length) {
        byte[] out = new byte[length];
        int done = 0;
        for (int counter = 0; done < length; counter++) {
            byte[] c = {(byte) (counter >>> 24), (byte) (counter >>> 16), (byte) (counter >>> 8), (byte) counter};
            byte[] block = sha384(concat(seed, c));
            int n = Math.min(block.length, length - done);
            System.arraycopy(block, 0, out, done, n);
            done += n;
        }
        return out;
    }

    /** The modulus length in bytes. */
    public static int modulusLength(RSAPublicKey pk) {
        return (pk.getModulus().bitLength() + 7) / 8;
    }

    /** I2OSP. */
    static byte[] intToBytes(BigInteger x, int length) {
        byte[] raw = x.toByteArray();
        if (raw.length == length) {
            return raw;
        }
        if (raw.length == length + 1 && raw[0] == 0) {
            return Arrays.copyOfRange(raw, 1, raw.length);
        }
        if (raw.length > length) {
            throw new IllegalArgumentException("integer too large");
        }
        byte[] out = new byte[length];
        System.arraycopy(raw, 0, out, length - raw.length, raw.length);
        return out;
    }

    /** A public key from its X.509 (SubjectPublicKeyInfo) encoding. */
    public static RSAPublicKey publicKey(byte[] encoded) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not an RSA public key: " + e.getMessage(), e);
        }
    }

    /** A key pair from the encodings of its halves (PKCS#8 and X.509). */
    public static KeyPair keyPair(byte[] publicKey, byte[] privateKeyPkcs8) {
        try {
            return new KeyPair(publicKey(publicKey), KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(privateKeyPkcs8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA private key: " + e.getMessage(), e);
        }
    }

    static byte[] sha384(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-384").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-384", e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += Objects.requireNonNull(p).length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
