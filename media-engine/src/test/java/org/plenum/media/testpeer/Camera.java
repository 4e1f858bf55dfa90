package org.plenum.media.testpeer;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.plenum.media.rtcp.Fir;
import org.plenum.media.rtcp.Pli;

/**
 * A browser's video encoder as the SFU sees it: one frame per layer and tick, a keyframe first, and a keyframe
 * again when the engine asks for one by PLI or FIR for that layer's SSRC, like libwebrtc, {@link #keyframeDelay}
 * frames later (an encoder needs a moment; a test can make it longer).
 */
public final class Camera implements Runnable {

    private final TestPeer peer;
    private final List<RtpStream> layers;
    private final int[] frameSizes;
    private final Map<Long, AtomicInteger> keyframeIn = new ConcurrentHashMap<>();
    private final Map<Long, AtomicInteger> requests = new ConcurrentHashMap<>();
    private volatile int keyframeDelay = 0;

    /**
     * @param frameSizes bytes per frame of each layer, so layers have different bitrates (at 50 frames/s,
     *                   100 bytes are 40 kbit/s)
     */
    public Camera(TestPeer peer, List<RtpStream> layers, int... frameSizes) {
        this.peer = peer;
        this.layers = List.copyOf(layers);
        this.frameSizes = frameSizes.clone();
        for (RtpStream l : layers) {
            keyframeIn.put(l.ssrc(), new AtomicInteger(0)); // the first frame is a keyframe
            requests.put(l.ssrc(), new AtomicInteger());
        }
        peer.onRtcp(p -> {
            if (p instanceof Pli pli) {
                requested(pli.mediaSsrc());
            } else if (p instanceof Fir fir) {
                fir.entries().forEach(e -> requested(e.ssrc()));
            }
        });
    }

    private void requested(long ssrc) {
        AtomicInteger in = keyframeIn.get(ssrc);
        if (in != null) {
            requests.get(ssrc).incrementAndGet();
            in.compareAndSet(-1, keyframeDelay);
        }
    }

    /** How many delta frames the encoder sends after a PLI before the keyframe (0: the next frame is one). */
    public Camera keyframeDelay(int frames) {
        this.keyframeDelay = frames;
        return this;
    }

    /** Keyframe requests (PLI/FIR) the engine sent for this layer so far. */
    public int keyframeRequests(RtpStream layer) {
        return requests.get(layer.ssrc()).get();
    }

    /** One frame on every layer. */
    @Override
    public void run() {
        for (int i = 0; i < layers.size(); i++) {
            RtpStream l = layers.get(i);
            AtomicInteger in = keyframeIn.get(l.ssrc());
            boolean keyframe = false;
            int left = in.get();
            if (left == 0) {
                keyframe = true;
                in.set(-1);
            } else if (left > 0) {
                in.decrementAndGet();
            }
            peer.sendRtp(l.videoFrame(keyframe, frameSizes[i]));
        }
    }
}
