package org.plenum.media.sdp;

import java.util.OptionalLong;

/** A media ssrc a publisher announced, with its RTX ssrc from {@code a=ssrc-group:FID} when there is one. */
public record SsrcStream(long ssrc, OptionalLong rtxSsrc) {
}
