package org.plenum.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AesCounterKeystreamTest {

    // RFC 3711 Appendix B.2
    private static final byte[] SESSION_KEY = Hex.bytes("2B7E151628AED2A6ABF7158809CF4F3C");
    private static final byte[] COUNTER_0 = Hex.bytes("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000");

    @Test
    void firstKeystreamBlocksMatchRfc3711AppendixB2() {
        byte[] zeros = new byte[48];
        new AesCounterKeystream(SESSION_KEY).apply(COUNTER_0, zeros, 0, zeros.length);

        assertThat(Hex.of(zeros, 0, 48)).isEqualToIgnoringCase(
                "E03EAD0935C95E80E166B16DD92B4EB4"
                        + "D23513162B02D0F72A43A2FE4A5F97AB"
                        + "41E95B3BB0A2E8DD477901E4FCA894C0");
    }

    @Test
    void keystreamBlocksFEFFToFF01MatchRfc3711AppendixB2() {
        byte[] zeros = new byte[0xFF02 * 16];
        new AesCounterKeystream(SESSION_KEY).apply(COUNTER_0, zeros, 0, zeros.length);

        assertThat(Hex.of(zeros, 0xFEFF * 16, 48)).isEqualToIgnoringCase(
                "EC8CDF7398607CB0F2D21675EA9EA1E4"
                        + "362B7C3C6773516318A077D7FC5073AE"
                        + "6A2CC3787889374FBEB4C81B17BA6C44");
    }

    @Test
    void oddLengthsAndOffsetsUseTheSameKeystream() {
        byte[] whole = new byte[48];
        AesCounterKeystream ks = new AesCounterKeystream(SESSION_KEY);
        ks.apply(COUNTER_0, whole, 0, 48);

        byte[] part = new byte[40];
        ks.apply(COUNTER_0, part, 3, 37);

        assertThat(Hex.of(part, 3, 37)).isEqualTo(Hex.of(whole, 0, 37));
        assertThat(part[0]).isZero();
    }

    @Test
    void counterCarriesAcrossTheLow64Bits() {
        byte[] iv = Hex.bytes("00000000000000FFFFFFFFFFFFFFFFFF");
        byte[] twoBlocks = new byte[32];
        AesCounterKeystream ks = new AesCounterKeystream(SESSION_KEY);
        ks.apply(iv, twoBlocks, 0, 32);

        byte[] second = new byte[16];
        ks.apply(Hex.bytes("00000000000001000000000000000000"), second, 0, 16);

        assertThat(Hex.of(twoBlocks, 16, 16)).isEqualTo(Hex.of(second, 0, 16));
    }
}
