package org.plenum.core.signaling.frame;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * Encodes server frames: {@code {"ns","type","re"?,"ts","body"}}. A broadcast is encoded once and the
 * same string goes to every recipient. Thread-safe.
 */
public final class FrameWriter {

    @JsonPropertyOrder({"ns", "type", "re", "ts", "body"})
    private record Envelope(String ns, String type, String re, String ts, Object body) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);

    private final Clock clock;

    public FrameWriter(Clock clock) {
        this.clock = clock;
    }

    /** {@code re} is the id of the request this answers, or null. */
    public String encode(ServerMessage m, String re) {
        Envelope e = new Envelope(m.ns(), m.type(), re, clock.instant().truncatedTo(ChronoUnit.MILLIS).toString(), m.body());
        try {
            return MAPPER.writeValueAsString(e);
        } catch (JsonProcessingException ex) {
            // only our own records are encoded here, so this is a programming error
            throw new IllegalStateException("cannot encode " + m.ns() + "/" + m.type(), ex);
        }
    }

    public String error(String ns, String re, ErrorCode code, String message) {
        return encode(new ServerMessage.Error(ns, code, message), re);
    }
}
