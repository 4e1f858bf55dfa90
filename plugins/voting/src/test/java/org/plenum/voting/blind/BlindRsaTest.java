package org.plenum.voting.blind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.engines.RSAEngine;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.junit.jupiter.api.Test;

/**
 * The RFC 9474 steps against independent implementations: every finalised signature must verify with the JDK's
 * RSASSA-PSS, and with a fixed salt the unblinded signature must be exactly what Bouncy Castle's PSS signer makes
 * for the same message — which can only hold if EMSA-PSS encoding, blinding and unblinding are all right.
 */
class BlindRsaTest {

    private static final KeyPair KEY = BlindRsa.generateKey(2048);
    private static final RSAPublicKey PK = (RSAPublicKey) KEY.getPublic();

    @Test
    void randomizedRoundTripVerifiesWithTheJdksPss() throws Exception {
        byte[] credential = BlindRsa.randomBytes(32);
        BlindRsa.Prepared prepared = BlindRsa.RANDOMIZED.prepare(credential);
        assertThat(prepared.prefix()).hasSize(32);
        BlindRsa.Blinded blinded = BlindRsa.RANDOMIZED.blind(PK, prepared.message());
        assertThat(blinded.blindedMessage()).hasSize(256).isNotEqualTo(prepared.message());
        byte[] blindSig = BlindRsa.RANDOMIZED.blindSign(KEY, blinded.blindedMessage());
        byte[] sig = BlindRsa.RANDOMIZED.finalize(PK, prepared.message(), blindSig, blinded.inverse());
        assertThat(BlindRsa.RANDOMIZED.verify(PK, prepared.message(), sig)).isTrue();
        assertThat(BlindRsa.RANDOMIZED.verify(PK, credential, sig)).as("the prefix is part of what is signed").isFalse();
    }

    @Test
    void deterministicRoundTripVerifies() throws Exception {
        byte[] msg = "ballot credential".getBytes();
        BlindRsa.Prepared prepared = BlindRsa.DETERMINISTIC.prepare(msg);
        assertThat(prepared.message()).isEqualTo(msg);
        BlindRsa.Blinded blinded = BlindRsa.DETERMINISTIC.blind(PK, prepared.message());
        byte[] sig = BlindRsa.DETERMINISTIC.finalize(PK, msg, BlindRsa.DETERMINISTIC.blindSign(KEY, blinded.blindedMessage()), blinded.inverse());
        assertThat(BlindRsa.DETERMINISTIC.verify(PK, msg, sig)).isTrue();
    }

    @Test
    void withAFixedSaltTheUnblindedSignatureEqualsBouncyCastlesPssSignature() throws Exception {
        byte[] salt = new byte[48];
        for (int i = 0; i < salt.length; i++) {
            salt[i] = (byte) i;
        }
        byte[] msg = BlindRsa.RANDOMIZED.prepare("x".getBytes(), new byte[32]).message();
        BlindRsa.Blinded blinded = BlindRsa.RANDOMIZED.blind(PK, msg, salt, BigInteger.valueOf(65_537).pow(7));
        byte[] ours = BlindRsa.RANDOMIZED.finalize(PK, msg, BlindRsa.RANDOMIZED.blindSign(KEY, blinded.blindedMessage()), blinded.inverse());

        RSAPrivateCrtKey sk = (RSAPrivateCrtKey) KEY.getPrivate();
        PSSSigner bc = new PSSSigner(new RSAEngine(), new SHA384Digest(), new SHA384Digest(), salt);
        bc.init(true, new RSAKeyParameters(true, sk.getModulus(), sk.getPrivateExponent()));
        bc.update(msg, 0, msg.length);
        assertThat(ours).isEqualTo(bc.generateSignature());
    }

    @Test
    void theSignerNeverSeesTheMessage() throws Exception {
        byte[] msg = BlindRsa.RANDOMIZED.prepare(BlindRsa.randomBytes(32)).message();
        byte[] a = BlindRsa.RANDOMIZED.blind(PK, msg).blindedMessage();
        byte[] b = BlindRsa.RANDOMIZED.blind(PK, msg).blindedMessage();
        assertThat(a).as("fresh salt and blinding factor each time").isNotEqualTo(b);
    }

    @Test
    void aTamperedSignatureOrMessageDoesNotVerify() throws Exception {
        byte[] msg = BlindRsa.RANDOMIZED.prepare(BlindRsa.randomBytes(32)).message();
        BlindRsa.Blinded blinded = BlindRsa.RANDOMIZED.blind(PK, msg);
        byte[] sig = BlindRsa.RANDOMIZED.finalize(PK, msg, BlindRsa.RANDOMIZED.blindSign(KEY, blinded.blindedMessage()), blinded.inverse());
        byte[] bad = sig.clone();
        bad[10] ^= 1;
        assertThat(BlindRsa.RANDOMIZED.verify(PK, msg, bad)).isFalse();
        byte[] other = msg.clone();
        other[0] ^= 1;
        assertThat(BlindRsa.RANDOMIZED.verify(PK, other, sig)).isFalse();
        assertThatThrownBy(() -> BlindRsa.RANDOMIZED.finalize(PK, msg, bad, blinded.inverse()))
                .isInstanceOf(BlindRsa.BlindSignatureException.class);
    }

    @Test
    void blindSignRefusesWrongSizesAndValuesAboveTheModulus() {
        assertThatThrownBy(() -> BlindRsa.RANDOMIZED.blindSign(KEY, new byte[10])).isInstanceOf(BlindRsa.BlindSignatureException.class);
        byte[] tooBig = new byte[256];
        java.util.Arrays.fill(tooBig, (byte) 0xff);
        assertThatThrownBy(() -> BlindRsa.RANDOMIZED.blindSign(KEY, tooBig)).hasMessageContaining("out of range");
    }
}
