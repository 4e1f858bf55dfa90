package org.plenum.core.signaling.frame;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The frames the server sends about recordings match the schemas in {@code signaling/server-schemas/}, which document
 * them for client authors; and the schemas are strict enough to catch a frame that is not one.
 */
class ServerSchemasTest {

    private static final String BASE = "https://plenum.example/signaling/server-schemas/";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            b -> b.schemaMappers(m -> m.mapPrefix(BASE, "classpath:signaling/server-schemas/")));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    private final FrameWriter writer = new FrameWriter(Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC));
    private final ServerMessage.RecordingView view = new ServerMessage.RecordingView("rec-AbCdEfGhIjKlMnOp", "recording",
            "Ratssitzung (Audio)", "council-recorder", Instant.parse("2026-11-29T09:30:00.123Z"));

    private static Set<ValidationMessage> check(String schema, JsonNode body) {
        JsonSchema s = FACTORY.getSchema(SchemaLocation.of(BASE + schema), CONFIG);
        return s.validate(body);
    }

    private JsonNode body(ServerMessage m) throws Exception {
        return MAPPER.readTree(writer.encode(m, null)).path("body");
    }

    @Test
    void recordingStartedAndStoppedMatchTheirSchemas() throws Exception {
        assertThat(check("control.recording_started.json", body(new ServerMessage.RecordingStarted(view)))).isEmpty();
        assertThat(check("control.recording_stopped.json", body(new ServerMessage.RecordingStopped(view, "plugin_disabled",
                Instant.parse("2026-11-29T10:12:00Z"))))).isEmpty();
    }

    @Test
    void theSchemasRefuseWhatIsNotARecordingNotice() throws Exception {
        assertThat(check("control.recording_started.json", MAPPER.readTree("{}"))).isNotEmpty();
        assertThat(check("control.recording_started.json", MAPPER.readTree(
                "{\"recording\":{\"id\":\"rec-x\",\"kind\":\"recording\",\"label\":\"a\",\"plugin\":\"p1\",\"startedAt\":\"2026-11-29T09:30:00Z\"}}")))
                .as("an id the server never makes").isNotEmpty();
        assertThat(check("control.recording_started.json", MAPPER.readTree(
                "{\"recording\":{\"id\":\"rec-AbCdEfGhIjKlMnOp\",\"kind\":\"recording\",\"label\":\"\",\"plugin\":\"p1\",\"startedAt\":\"yesterday\"}}")))
                .as("an empty label and a date that is none").hasSizeGreaterThanOrEqualTo(2);
        assertThat(check("control.recording_stopped.json", MAPPER.readTree(
                "{\"recording\":{\"id\":\"rec-AbCdEfGhIjKlMnOp\",\"kind\":\"recording\",\"label\":\"a\",\"plugin\":\"p1\",\"startedAt\":\"2026-11-29T09:30:00Z\"},"
                        + "\"reason\":\"because\",\"endedAt\":\"2026-11-29T10:00:00Z\",\"extra\":1}")))
                .as("an unknown reason and an extra field").hasSizeGreaterThanOrEqualTo(2);
    }
}
