package org.plenum.media.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.plenum.media.stun.Rfc5769Vectors.SAMPLE_REQUEST;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HostileStunInputTest {

    private static final byte[] TID = Rfc5769Vectors.hex("0102030405060708090a0b0c");

    private static StunMessage parse(byte[] b) throws StunParseException {
        return StunMessage.parse(b, 0, b.length);
    }

    /** A binding request header declaring {@code declaredLength}, followed by {@code body}. */
    private static byte[] message(int declaredLength, byte[] body) {
        byte[] b = new byte[20 + body.length];
        b[1] = 0x01;
        b[2] = (byte) (declaredLength >>> 8);
        b[3] = (byte) declaredLength;
        b[4] = 0x21;
        b[5] = 0x12;
        b[6] = (byte) 0xa4;
        b[7] = 0x42;
        System.arraycopy(TID, 0, b, 8, 12);
        System.arraycopy(body, 0, b, 20, body.length);
        return b;
    }

    @Test
    void everyTruncationOfAValidMessageIsRefused() {
        for (int len = 0; len < SAMPLE_REQUEST.length; len++) {
            int n = len;
            assertThatThrownBy(() -> StunMessage.parse(SAMPLE_REQUEST, 0, n))
                    .as("length %d", n).isInstanceOf(StunParseException.class);
        }
    }

    @Test
    void truncatedHeaderIsRefused() {
        assertThatThrownBy(() -> parse(Arrays.copyOf(SAMPLE_REQUEST, 19)))
                .isInstanceOf(StunParseException.class).hasMessageContaining("shorter than a STUN header");
        assertThatThrownBy(() -> parse(new byte[0])).isInstanceOf(StunParseException.class);
    }

    @Test
    void wrongMagicCookieIsRefused() {
        byte[] b = SAMPLE_REQUEST.clone();
        b[5] ^= 1;
        assertThatThrownBy(() -> parse(b)).isInstanceOf(StunParseException.class).hasMessageContaining("cookie");
        assertThat(StunMessage.looksLikeStun(b, 0, b.length)).isFalse();
    }

    @Test
    void nonZeroLeadingBitsAreRefused() {
        byte[] b = SAMPLE_REQUEST.clone();
        b[0] = (byte) 0x80; // RTP's first byte
        assertThatThrownBy(() -> parse(b)).isInstanceOf(StunParseException.class);
        assertThat(StunMessage.looksLikeStun(b, 0, b.length)).isFalse();
    }

    @Test
    void declaredLengthLongerThanTheDatagramIsRefused() {
        byte[] b = message(0xFFFC, new byte[8]);
        assertThatThrownBy(() -> parse(b)).isInstanceOf(StunParseException.class)
                .hasMessageContaining("does not match");
    }

    @Test
    void declaredLengthNotAMultipleOfFourIsRefused() {
        byte[] b = message(6, new byte[6]);
        assertThatThrownBy(() -> parse(b)).isInstanceOf(StunParseException.class)
                .hasMessageContaining("multiple of 4");
    }

    @Test
    void attributeRunningPastTheEndIsRefused() {
        // USERNAME declaring 9 bytes where only 4 follow.
        byte[] b = message(8, Rfc5769Vectors.hex("0006 0009 61626364"));
        assertThatThrownBy(() -> parse(b)).isInstanceOf(StunParseException.class)
                .hasMessageContaining("only 4 remain");
    }

    @Test
    void hugeAttributeLengthIsRefused() {
        byte[] b = message(8, Rfc5769Vectors.hex("8022 FFFF 61626364"));
        assertThatThrownBy(() -> parse(b)).isInstanceOf(StunParseException.class);
    }

    @Test
    void attributeWithoutItsPaddingIsRefused() {
        // A 5-byte SOFTWARE value followed directly by the next attribute: the walk lands inside it.
        byte[] b = message(16, Rfc5769Vectors.hex("8022 0005 6162636465 8022 0003 78797a"));
        assertThatThrownBy(() -> parse(b)).isInstanceOf(StunParseException.class);
    }

    @Test
    void truncatedAttributeHeaderIsRefused() {
        byte[] b = message(8, Rfc5769Vectors.hex("0025 0000 8022"));
        assertThatThrownBy(() -> StunMessage.parse(b, 0, b.length)).isInstanceOf(StunParseException.class);
    }

    @Test
    void wrongSizedIceAttributesAreRefused() {
        assertThatThrownBy(() -> parse(message(8, Rfc5769Vectors.hex("0024 0003 01020300"))))
                .isInstanceOf(StunParseException.class).hasMessageContaining("0x0024");
        assertThatThrownBy(() -> parse(message(8, Rfc5769Vectors.hex("0025 0004 00000000"))))
                .isInstanceOf(StunParseException.class);
        assertThatThrownBy(() -> parse(message(8, Rfc5769Vectors.hex("802A 0004 00000000"))))
                .isInstanceOf(StunParseException.class);
        assertThatThrownBy(() -> parse(message(12, Rfc5769Vectors.hex("0020 0008 0003 0000 00000000"))))
                .isInstanceOf(StunParseException.class).hasMessageContaining("family");
        assertThatThrownBy(() -> parse(message(12, Rfc5769Vectors.hex("0020 0008 0002 0000 00000000"))))
                .isInstanceOf(StunParseException.class);
        assertThatThrownBy(() -> parse(message(8, Rfc5769Vectors.hex("0009 0004 0000 0163"))))
                .isInstanceOf(StunParseException.class).hasMessageContaining("ERROR-CODE");
    }

    @Test
    void oversizedUsernameIsRefused() {
        byte[] value = new byte[516];
        Arrays.fill(value, (byte) 'a');
        byte[] body = new byte[4 + 516];
        body[0] = 0x00;
        body[1] = 0x06;
        body[2] = (byte) (516 >>> 8);
        body[3] = (byte) 516;
        System.arraycopy(value, 0, body, 4, value.length);
        assertThatThrownBy(() -> parse(message(body.length, body))).isInstanceOf(StunParseException.class)
                .hasMessageContaining("USERNAME");
    }

    @Test
    void duplicateAttributesAnswerWithTheFirstOccurrence() throws Exception {
        byte[] b = new StunMessageBuilder(StunMessage.BINDING, StunClass.REQUEST, TID)
                .username("first:one")
                .username("second:two")
                .priority(1)
                .priority(2)
                .encode();
        StunMessage m = parse(b);
        assertThat(m.username()).contains("first:one");
        assertThat(m.priority()).hasValue(1);
        assertThat(m.attributes()).hasSize(4);
    }

    @Test
    void attributesAfterMessageIntegrityAreIgnored() throws Exception {
        byte[] key = "key".getBytes(StandardCharsets.UTF_8);
        byte[] signed = new StunMessageBuilder(StunMessage.BINDING, StunClass.REQUEST, TID)
                .username("a:b").messageIntegrity(key).encode();
        // Smuggle USE-CANDIDATE after the integrity and fix the length: it must not count.
        byte[] smuggled = Arrays.copyOf(signed, signed.length + 4);
        smuggled[signed.length + 1] = 0x25;
        smuggled[3] = (byte) (smuggled.length - 20);

        StunMessage m = parse(smuggled);
        assertThat(m.useCandidate()).isFalse();
        assertThat(m.verifyIntegrity(key)).isTrue();
    }

    @Test
    void attributeAfterFingerprintIsRefused() {
        byte[] fp = new StunMessageBuilder(StunMessage.BINDING, StunClass.REQUEST, TID).fingerprint().encode();
        byte[] b = Arrays.copyOf(fp, fp.length + 4);
        b[fp.length + 1] = 0x25;
        b[3] = (byte) (b.length - 20);
        assertThatThrownBy(() -> parse(b)).isInstanceOf(StunParseException.class)
                .hasMessageContaining("after FINGERPRINT");
    }

    @Test
    void offsetsOutsideTheBufferAreACallerBugNotAParseResult() {
        assertThatThrownBy(() -> StunMessage.parse(new byte[10], 5, 10))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(StunMessage.looksLikeStun(new byte[10], 5, 10)).isFalse();
        assertThat(StunMessage.looksLikeStun(SAMPLE_REQUEST, 0, SAMPLE_REQUEST.length)).isTrue();
    }

    @Test
    void randomBuffersOnlyEverYieldTheParseException() {
        Random random = new Random(5769);
        int parsed = 0;
        for (int i = 0; i < 10_000; i++) {
            byte[] b = new byte[random.nextInt(120)];
            random.nextBytes(b);
            if (i % 2 == 0 && b.length >= 20) {
                // Half of them get a plausible header so the attribute walk is exercised too.
                b[0] &= 0x03;
                b[2] = 0;
                b[3] = (byte) ((b.length - 20) & ~3);
                b[4] = 0x21;
                b[5] = 0x12;
                b[6] = (byte) 0xa4;
                b[7] = 0x42;
            }
            parsed += parsesOrRefuses(b);
        }
        assertThat(parsed).isGreaterThan(0);
    }

    @Test
    void mutatedValidMessagesOnlyEverYieldTheParseException() {
        Random random = new Random(8489);
        for (int i = 0; i < 10_000; i++) {
            byte[] b = SAMPLE_REQUEST.clone();
            for (int k = random.nextInt(4) + 1; k > 0; k--) {
                b[20 + random.nextInt(b.length - 20)] = (byte) random.nextInt(256);
            }
            parsesOrRefuses(b);
        }
    }

    /** Parses and touches every accessor; returns 1 if it parsed. Any exception but the parse exception fails. */
    private static int parsesOrRefuses(byte[] b) {
        try {
            StunMessage m = StunMessage.parse(b, 0, b.length);
            m.attributes();
            m.username();
            m.priority();
            m.useCandidate();
            m.iceControlled();
            m.iceControlling();
            m.xorMappedAddress();
            m.errorCode();
            m.unknownComprehensionRequired();
            m.verifyIntegrity(new byte[] {1, 2, 3});
            m.verifyFingerprint();
            return 1;
        } catch (StunParseException expected) {
            return 0;
        }
    }
}
