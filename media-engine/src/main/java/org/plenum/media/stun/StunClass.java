package org.plenum.media.stun;

/** The four STUN message classes (RFC 8489 §5), with the two class bits C1 C0 they encode as. */
public enum StunClass {
    REQUEST(0b00),
    INDICATION(0b01),
    SUCCESS_RESPONSE(0b10),
    ERROR_RESPONSE(0b11);

    private final int bits;

    StunClass(int bits) {
        this.bits = bits;
    }

    /** The class as the two bits C1 C0. */
    public int bits() {
        return bits;
    }

    static StunClass ofBits(int bits) {
        return switch (bits & 0b11) {
            case 0b00 -> REQUEST;
            case 0b01 -> INDICATION;
            case 0b10 -> SUCCESS_RESPONSE;
            default -> ERROR_RESPONSE;
        };
    }
}
