package org.plenum.media.sdp;

/**
 * Negotiated header extension ids of one m-line, {@link #NONE} (0, never a valid id) where not negotiated. Plain
 * ints because the packet path looks them up per packet.
 */
public record ExtensionIds(int mid, int rid, int repairedRid, int audioLevel, int absSendTime, int transportCc) {

    public static final int NONE = 0;

    public int idOf(RtpExtension extension) {
        return switch (extension) {
            case MID -> mid;
            case RID -> rid;
            case REPAIRED_RID -> repairedRid;
            case AUDIO_LEVEL -> audioLevel;
            case ABS_SEND_TIME -> absSendTime;
            case TRANSPORT_CC -> transportCc;
        };
    }

    /** The ids of the extensions this engine uses among an m-line's extmaps. */
    public static ExtensionIds of(MediaSection section) {
        return of(section.extmaps());
    }

    /** The ids of the extensions this engine uses among these extmaps; unknown URIs are skipped. */
    public static ExtensionIds of(Iterable<Extmap> extmaps) {
        int[] ids = new int[RtpExtension.values().length];
        for (Extmap e : extmaps) {
            RtpExtension known = RtpExtension.byUri(e.uri());
            if (known != null) {
                ids[known.ordinal()] = e.id();
            }
        }
        return new ExtensionIds(ids[RtpExtension.MID.ordinal()], ids[RtpExtension.RID.ordinal()],
                ids[RtpExtension.REPAIRED_RID.ordinal()], ids[RtpExtension.AUDIO_LEVEL.ordinal()],
                ids[RtpExtension.ABS_SEND_TIME.ordinal()], ids[RtpExtension.TRANSPORT_CC.ordinal()]);
    }
}
