package org.plenum.media.sdp;

/** An m-line of an offer the engine answered with port 0, and why (for logs and the client's error reporting). */
public record RejectedMedia(int index, String mid, String media, String reason) {
}
