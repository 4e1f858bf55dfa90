package org.plenum.media.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.plenum.media.stun.Rfc5769Vectors.SAMPLE_IPV4_RESPONSE;
import static org.plenum.media.stun.Rfc5769Vectors.SAMPLE_IPV6_RESPONSE;
import static org.plenum.media.stun.Rfc5769Vectors.SAMPLE_LONG_TERM_REQUEST;
import static org.plenum.media.stun.Rfc5769Vectors.SAMPLE_REQUEST;
import static org.plenum.media.stun.Rfc5769Vectors.SHORT_TERM_PASSWORD;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Rfc5769VectorsTest {

    private static final byte[] KEY = SHORT_TERM_PASSWORD.getBytes(StandardCharsets.UTF_8);

    @Test
    void sampleRequestParsesWithItsIceAttributes() throws Exception {
        StunMessage m = StunMessage.parse(SAMPLE_REQUEST, 0, SAMPLE_REQUEST.length);

        assertThat(m.isBindingRequest()).isTrue();
        assertThat(m.transactionId()).isEqualTo(Rfc5769Vectors.hex("b7e7a701bc34d686fa87dfae"));
        assertThat(m.username()).contains("evtj:h6vY");
        assertThat(m.priority()).hasValue(0x6e0001ffL);
        assertThat(m.iceControlled()).hasValue(0x932ff9b151263b36L);
        assertThat(m.iceControlling()).isEmpty();
        assertThat(m.useCandidate()).isFalse();
        assertThat(m.attribute(StunAttribute.SOFTWARE).map(b -> new String(b, StandardCharsets.UTF_8)))
                .contains("STUN test client");
        assertThat(m.unknownComprehensionRequired()).isEmpty();
    }

    @Test
    void sampleRequestIntegrityAndFingerprintVerify() throws Exception {
        StunMessage m = StunMessage.parse(SAMPLE_REQUEST, 0, SAMPLE_REQUEST.length);

        assertThat(m.verifyFingerprint()).isTrue();
        assertThat(m.verifyIntegrity(KEY)).isTrue();
        assertThat(m.verifyIntegrity("VOkJxbRl1RmTxUk/WvJxBu".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void sampleRequestReencodesByteForByte() throws Exception {
        StunMessage m = StunMessage.parse(SAMPLE_REQUEST, 0, SAMPLE_REQUEST.length);

        byte[] encoded = new StunMessageBuilder(StunMessage.BINDING, StunClass.REQUEST, m.transactionId())
                .paddingByte(' ')
                .software("STUN test client")
                .priority(m.priority().orElseThrow())
                .iceControlled(m.iceControlled().orElseThrow())
                .username("evtj:h6vY")
                .messageIntegrity(KEY)
                .fingerprint()
                .encode();

        assertThat(encoded).isEqualTo(SAMPLE_REQUEST);
    }

    @Test
    void sampleIpv4ResponseParsesAndReencodesByteForByte() throws Exception {
        StunMessage m = StunMessage.parse(SAMPLE_IPV4_RESPONSE, 0, SAMPLE_IPV4_RESPONSE.length);

        InetSocketAddress mapped = new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853);
        assertThat(m.messageClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        assertThat(m.method()).isEqualTo(StunMessage.BINDING);
        assertThat(m.xorMappedAddress()).contains(mapped);
        assertThat(m.verifyIntegrity(KEY)).isTrue();
        assertThat(m.verifyFingerprint()).isTrue();

        byte[] encoded = new StunMessageBuilder(StunMessage.BINDING, StunClass.SUCCESS_RESPONSE, m.transactionId())
                .paddingByte(' ')
                .software("test vector")
                .xorMappedAddress(mapped)
                .messageIntegrity(KEY)
                .fingerprint()
                .encode();
        assertThat(encoded).isEqualTo(SAMPLE_IPV4_RESPONSE);
    }

    @Test
    void sampleIpv6ResponseParsesAndReencodesByteForByte() throws Exception {
        StunMessage m = StunMessage.parse(SAMPLE_IPV6_RESPONSE, 0, SAMPLE_IPV6_RESPONSE.length);

        InetSocketAddress mapped = new InetSocketAddress(
                InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853);
        assertThat(m.xorMappedAddress()).contains(mapped);
        assertThat(m.verifyIntegrity(KEY)).isTrue();
        assertThat(m.verifyFingerprint()).isTrue();

        byte[] encoded = StunMessageBuilder.successResponse(
                        StunMessage.parse(SAMPLE_REQUEST, 0, SAMPLE_REQUEST.length))
                .paddingByte(' ')
                .software("test vector")
                .xorMappedAddress(mapped)
                .messageIntegrity(KEY)
                .fingerprint()
                .encode();
        assertThat(encoded).isEqualTo(SAMPLE_IPV6_RESPONSE);
    }

    @Test
    void longTermRequestParsesAndVerifiesWithTheMd5Key() throws Exception {
        StunMessage m = StunMessage.parse(SAMPLE_LONG_TERM_REQUEST, 0, SAMPLE_LONG_TERM_REQUEST.length);

        assertThat(m.username()).contains("\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9");
        assertThat(m.attribute(StunAttribute.REALM).map(b -> new String(b, StandardCharsets.UTF_8)))
                .contains("example.org");
        assertThat(m.attribute(StunAttribute.NONCE).map(b -> new String(b, StandardCharsets.UTF_8)))
                .contains("f//499k954d6OL34oL9FSTvy64sA");
        assertThat(m.hasFingerprint()).isFalse();
        assertThat(m.verifyFingerprint()).isFalse();

        byte[] key = MessageDigest.getInstance("MD5").digest(
                (m.username().orElseThrow() + ":example.org:TheMatrIX").getBytes(StandardCharsets.UTF_8));
        assertThat(m.verifyIntegrity(key)).isTrue();
        assertThat(m.verifyIntegrity(KEY)).isFalse();
    }

    @Test
    void vectorsParseAtAnOffsetInsideALargerBuffer() throws Exception {
        byte[] pooled = new byte[SAMPLE_REQUEST.length + 64];
        Arrays.fill(pooled, (byte) 0x77);
        System.arraycopy(SAMPLE_REQUEST, 0, pooled, 17, SAMPLE_REQUEST.length);

        StunMessage m = StunMessage.parse(pooled, 17, SAMPLE_REQUEST.length);
        Arrays.fill(pooled, (byte) 0); // the message must not depend on the caller's buffer afterwards

        assertThat(m.verifyIntegrity(KEY)).isTrue();
        assertThat(m.verifyFingerprint()).isTrue();
        assertThat(m.toBytes()).isEqualTo(SAMPLE_REQUEST);
    }

    @Test
    void anyFlippedBitBreaksIntegrityOrFingerprint() throws Exception {
        for (int i = 0; i < SAMPLE_REQUEST.length * 8; i++) {
            byte[] copy = SAMPLE_REQUEST.clone();
            copy[i / 8] ^= (byte) (1 << (i % 8));
            StunMessage m;
            try {
                m = StunMessage.parse(copy, 0, copy.length);
            } catch (StunParseException e) {
                continue;
            }
            assertThat(m.verifyIntegrity(KEY) && m.verifyFingerprint()).as("bit %d", i).isFalse();
        }
    }
}
