package org.plenum.media.stun;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Encodes a STUN message. Attributes are written in the order they are added; MESSAGE-INTEGRITY and
 * FINGERPRINT, when asked for, are always appended last, in that order, as RFC 8489 requires.
 *
 * <pre>{@code
 * byte[] response = StunMessageBuilder.successResponse(request)
 *         .xorMappedAddress(from)
 *         .messageIntegrity(localPwd.getBytes(UTF_8))
 *         .fingerprint()
 *         .encode();
 * }</pre>
 *
 * A builder is not thread-safe and is meant to be used once.
 */
public final class StunMessageBuilder {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final int method;
    private final StunClass messageClass;
    private final byte[] transactionId;
    private final ByteArrayOutputStream attributes = new ByteArrayOutputStream(128);
    private byte[] integrityKey;
    private boolean fingerprint;
    private byte padding;

    public StunMessageBuilder(int method, StunClass messageClass, byte[] transactionId) {
        if (method < 0 || method > 0xFFF) {
            throw new IllegalArgumentException("STUN method must fit 12 bits: " + method);
        }
        if (transactionId.length != StunMessage.TRANSACTION_ID_LENGTH) {
            throw new IllegalArgumentException("transaction id must be 12 bytes, is " + transactionId.length);
        }
        this.method = method;
        this.messageClass = Objects.requireNonNull(messageClass);
        this.transactionId = transactionId.clone();
    }

    /** A request of {@code method} with a fresh random transaction id. */
    public static StunMessageBuilder request(int method) {
        byte[] tid = new byte[StunMessage.TRANSACTION_ID_LENGTH];
        RANDOM.nextBytes(tid);
        return new StunMessageBuilder(method, StunClass.REQUEST, tid);
    }

    /** A success response to {@code request}: same method, same transaction id. */
    public static StunMessageBuilder successResponse(StunMessage request) {
        return new StunMessageBuilder(request.method(), StunClass.SUCCESS_RESPONSE, request.transactionId());
    }

    /** An error response to {@code request} carrying ERROR-CODE. */
    public static StunMessageBuilder errorResponse(StunMessage request, int code, String reason) {
        return new StunMessageBuilder(request.method(), StunClass.ERROR_RESPONSE, request.transactionId())
                .errorCode(code, reason);
    }

    /**
     * The byte written into attribute padding. RFC 8489 lets senders choose and requires receivers to
     * ignore it; zero is the default. (RFC 5769's vectors pad with spaces.)
     */
    public StunMessageBuilder paddingByte(int value) {
        this.padding = (byte) value;
        return this;
    }

    /** Appends an attribute as given. */
    public StunMessageBuilder attribute(int type, byte[] value) {
        if (type < 0 || type > 0xFFFF) {
            throw new IllegalArgumentException("attribute type must fit 16 bits: " + type);
        }
        if (type == StunAttribute.MESSAGE_INTEGRITY || type == StunAttribute.FINGERPRINT) {
            throw new IllegalArgumentException("use messageIntegrity()/fingerprint(): they must come last");
        }
        if (value.length > 0xFFFF - 4) {
            throw new IllegalArgumentException("attribute value too long: " + value.length);
        }
        attributes.write(type >>> 8);
        attributes.write(type);
        attributes.write(value.length >>> 8);
        attributes.write(value.length);
        attributes.writeBytes(value);
        for (int i = value.length; (i & 3) != 0; i++) {
            attributes.write(padding);
        }
        return this;
    }

    public StunMessageBuilder username(String username) {
        byte[] value = username.getBytes(StandardCharsets.UTF_8);
        if (value.length > StunMessage.MAX_USERNAME_BYTES) {
            throw new IllegalArgumentException("USERNAME longer than 513 bytes");
        }
        return attribute(StunAttribute.USERNAME, value);
    }

    public StunMessageBuilder software(String software) {
        return attribute(StunAttribute.SOFTWARE, software.getBytes(StandardCharsets.UTF_8));
    }

    /** PRIORITY, an unsigned 32-bit value. */
    public StunMessageBuilder priority(long priority) {
        if (priority < 0 || priority > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("PRIORITY must be an unsigned 32-bit value: " + priority);
        }
        return attribute(StunAttribute.PRIORITY, int32(priority));
    }

    public StunMessageBuilder useCandidate() {
        return attribute(StunAttribute.USE_CANDIDATE, new byte[0]);
    }

    public StunMessageBuilder iceControlling(long tieBreaker) {
        return attribute(StunAttribute.ICE_CONTROLLING, int64(tieBreaker));
    }

    public StunMessageBuilder iceControlled(long tieBreaker) {
        return attribute(StunAttribute.ICE_CONTROLLED, int64(tieBreaker));
    }

    /** ERROR-CODE: class and number of {@code code}, then the reason phrase. */
    public StunMessageBuilder errorCode(int code, String reason) {
        StunErrorCode error = new StunErrorCode(code, reason);
        byte[] text = error.reason().getBytes(StandardCharsets.UTF_8);
        byte[] value = new byte[4 + text.length];
        value[2] = (byte) (error.code() / 100);
        value[3] = (byte) (error.code() % 100);
        System.arraycopy(text, 0, value, 4, text.length);
        return attribute(StunAttribute.ERROR_CODE, value);
    }

    /** UNKNOWN-ATTRIBUTES, for a 420 response. */
    public StunMessageBuilder unknownAttributes(List<Integer> types) {
        byte[] value = new byte[2 * types.size()];
        for (int i = 0; i < types.size(); i++) {
            value[2 * i] = (byte) (types.get(i) >>> 8);
            value[2 * i + 1] = (byte) (int) types.get(i);
        }
        return attribute(StunAttribute.UNKNOWN_ATTRIBUTES, value);
    }

    /** XOR-MAPPED-ADDRESS for an IPv4 or IPv6 transport address (RFC 8489 §14.2). */
    public StunMessageBuilder xorMappedAddress(InetSocketAddress address) {
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("XOR-MAPPED-ADDRESS needs a resolved address: " + address);
        }
        byte[] ip = address.getAddress().getAddress();
        byte[] value = new byte[4 + ip.length];
        value[1] = (byte) (address.getAddress() instanceof Inet4Address ? 0x01 : 0x02);
        int xPort = address.getPort() ^ (StunMessage.MAGIC_COOKIE >>> 16);
        value[2] = (byte) (xPort >>> 8);
        value[3] = (byte) xPort;
        byte[] mask = new byte[16];
        System.arraycopy(int32(StunMessage.MAGIC_COOKIE & 0xFFFFFFFFL), 0, mask, 0, 4);
        System.arraycopy(transactionId, 0, mask, 4, StunMessage.TRANSACTION_ID_LENGTH);
        for (int i = 0; i < ip.length; i++) {
            value[4 + i] = (byte) (ip[i] ^ mask[i]);
        }
        return attribute(StunAttribute.XOR_MAPPED_ADDRESS, value);
    }

    /**
     * Appends MESSAGE-INTEGRITY computed with {@code key} (short-term: the password as UTF-8) when the
     * message is encoded.
     */
    public StunMessageBuilder messageIntegrity(byte[] key) {
        this.integrityKey = key.clone();
        return this;
    }

    /** Appends FINGERPRINT when the message is encoded. */
    public StunMessageBuilder fingerprint() {
        this.fingerprint = true;
        return this;
    }

    /** The encoded message. */
    public byte[] encode() {
        int bodyLength = attributes.size();
        int total = StunMessage.HEADER_LENGTH + bodyLength
                + (integrityKey != null ? 4 + StunDigests.HMAC_LENGTH : 0)
                + (fingerprint ? 8 : 0);
        if (total - StunMessage.HEADER_LENGTH > 0xFFFF) {
            throw new IllegalStateException("STUN message longer than 65535 bytes");
        }
        byte[] out = new byte[total];
        int type = StunMessage.messageType(method, messageClass);
        out[0] = (byte) (type >>> 8);
        out[1] = (byte) type;
        System.arraycopy(int32(StunMessage.MAGIC_COOKIE & 0xFFFFFFFFL), 0, out, 4, 4);
        System.arraycopy(transactionId, 0, out, 8, StunMessage.TRANSACTION_ID_LENGTH);
        byte[] body = attributes.toByteArray();
        System.arraycopy(body, 0, out, StunMessage.HEADER_LENGTH, body.length);
        int p = StunMessage.HEADER_LENGTH + body.length;
        if (integrityKey != null) {
            int lengthField = p + 4 + StunDigests.HMAC_LENGTH - StunMessage.HEADER_LENGTH;
            byte[] hmac = StunDigests.hmacSha1(integrityKey, out, 0, p, lengthField);
            out[p] = (byte) (StunAttribute.MESSAGE_INTEGRITY >>> 8);
            out[p + 1] = (byte) StunAttribute.MESSAGE_INTEGRITY;
            out[p + 3] = StunDigests.HMAC_LENGTH;
            System.arraycopy(hmac, 0, out, p + 4, hmac.length);
            p += 4 + StunDigests.HMAC_LENGTH;
        }
        if (fingerprint) {
            writeLength(out, p + 8 - StunMessage.HEADER_LENGTH);
            int crc = StunDigests.fingerprint(out, 0, p);
            out[p] = (byte) (StunAttribute.FINGERPRINT >>> 8);
            out[p + 1] = (byte) StunAttribute.FINGERPRINT;
            out[p + 3] = 4;
            System.arraycopy(int32(crc & 0xFFFFFFFFL), 0, out, p + 4, 4);
            p += 8;
        }
        writeLength(out, p - StunMessage.HEADER_LENGTH);
        return out;
    }

    private static void writeLength(byte[] out, int length) {
        out[2] = (byte) (length >>> 8);
        out[3] = (byte) length;
    }

    private static byte[] int32(long v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static byte[] int64(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (56 - 8 * i));
        }
        return b;
    }

    @Override
    public String toString() {
        return "StunMessageBuilder[method=0x%03X, class=%s, attributeBytes=%d, tid=%s]".formatted(
                method, messageClass, attributes.size(), HexFormat.of().formatHex(transactionId));
    }
}
