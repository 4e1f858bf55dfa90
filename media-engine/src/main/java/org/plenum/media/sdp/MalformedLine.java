package org.plenum.media.sdp;

import java.io.Serial;

/**
 * Thrown by the attribute parsers, which do not know where their line sits; {@link SessionDescription}
 * turns it into an {@link SdpException} that names the line. No stack trace: it is expected on hostile input.
 */
final class MalformedLine extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    MalformedLine(String problem) {
        super(problem, null, false, false);
    }
}
