package org.plenum.voting.blind;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.HexFormat;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every step of {@link BlindRsa} against the published test vectors of RFC 9474, Appendix A, for both variants
 * the plugin offers: with the vector's prefix, salt and blinding inverse, Prepare, EMSA-PSS encoding, Blind,
 * BlindSign and Finalize must each give the RFC's bytes exactly. Interoperability with other implementations
 * (a browser library on the client side) rests on this, not on a round trip through our own code.
 */
class BlindRsaRfcVectorsTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final Properties VECTORS = load();

    @ParameterizedTest
    @EnumSource(BlindRsa.class)
    void everyProtocolStepGivesTheRfcsBytes(BlindRsa variant) throws Exception {
        String v = variant == BlindRsa.RANDOMIZED ? "randomized." : "deterministic.";
        KeyPair key = vectorKey();
        RSAPublicKey pk = (RSAPublicKey) key.getPublic();
        byte[] msg = hex("msg");
        byte[] salt = hex("salt");
        BigInteger inv = new BigInteger(1, hex("inv"));
        BigInteger r = inv.modInverse(pk.getModulus());

        BlindRsa.Prepared prepared = variant.prepare(msg, hex(v + "msg_prefix"));
        assertThat(prepared.message()).as("Prepare").isEqualTo(concat(hex(v + "msg_prefix"), msg));
        if (VECTORS.containsKey(v + "encoded_msg")) {
            byte[] encoded = BlindRsa.emsaPssEncode(prepared.message(), pk.getModulus().bitLength() - 1, salt);
            assertThat(HEX.formatHex(encoded)).as("EMSA-PSS-ENCODE").isEqualTo(VECTORS.getProperty(v + "encoded_msg"));
        }

        BlindRsa.Blinded blinded = variant.blind(pk, prepared.message(), salt, r);
        assertThat(HEX.formatHex(blinded.blindedMessage())).as("Blind").isEqualTo(VECTORS.getProperty(v + "blinded_msg"));
        assertThat(blinded.inverse()).as("the blinding inverse").isEqualTo(inv);

        byte[] blindSig = variant.blindSign(key, blinded.blindedMessage());
        assertThat(HEX.formatHex(blindSig)).as("BlindSign").isEqualTo(VECTORS.getProperty(v + "blind_sig"));

        byte[] sig = variant.finalize(pk, prepared.message(), blindSig, blinded.inverse());
        assertThat(HEX.formatHex(sig)).as("Finalize").isEqualTo(VECTORS.getProperty(v + "sig"));
        assertThat(variant.verify(pk, prepared.message(), hex(v + "sig"))).as("the RFC's signature verifies").isTrue();
    }

    @ParameterizedTest
    @EnumSource(BlindRsa.class)
    void theRfcsSignatureDoesNotVerifyForAnotherMessage(BlindRsa variant) {
        String v = variant == BlindRsa.RANDOMIZED ? "randomized." : "deterministic.";
        RSAPublicKey pk = (RSAPublicKey) vectorKey().getPublic();
        byte[] other = concat(hex(v + "msg_prefix"), hex("msg"));
        other[other.length - 1] ^= 1;
        assertThat(variant.verify(pk, other, hex(v + "sig"))).isFalse();
    }

    /** The vectors' 4096-bit key; p·q = n guards against a mistyped vector file. */
    private static KeyPair vectorKey() {
        BigInteger p = new BigInteger(1, hex("p"));
        BigInteger q = new BigInteger(1, hex("q"));
        BigInteger n = new BigInteger(1, hex("n"));
        BigInteger e = new BigInteger(1, hex("e"));
        BigInteger d = new BigInteger(1, hex("d"));
        assertThat(p.multiply(q)).as("p·q = n in the vector file").isEqualTo(n);
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            return new KeyPair(
                    rsa.generatePublic(new RSAPublicKeySpec(n, e)),
                    rsa.generatePrivate(new RSAPrivateCrtKeySpec(n, e, d, p, q,
                            d.mod(p.subtract(BigInteger.ONE)), d.mod(q.subtract(BigInteger.ONE)), q.modInverse(p))));
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static byte[] hex(String name) {
        String value = VECTORS.getProperty(name);
        if (value == null) {
            throw new IllegalArgumentException("no vector value '" + name + "'");
        }
        return HEX.parseHex(value);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static Properties load() {
        try (InputStream in = BlindRsaRfcVectorsTest.class.getResourceAsStream("rfc9474-appendix-a.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
