package org.plenum.media.transport;

/**
 * Gets every packet the media ports receive, on the event loop thread. The buffer is scratch space that
 * is reused after the call returns; the receiver may modify it in place (decrypting, for example) but
 * must copy what it keeps.
 */
public interface DatagramReceiver {

    /**
     * @param buf      scratch buffer with at least {@link MediaPorts#SCRATCH_TAILROOM} spare bytes after the packet
     * @param path     how to answer the sender (same UDP address, or the same TCP connection)
     * @param received {@link System#nanoTime()} at arrival, for the transit-time histogram
     */
    void onPacket(byte[] buf, int off, int len, MediaPath path, long received);

    /** A datagram or frame larger than {@link MediaPorts#MAX_PACKET} arrived and was dropped unread. */
    default void onOversized(MediaPath path, int length) {
    }

    /** An ICE-TCP connection ended; sessions that used it lose their path. */
    default void onPathClosed(MediaPath path) {
    }
}
