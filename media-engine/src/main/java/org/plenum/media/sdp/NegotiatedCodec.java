package org.plenum.media.sdp;

import java.util.OptionalInt;

/**
 * The codec chosen for a published m-line, with the publisher's payload type numbers (kept from its offer), the RTX
 * payload type whose {@code apt} names it, and its fmtp parameters as offered ("" when none).
 */
public record NegotiatedCodec(Codec codec, int payloadType, OptionalInt rtxPayloadType, String fmtp) {
}
