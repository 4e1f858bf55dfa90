package org.plenum.core.signaling.frame;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns one inbound text frame into a {@link ClientMessage}, or into the reason it was refused. Checks in
 * order: size, JSON syntax, the envelope schema, the catalogue ({@link MessageType}), the message's own
 * schema. Nothing here throws on bad input; every refusal names the namespace and id to answer with.
 * Thread-safe.
 */
public final class FrameReader {

    /** What became of a frame. */
    public sealed interface Result {
    }

    public record Accepted(MessageType type, String id, ClientMessage message) implements Result {
    }

    /**
     * A frame for a plugin's namespace: the envelope is valid, the type well-formed, the body a JSON
     * object. Whether such a plugin is active in the room, and what the body must hold, is for the
     * room and the plugin to judge.
     */
    public record ForPlugin(String ns, String type, String id, String bodyJson) implements Result {
    }

    /** {@code ns} and {@code id} are what the error frame answers with (echoed only when harmless). */
    public record Rejected(String ns, String id, ErrorCode code, String message) implements Result {
    }

    /** The namespace of errors whose frame named none we can echo. */
    public static final String DEFAULT_NS = "control";

    private static final Pattern ECHOABLE_NS = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");
    private static final int MAX_ID_LENGTH = 64;
    private static final int MAX_REPORTED_PROBLEMS = 3;

    private static final ObjectMapper MAPPER = createMapper();

    private final int maxFrameBytes;
    private final JsonSchema envelope;
    private final Map<MessageType, JsonSchema> schemas = new EnumMap<>(MessageType.class);

    /** Loads all schemas from the class path; a missing or broken schema fails here, at startup. */
    public FrameReader(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        this.envelope = load(factory, "signaling/schemas/envelope.json");
        for (MessageType t : MessageType.values()) {
            schemas.put(t, load(factory, t.schemaResource()));
        }
    }

    public Result read(String text) {
        if (isLargerThan(text, maxFrameBytes)) {
            return new Rejected(DEFAULT_NS, null, ErrorCode.TOO_LARGE,
                    "frames may be at most " + maxFrameBytes + " bytes; this one was larger and was dropped");
        }
        JsonNode frame;
        try {
            frame = MAPPER.readTree(text);
        } catch (IOException | RuntimeException e) {
            return new Rejected(DEFAULT_NS, null, ErrorCode.INVALID_MESSAGE, "the frame is not valid JSON");
        }
        if (frame == null || !frame.isObject()) {
            return new Rejected(DEFAULT_NS, null, ErrorCode.INVALID_MESSAGE,
                    "a frame must be a JSON object {\"ns\",\"type\",\"id\"?,\"body\"}");
        }
        String ns = echoableNs(frame.get("ns"));
        String id = echoableId(frame.get("id"));
        Set<ValidationMessage> envelopeProblems = envelope.validate(frame);
        if (!envelopeProblems.isEmpty()) {
            return new Rejected(ns, id, ErrorCode.INVALID_MESSAGE, "bad frame envelope: " + describe(envelopeProblems));
        }
        String type = frame.get("type").asText();
        MessageType messageType = MessageType.find(ns, type);
        if (messageType == null && !MessageType.isNamespace(ns) && isPluginId(ns)) {
            JsonNode pluginBody = frame.has("body") ? frame.get("body") : JsonNodeFactory.instance.objectNode();
            if (!PLUGIN_TYPE.matcher(type).matches()) {
                return new Rejected(ns, id, ErrorCode.INVALID_MESSAGE,
                        "plugin message types are lower-case a-z, 0-9 and '_', start with a letter and have at most 64 characters");
            }
            if (!pluginBody.isObject()) {
                return new Rejected(ns, id, ErrorCode.INVALID_MESSAGE, "a plugin message's body must be a JSON object");
            }
            return new ForPlugin(ns, type, id, pluginBody.toString());
        }
        if (messageType == null) {
            String what = MessageType.isNamespace(ns)
                    ? "namespace " + ns + " has no client message '" + type + "'"
                    : "unknown namespace '" + ns + "' (no such core namespace or plugin in this room)";
            return new Rejected(ns, id, ErrorCode.UNKNOWN_TYPE, what);
        }
        JsonNode body = frame.has("body") ? frame.get("body") : JsonNodeFactory.instance.objectNode();
        Set<ValidationMessage> bodyProblems = schemas.get(messageType).validate(body);
        if (!bodyProblems.isEmpty()) {
            return new Rejected(ns, id, ErrorCode.INVALID_MESSAGE, messageType.qualifiedName() + ": " + describe(bodyProblems));
        }
        return new Accepted(messageType, id, messageType.decode(body));
    }

    /**
     * A refusal of a frame that was not read (for example over the rate limit), answering with its
     * namespace and id where the frame is small enough to look at.
     */
    public Rejected refusal(String text, ErrorCode code, String message) {
        String ns = DEFAULT_NS;
        String id = null;
        if (!isLargerThan(text, maxFrameBytes)) {
            try {
                JsonNode frame = MAPPER.readTree(text);
                if (frame != null && frame.isObject()) {
                    ns = echoableNs(frame.get("ns"));
                    id = echoableId(frame.get("id"));
                }
            } catch (IOException | RuntimeException e) {
                // not JSON: answer in the default namespace
            }
        }
        return new Rejected(ns, id, code, message);
    }

    private static final Pattern PLUGIN_TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private static boolean isPluginId(String ns) {
        try {
            org.plenum.api.PluginId.of(ns);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The {@code id} of a frame, echoed only when it is a short string. */
    private static String echoableId(JsonNode id) {
        return id != null && id.isTextual() && !id.asText().isEmpty() && id.asText().length() <= MAX_ID_LENGTH ? id.asText() : null;
    }

    private static String echoableNs(JsonNode ns) {
        return ns != null && ns.isTextual() && ECHOABLE_NS.matcher(ns.asText()).matches() ? ns.asText() : DEFAULT_NS;
    }

    private static String describe(Set<ValidationMessage> problems) {
        return problems.stream().map(ValidationMessage::getMessage).sorted().limit(MAX_REPORTED_PROBLEMS)
                .collect(Collectors.joining("; "));
    }

    /** UTF-8 length without encoding the string when its char count already decides. */
    static boolean isLargerThan(String text, int maxBytes) {
        if (text.length() > maxBytes) {
            return true;
        }
        if ((long) text.length() * 3 <= maxBytes) {
            return false;
        }
        return text.getBytes(StandardCharsets.UTF_8).length > maxBytes;
    }

    private static JsonSchema load(JsonSchemaFactory factory, String resource) {
        try (InputStream in = FrameReader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("signaling schema missing from the class path: " + resource);
            }
            // messages in English whatever the server's locale, so clients and docs see the same text
            return factory.getSchema(MAPPER.readTree(in), SchemaValidatorsConfig.builder().locale(Locale.ENGLISH).build());
        } catch (IOException e) {
            throw new IllegalStateException("signaling schema unreadable: " + resource, e);
        }
    }

    private static ObjectMapper createMapper() {
        ObjectMapper m = new ObjectMapper();
        // bounded against hostile frames; duplicate keys would let a validator and a reader disagree
        m.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(16).maxStringLength(64 * 1024).maxNumberLength(32).build());
        m.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        return m;
    }
}
