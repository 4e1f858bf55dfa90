package org.plenum.media.stun;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A parsed STUN message (RFC 8489): method, class, transaction id and attributes.
 *
 * <p>{@link #parse} copies the message out of the caller's buffer, so the result is immutable and the
 * buffer may be reused at once. Every length in the input is bounds-checked; anything malformed is a
 * {@link StunParseException}, never an index exception. Known attributes with a fixed size are
 * checked for that size while parsing, so the accessors below never fail.
 *
 * <p>When an attribute occurs more than once, the accessors return the first occurrence, as RFC 8489 §5
 * says a receiver need only process the first. Attributes after MESSAGE-INTEGRITY other than FINGERPRINT
 * (and MESSAGE-INTEGRITY-SHA256) are ignored, as §14.5 requires; anything after FINGERPRINT is malformed.
 *
 * <pre>{@code
 * StunMessage request = StunMessage.parse(buf, off, len);
 * if (request.verifyFingerprint() && request.verifyIntegrity(pwd.getBytes(UTF_8))) { ... }
 * }</pre>
 *
 * Instances are immutable and safe to share between threads.
 */
public final class StunMessage {

    /** The fixed value in bytes 4..7 of every RFC 5389/8489 message. */
    public static final int MAGIC_COOKIE = 0x2112A442;
    public static final int HEADER_LENGTH = 20;
    public static final int TRANSACTION_ID_LENGTH = 12;
    /** The Binding method, the only one ICE uses. */
    public static final int BINDING = 0x001;
    /** USERNAME is limited to 513 bytes (RFC 8489 §14.3). */
    static final int MAX_USERNAME_BYTES = 513;

    private final byte[] raw;
    private final int method;
    private final StunClass messageClass;
    private final int[] types;
    private final int[] valueOffsets;
    private final int[] valueLengths;
    /** Offset of the MESSAGE-INTEGRITY attribute header in {@link #raw}, or -1. */
    private final int integrityOffset;
    /** Offset of the FINGERPRINT attribute header in {@link #raw}, or -1. */
    private final int fingerprintOffset;

    private StunMessage(byte[] raw, int[] types, int[] valueOffsets, int[] valueLengths,
                        int integrityOffset, int fingerprintOffset) {
        this.raw = raw;
        int type = ((raw[0] & 0xFF) << 8) | (raw[1] & 0xFF);
        this.method = methodOf(type);
        this.messageClass = StunClass.ofBits(((type >>> 7) & 0b10) | ((type >>> 4) & 0b01));
        this.types = types;
        this.valueOffsets = valueOffsets;
        this.valueLengths = valueLengths;
        this.integrityOffset = integrityOffset;
        this.fingerprintOffset = fingerprintOffset;
    }

    /**
     * Cheap classification of a packet on a shared port (RFC 7983: first byte 0..3) plus the magic
     * cookie. It does not validate the attributes; {@link #parse} does.
     */
    public static boolean looksLikeStun(byte[] buf, int off, int len) {
        if (buf == null || off < 0 || len < HEADER_LENGTH || off > buf.length - len) {
            return false;
        }
        return (buf[off] & 0xFF) <= 3 && readInt(buf, off + 4) == MAGIC_COOKIE;
    }

    /**
     * Parses exactly {@code len} bytes at {@code off} as one STUN message.
     *
     * @throws StunParseException        if the bytes are not one well-formed message
     * @throws IndexOutOfBoundsException if {@code off}/{@code len} do not lie within {@code buf} (a caller bug)
     */
    public static StunMessage parse(byte[] buf, int off, int len) throws StunParseException {
        Objects.checkFromIndexSize(off, len, buf.length);
        if (len < HEADER_LENGTH) {
            throw new StunParseException("shorter than a STUN header: " + len + " bytes");
        }
        if ((buf[off] & 0xC0) != 0) {
            throw new StunParseException("first two bits of a STUN message must be zero");
        }
        if (readInt(buf, off + 4) != MAGIC_COOKIE) {
            throw new StunParseException("wrong magic cookie");
        }
        int declared = readShort(buf, off + 2);
        if ((declared & 3) != 0) {
            throw new StunParseException("message length " + declared + " is not a multiple of 4");
        }
        if (HEADER_LENGTH + declared != len) {
            throw new StunParseException("message length " + declared + " does not match the "
                    + (len - HEADER_LENGTH) + " bytes after the header");
        }
        byte[] raw = Arrays.copyOfRange(buf, off, off + len);

        // At most one attribute per 4 bytes.
        int capacity = declared / 4;
        int[] types = new int[capacity];
        int[] valueOffsets = new int[capacity];
        int[] valueLengths = new int[capacity];
        int count = 0;
        int integrity = -1;
        int fingerprint = -1;
        int p = HEADER_LENGTH;
        while (p < len) {
            if (fingerprint >= 0) {
                throw new StunParseException("attribute after FINGERPRINT");
            }
            if (len - p < 4) {
                throw new StunParseException("truncated attribute header at " + p);
            }
            int type = readShort(raw, p);
            int valueLength = readShort(raw, p + 2);
            int padded = (valueLength + 3) & ~3;
            if (padded > len - p - 4) {
                throw new StunParseException("attribute 0x%04X declares %d bytes, only %d remain"
                        .formatted(type, valueLength, len - p - 4));
            }
            boolean afterIntegrity = integrity >= 0;
            if (type == StunAttribute.FINGERPRINT) {
                checkLength(type, valueLength, 4);
                fingerprint = p;
            } else if (type == StunAttribute.MESSAGE_INTEGRITY && !afterIntegrity) {
                checkLength(type, valueLength, StunDigests.HMAC_LENGTH);
                integrity = p;
            }
            // RFC 8489 §14.5: everything after MESSAGE-INTEGRITY but FINGERPRINT is ignored.
            if (!afterIntegrity || type == StunAttribute.FINGERPRINT) {
                checkKnownLength(raw, p + 4, type, valueLength);
                types[count] = type;
                valueOffsets[count] = p + 4;
                valueLengths[count] = valueLength;
                count++;
            }
            p += 4 + padded;
        }
        return new StunMessage(raw, Arrays.copyOf(types, count), Arrays.copyOf(valueOffsets, count),
                Arrays.copyOf(valueLengths, count), integrity, fingerprint);
    }

    private static void checkKnownLength(byte[] raw, int valueOffset, int type, int length)
            throws StunParseException {
        switch (type) {
            case StunAttribute.PRIORITY, StunAttribute.FINGERPRINT -> checkLength(type, length, 4);
            case StunAttribute.USE_CANDIDATE -> checkLength(type, length, 0);
            case StunAttribute.ICE_CONTROLLED, StunAttribute.ICE_CONTROLLING -> checkLength(type, length, 8);
            case StunAttribute.USERNAME -> {
                if (length > MAX_USERNAME_BYTES) {
                    throw new StunParseException("USERNAME longer than " + MAX_USERNAME_BYTES + " bytes");
                }
            }
            case StunAttribute.ERROR_CODE -> {
                if (length < 4) {
                    throw new StunParseException("ERROR-CODE shorter than 4 bytes");
                }
                int code = (raw[valueOffset + 2] & 0x07) * 100 + (raw[valueOffset + 3] & 0xFF);
                if (code < 300 || code > 699 || (raw[valueOffset + 3] & 0xFF) > 99) {
                    throw new StunParseException("ERROR-CODE out of range");
                }
            }
            case StunAttribute.XOR_MAPPED_ADDRESS, StunAttribute.MAPPED_ADDRESS -> {
                if (length < 4) {
                    throw new StunParseException("address attribute shorter than 4 bytes");
                }
                int family = raw[valueOffset + 1] & 0xFF;
                if (family == 0x01) {
                    checkLength(type, length, 8);
                } else if (family == 0x02) {
                    checkLength(type, length, 20);
                } else {
                    throw new StunParseException("unknown address family " + family);
                }
            }
            default -> {
                // Unknown or variable-length attributes are carried as they are.
            }
        }
    }

    private static void checkLength(int type, int actual, int expected) throws StunParseException {
        if (actual != expected) {
            throw new StunParseException("attribute 0x%04X must be %d bytes, is %d".formatted(type, expected, actual));
        }
    }

    // ---- header ----

    /** The 12-bit method, e.g. {@link #BINDING}. */
    public int method() {
        return method;
    }

    public StunClass messageClass() {
        return messageClass;
    }

    public boolean isBindingRequest() {
        return method == BINDING && messageClass == StunClass.REQUEST;
    }

    /** A copy of the 12-byte transaction id. */
    public byte[] transactionId() {
        return Arrays.copyOfRange(raw, 8, HEADER_LENGTH);
    }

    /** The message as received (a copy). */
    public byte[] toBytes() {
        return raw.clone();
    }

    // ---- attributes ----

    /** All attributes the receiver has to consider, in order (see the class comment on what is dropped). */
    public List<StunAttribute> attributes() {
        List<StunAttribute> list = new ArrayList<>(types.length);
        for (int i = 0; i < types.length; i++) {
            list.add(new StunAttribute(types[i], Arrays.copyOfRange(raw, valueOffsets[i], valueOffsets[i] + valueLengths[i])));
        }
        return List.copyOf(list);
    }

    public boolean hasAttribute(int type) {
        return indexOf(type) >= 0;
    }

    /** The value of the first attribute of this type. */
    public Optional<byte[]> attribute(int type) {
        int i = indexOf(type);
        return i < 0 ? Optional.empty()
                : Optional.of(Arrays.copyOfRange(raw, valueOffsets[i], valueOffsets[i] + valueLengths[i]));
    }

    /** Comprehension-required attribute types (below 0x8000) that this package does not know. */
    public List<Integer> unknownComprehensionRequired() {
        List<Integer> unknown = new ArrayList<>();
        for (int type : types) {
            if (StunAttribute.isComprehensionRequired(type) && !StunAttribute.isKnownComprehensionRequired(type)
                    && !unknown.contains(type)) {
                unknown.add(type);
            }
        }
        return unknown;
    }

    /** USERNAME decoded as UTF-8 (malformed sequences become U+FFFD). */
    public Optional<String> username() {
        int i = indexOf(StunAttribute.USERNAME);
        return i < 0 ? Optional.empty()
                : Optional.of(new String(raw, valueOffsets[i], valueLengths[i], StandardCharsets.UTF_8));
    }

    /** PRIORITY (RFC 8445 §7.1.1), an unsigned 32-bit value. */
    public OptionalLong priority() {
        int i = indexOf(StunAttribute.PRIORITY);
        return i < 0 ? OptionalLong.empty() : OptionalLong.of(readInt(raw, valueOffsets[i]) & 0xFFFFFFFFL);
    }

    /** Whether USE-CANDIDATE is present: the controlling agent nominates this pair. */
    public boolean useCandidate() {
        return indexOf(StunAttribute.USE_CANDIDATE) >= 0;
    }

    /** The tie-breaker of ICE-CONTROLLING: the sender believes it is the controlling agent. */
    public OptionalLong iceControlling() {
        return tieBreaker(StunAttribute.ICE_CONTROLLING);
    }

    /** The tie-breaker of ICE-CONTROLLED: the sender believes it is the controlled agent. */
    public OptionalLong iceControlled() {
        return tieBreaker(StunAttribute.ICE_CONTROLLED);
    }

    private OptionalLong tieBreaker(int type) {
        int i = indexOf(type);
        if (i < 0) {
            return OptionalLong.empty();
        }
        int o = valueOffsets[i];
        return OptionalLong.of(((long) readInt(raw, o) << 32) | (readInt(raw, o + 4) & 0xFFFFFFFFL));
    }

    /** XOR-MAPPED-ADDRESS, un-XORed (RFC 8489 §14.2). */
    public Optional<InetSocketAddress> xorMappedAddress() {
        int i = indexOf(StunAttribute.XOR_MAPPED_ADDRESS);
        if (i < 0) {
            return Optional.empty();
        }
        int o = valueOffsets[i];
        int port = readShort(raw, o + 2) ^ (MAGIC_COOKIE >>> 16);
        byte[] address = Arrays.copyOfRange(raw, o + 4, o + valueLengths[i]);
        // The first four bytes are XORed with the cookie, the rest (IPv6) with the transaction id.
        for (int k = 0; k < address.length; k++) {
            address[k] ^= raw[4 + k];
        }
        return Optional.of(new InetSocketAddress(toInetAddress(address), port));
    }

    /** ERROR-CODE of an error response. */
    public Optional<StunErrorCode> errorCode() {
        int i = indexOf(StunAttribute.ERROR_CODE);
        if (i < 0) {
            return Optional.empty();
        }
        int o = valueOffsets[i];
        int code = (raw[o + 2] & 0x07) * 100 + (raw[o + 3] & 0xFF);
        String reason = new String(raw, o + 4, valueLengths[i] - 4, StandardCharsets.UTF_8);
        if (reason.length() > 127) {
            reason = reason.substring(0, 127);
        }
        return Optional.of(new StunErrorCode(code, reason));
    }

    // ---- integrity and fingerprint ----

    public boolean hasIntegrity() {
        return integrityOffset >= 0;
    }

    public boolean hasFingerprint() {
        return fingerprintOffset >= 0;
    }

    /**
     * Checks MESSAGE-INTEGRITY with {@code key}: for short-term credentials (ICE) the key is the password
     * as UTF-8; for long-term credentials it is MD5(username ":" realm ":" password). False when the
     * attribute is absent. The comparison takes constant time.
     */
    public boolean verifyIntegrity(byte[] key) {
        if (integrityOffset < 0) {
            return false;
        }
        int lengthField = integrityOffset + 4 + StunDigests.HMAC_LENGTH - HEADER_LENGTH;
        byte[] expected = StunDigests.hmacSha1(key, raw, 0, integrityOffset, lengthField);
        byte[] actual = Arrays.copyOfRange(raw, integrityOffset + 4, integrityOffset + 4 + StunDigests.HMAC_LENGTH);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Checks FINGERPRINT; false when it is absent. */
    public boolean verifyFingerprint() {
        if (fingerprintOffset < 0) {
            return false;
        }
        return StunDigests.fingerprint(raw, 0, fingerprintOffset) == readInt(raw, fingerprintOffset + 4);
    }

    @Override
    public String toString() {
        return "StunMessage[method=0x%03X, class=%s, tid=%s, attributes=%d]".formatted(
                method, messageClass, HexFormat.of().formatHex(raw, 8, HEADER_LENGTH), types.length);
    }

    // ---- bits ----

    private int indexOf(int type) {
        for (int i = 0; i < types.length; i++) {
            if (types[i] == type) {
                return i;
            }
        }
        return -1;
    }

    /** The method bits M11..M0 are spread around the class bits C1 (bit 8) and C0 (bit 4). */
    static int methodOf(int messageType) {
        return (messageType & 0x000F) | ((messageType & 0x00E0) >>> 1) | ((messageType & 0x3E00) >>> 2);
    }

    static int messageType(int method, StunClass messageClass) {
        int c = messageClass.bits();
        return (method & 0x000F) | ((method & 0x0070) << 1) | ((method & 0x0F80) << 2)
                | ((c & 0b01) << 4) | ((c & 0b10) << 7);
    }

    static int readShort(byte[] b, int o) {
        return ((b[o] & 0xFF) << 8) | (b[o + 1] & 0xFF);
    }

    static int readInt(byte[] b, int o) {
        return ((b[o] & 0xFF) << 24) | ((b[o + 1] & 0xFF) << 16) | ((b[o + 2] & 0xFF) << 8) | (b[o + 3] & 0xFF);
    }

    private static InetAddress toInetAddress(byte[] address) {
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            // Only thrown for lengths other than 4 and 16, which parse() has already refused.
            throw new IllegalStateException(e);
        }
    }
}
