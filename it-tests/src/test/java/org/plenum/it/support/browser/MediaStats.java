package org.plenum.it.support.browser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one {@code RTCPeerConnection} has received: its {@code inbound-rtp} statistics, one entry per
 * received video and audio stream. A participant sees the other when {@link #framesDecoded()} grows and
 * {@link #maxFrameWidth()} is above 0, and hears them when {@link #totalSamplesReceived()} grows.
 */
public record MediaStats(List<Video> video, List<Audio> audio) {

    /** One received video stream. */
    public record Video(String mid, long ssrc, long packetsReceived, long packetsLost, long bytesReceived,
                        long framesDecoded, long frameWidth, long frameHeight, String codecId) {
    }

    /** One received audio stream; {@code audioLevel} is 0..1 (a beep is well above 0, Opus silence is 0). */
    public record Audio(String mid, long ssrc, long packetsReceived, long packetsLost, long bytesReceived,
                        long totalSamplesReceived, double audioLevel, String codecId) {
    }

    public long framesDecoded() {
        return video.stream().mapToLong(Video::framesDecoded).sum();
    }

    public long maxFrameWidth() {
        return video.stream().mapToLong(Video::frameWidth).max().orElse(0);
    }

    public long videoBytesReceived() {
        return video.stream().mapToLong(Video::bytesReceived).sum();
    }

    public long totalSamplesReceived() {
        return audio.stream().mapToLong(Audio::totalSamplesReceived).sum();
    }

    public double maxAudioLevel() {
        return audio.stream().mapToDouble(Audio::audioLevel).max().orElse(0);
    }

    public long audioPacketsReceived() {
        return audio.stream().mapToLong(Audio::packetsReceived).sum();
    }

    public long audioBytesReceived() {
        return audio.stream().mapToLong(Audio::bytesReceived).sum();
    }

    /** From the {@code inbound-rtp} entries of a {@code getStats()} report, as Selenium hands them over. */
    static MediaStats of(List<?> inboundRtp) {
        List<Video> video = new ArrayList<>();
        List<Audio> audio = new ArrayList<>();
        for (Object o : inboundRtp) {
            Map<?, ?> s = (Map<?, ?>) o;
            String mid = s.get("mid") == null ? null : s.get("mid").toString();
            String codecId = s.get("codecId") == null ? null : s.get("codecId").toString();
            if ("video".equals(s.get("kind"))) {
                video.add(new Video(mid, number(s, "ssrc"), number(s, "packetsReceived"), number(s, "packetsLost"), number(s, "bytesReceived"),
                        number(s, "framesDecoded"), number(s, "frameWidth"), number(s, "frameHeight"), codecId));
            } else if ("audio".equals(s.get("kind"))) {
                audio.add(new Audio(mid, number(s, "ssrc"), number(s, "packetsReceived"), number(s, "packetsLost"), number(s, "bytesReceived"),
                        number(s, "totalSamplesReceived"), s.get("audioLevel") instanceof Number n ? n.doubleValue() : 0, codecId));
            }
        }
        return new MediaStats(List.copyOf(video), List.copyOf(audio));
    }

    /** A counter Chromium leaves out until it has a value counts as 0. */
    private static long number(Map<?, ?> stats, String key) {
        return stats.get(key) instanceof Number n ? n.longValue() : 0;
    }
}
