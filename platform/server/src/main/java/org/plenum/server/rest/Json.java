package org.plenum.server.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * The REST layer's JSON rules: unknown fields are errors (a typo should not be silently ignored),
 * times are ISO-8601 strings, and nesting and string sizes are bounded against hostile bodies.
 */
@Provider
public final class Json implements ContextResolver<ObjectMapper> {

    public static final ObjectMapper MAPPER = create();

    public static ObjectMapper create() {
        ObjectMapper m = new ObjectMapper();
        m.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32).maxStringLength(256 * 1024).maxNumberLength(64).build());
        m.registerModule(new JavaTimeModule());
        m.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        m.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        // a number or boolean where text is expected is a client error, not something to quietly stringify
        m.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        m.registerModule(strictTextAndTimes());
        return m;
    }

    /**
     * Text may not carry NUL characters (PostgreSQL cannot store them, and no person types them), and
     * instants must be ISO-8601 strings: a bare number would be read as epoch seconds, which no caller
     * means on purpose.
     */
    private static SimpleModule strictTextAndTimes() {
        SimpleModule module = new SimpleModule("plenum-strict");
        module.addDeserializer(String.class, new StdScalarDeserializer<>(String.class) {
            @Override
            public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String s = StringDeserializer.instance.deserialize(p, ctxt);
                if (s != null && s.indexOf('\u0000') >= 0) {
                    throw InvalidFormatException.from(p, "text must not contain NUL characters", s, String.class);
                }
                return s;
            }
        });
        module.addDeserializer(Instant.class, new StdScalarDeserializer<>(Instant.class) {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                if (!p.hasToken(JsonToken.VALUE_STRING)) {
                    throw InvalidFormatException.from(p, "times must be ISO-8601 strings such as 2026-11-29T10:00:00Z", p.getText(), Instant.class);
                }
                try {
                    return Instant.parse(p.getText());
                } catch (DateTimeParseException e) {
                    throw InvalidFormatException.from(p, "'" + p.getText() + "' is not an ISO-8601 time such as 2026-11-29T10:00:00Z",
                            p.getText(), Instant.class);
                }
            }
        });
        return module;
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return MAPPER;
    }
}
