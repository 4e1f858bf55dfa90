package org.plenum.media.forward;

/** NTP timestamps for RTCP sender reports (RFC 3550 §4): seconds since 1900 in 32.32 fixed point. */
final class NtpTime {

    private static final long UNIX_TO_NTP_SECONDS = 2_208_988_800L;

    private NtpTime() {
    }

    static long fromMillis(long unixMillis) {
        long seconds = unixMillis / 1000 + UNIX_TO_NTP_SECONDS;
        long fraction = ((unixMillis % 1000) << 32) / 1000;
        return (seconds << 32) | fraction;
    }

    /** The middle 32 bits, as receiver reports echo them in LSR. */
    static long compact(long ntp) {
        return (ntp >>> 16) & 0xFFFFFFFFL;
    }
}
