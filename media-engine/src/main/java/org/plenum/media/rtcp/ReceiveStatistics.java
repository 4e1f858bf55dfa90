package org.plenum.media.rtcp;

/**
 * Reception statistics of one incoming SSRC, the numbers a receiver report needs (RFC 3550
 * appendix A.1, A.3, A.8): extended highest sequence number, cumulative and fractional loss,
 * interarrival jitter, and LSR/DLSR from the last sender report.
 *
 * <p>Sequence numbers are validated as in A.1 — a jump of more than {@value #MAX_DROPOUT} is only
 * believed when the next packet confirms it (the sender restarted) — except that there is no
 * probation for the first packets: SRTP authentication has already vouched for the source.
 *
 * <p>Not thread-safe: fed by the receive path of one transport, read when building its RR.
 */
public final class ReceiveStatistics {

    static final int MAX_DROPOUT = 3000;
    static final int MAX_MISORDER = 100;
    private static final int SEQ_MOD = 1 << 16;

    private final long ssrc;
    private final int clockRate;

    private boolean initialised;
    private int maxSeq;
    private long cycles;
    private int baseSeq;
    private int badSeq = SEQ_MOD + 1;
    private long received;
    private long expectedPrior;
    private long receivedPrior;

    private long firstArrivalNanos;
    private long lastArrivalUnits;
    private long lastTimestamp;
    private long jitterQ4; // jitter × 16, as A.8 keeps it to stay in integers

    private long lastSrCompactNtp;
    private long lastSrArrivalNanos;
    private boolean haveSr;

    public ReceiveStatistics(long ssrc, int clockRate) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be positive, was " + clockRate);
        }
        this.ssrc = ssrc & 0xFFFFFFFFL;
        this.clockRate = clockRate;
    }

    public long ssrc() {
        return ssrc;
    }

    /**
     * Records one received packet.
     *
     * @param arrivalNanos monotonic arrival time (System.nanoTime)
     */
    public void onPacket(int sequenceNumber, long rtpTimestamp, long arrivalNanos) {
        int seq = sequenceNumber & 0xFFFF;
        if (!initialised) {
            firstArrivalNanos = arrivalNanos;
            restart(seq);
            initialised = true;
        } else if (!updateSequence(seq)) {
            return;
        }
        received++;
        updateJitter(rtpTimestamp & 0xFFFFFFFFL, arrivalNanos);
    }

    private void restart(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = SEQ_MOD + 1;
        cycles = 0;
        received = 0;
        receivedPrior = 0;
        expectedPrior = 0;
    }

    /** A.1 update_seq; false when the packet is not counted (an unconfirmed big jump). */
    private boolean updateSequence(int seq) {
        int delta = (seq - maxSeq) & 0xFFFF;
        if (delta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += SEQ_MOD;
            }
            maxSeq = seq;
        } else if (delta <= SEQ_MOD - MAX_MISORDER) {
            if (seq == badSeq) {
                restart(seq); // two sequential packets after a jump: the sender restarted
            } else {
                badSeq = (seq + 1) & 0xFFFF;
                return false;
            }
        }
        // else: duplicate or reordered packet, counted but not the new maximum
        return true;
    }

    private void updateJitter(long timestamp, long arrivalNanos) {
        // arrival in timestamp units; microsecond steps keep the product far from overflowing
        long arrivalUnits = (arrivalNanos - firstArrivalNanos) / 1_000L * clockRate / 1_000_000L;
        if (received > 1) {
            int tsDelta = (int) (timestamp - lastTimestamp); // 32-bit wrap-aware
            long d = Math.abs((arrivalUnits - lastArrivalUnits) - tsDelta);
            jitterQ4 += d - ((jitterQ4 + 8) >> 4);
        }
        lastArrivalUnits = arrivalUnits;
        lastTimestamp = timestamp;
    }

    /**
     * Records a sender report from this source so the next report block can echo LSR and DLSR,
     * from which the sender computes the round-trip time.
     */
    public void onSenderReport(SenderReport sr, long arrivalNanos) {
        lastSrCompactNtp = sr.compactNtp();
        lastSrArrivalNanos = arrivalNanos;
        haveSr = true;
    }

    public long packetsReceived() {
        return received;
    }

    /** Cycles × 65536 + highest sequence number received. */
    public long extendedHighestSequenceNumber() {
        return cycles + maxSeq;
    }

    public long expectedPackets() {
        return initialised ? extendedHighestSequenceNumber() - baseSeq + 1 : 0;
    }

    /** Packets lost since the start; negative when duplicates outnumber losses. */
    public long cumulativeLost() {
        return expectedPackets() - received;
    }

    /** Interarrival jitter in timestamp units. */
    public long jitter() {
        return jitterQ4 >> 4;
    }

    /**
     * Builds the report block for this source and starts a new interval for the fraction lost
     * (A.3): call it once per report sent.
     */
    public ReportBlock reportBlock(long nowNanos) {
        long expected = expectedPackets();
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        int fraction = expectedInterval <= 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
        long lost = Math.clamp(cumulativeLost(), -0x800000L, 0x7FFFFFL);
        long dlsr = 0;
        if (haveSr) {
            long elapsedNanos = Math.max(0, nowNanos - lastSrArrivalNanos);
            dlsr = Math.min(0xFFFFFFFFL, elapsedNanos / 1_000L * 65_536L / 1_000_000L);
        }
        return new ReportBlock(ssrc, Math.min(fraction, 255), (int) lost,
                extendedHighestSequenceNumber() & 0xFFFFFFFFL, jitter() & 0xFFFFFFFFL,
                haveSr ? lastSrCompactNtp : 0, dlsr);
    }
}
