package org.plenum.media.sdp;

/**
 * Bounds applied before and while parsing an untrusted session description.
 *
 * <p>The default size allows a subscribe answer for {@link #DEFAULT}'s 64 m-lines (about 1.5 KiB each as browsers
 * write them) with room to spare; a Chrome publish offer with audio, camera and screen is about 13 KiB.
 */
public record SdpLimits(int maxChars, int maxLines, int maxMediaSections, int maxLineLength) {

    public static final SdpLimits DEFAULT = new SdpLimits(128 * 1024, 8192, 64, 4096);

    public SdpLimits {
        if (maxChars < 1 || maxLines < 1 || maxMediaSections < 0 || maxLineLength < 3) {
            throw new IllegalArgumentException("SDP limits must be positive");
        }
    }
}
