package org.plenum.media.sdp;

/**
 * What a published track shows. SDP rarely says (only {@code a=content:slides}, RFC 4796), so signaling usually
 * passes hints keyed by mid or track id along with the offer.
 */
public enum TrackSource {
    MICROPHONE, CAMERA, SCREEN, SCREEN_AUDIO, UNKNOWN
}
