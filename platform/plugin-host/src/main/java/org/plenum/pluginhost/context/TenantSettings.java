package org.plenum.pluginhost.context;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.plenum.api.PluginDescriptor;
import org.plenum.api.json.JsonException;
import org.plenum.api.json.JsonObject;
import org.plenum.api.json.JsonValue;
import org.plenum.core.error.Problem;
import org.plenum.pluginhost.registry.RegistryStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One plugin's per-tenant settings: validated against the descriptor's JSON Schema (draft 2020-12)
 * when they are set, with the schema's top-level {@code default}s applied when they are read, and
 * cached until they change.
 */
public final class TenantSettings {

    private static final Logger log = LoggerFactory.getLogger(TenantSettings.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final PluginDescriptor descriptor;
    private final RegistryStore store;
    private final JsonSchema schema;
    private final Map<UUID, JsonObject> cache = new ConcurrentHashMap<>();

    public TenantSettings(PluginDescriptor descriptor, RegistryStore store) {
        this.descriptor = descriptor;
        this.store = store;
        this.schema = descriptor.settingsSchema().map(TenantSettings::compile).orElse(null);
    }

    private static JsonSchema compile(JsonObject s) {
        try {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(MAPPER.readTree(s.toJson()), SchemaValidatorsConfig.builder().locale(Locale.ENGLISH).build());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the settings schema is not a usable JSON Schema: " + e.getMessage(), e);
        }
    }

    /** The tenant's settings, defaults applied; an empty object for a plugin without a schema. */
    public JsonObject get(UUID tenantId) {
        if (schema == null) {
            return JsonObject.of();
        }
        return cache.computeIfAbsent(tenantId, this::load);
    }

    private JsonObject load(UUID tenantId) {
        JsonObject stored = store.settings(descriptor.id(), tenantId).map(TenantSettings::parse).orElse(JsonObject.of());
        List<String> problems = problems(stored);
        if (!problems.isEmpty()) {
            // e.g. an update changed the schema: run on the defaults rather than on settings the plugin cannot read
            log.atWarn().setMessage("stored plugin settings no longer match the plugin's schema; using its defaults")
                    .addKeyValue("plugin", descriptor.id()).addKeyValue("tenant", tenantId).addKeyValue("problems", problems).log();
            stored = JsonObject.of();
        }
        return withDefaults(stored);
    }

    /**
     * Validates and stores a tenant's settings.
     *
     * @throws Problem (invalid) listing what does not match the schema
     */
    public JsonObject put(UUID tenantId, JsonObject settings) {
        if (schema == null) {
            throw Problem.invalid("plugin " + descriptor.id() + " has no settings");
        }
        List<String> problems = problems(settings);
        if (!problems.isEmpty()) {
            throw Problem.invalid("the settings do not match the schema of plugin " + descriptor.id() + ": " + String.join("; ", problems));
        }
        store.putSettings(descriptor.id(), tenantId, settings.toJson());
        cache.remove(tenantId);
        return get(tenantId);
    }

    /** What is wrong with {@code settings} according to the schema (empty when they are valid). */
    public List<String> problems(JsonObject settings) {
        if (schema == null) {
            return List.of();
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(settings.toJson());
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        Set<ValidationMessage> messages = schema.validate(node);
        return messages.stream().map(ValidationMessage::getMessage).sorted().limit(20).toList();
    }

    private JsonObject withDefaults(JsonObject settings) {
        Optional<JsonValue> props = descriptor.settingsSchema().flatMap(s -> s.find("properties"));
        if (props.isEmpty() || !(props.get() instanceof JsonObject properties)) {
            return settings;
        }
        JsonObject result = settings;
        for (String key : properties.keys()) {
            if (!result.has(key) && properties.get(key) instanceof JsonObject p && p.has("default")) {
                result = result.with(key, p.get("default"));
            }
        }
        return result;
    }

    private static JsonObject parse(String text) {
        try {
            return JsonObject.parse(text);
        } catch (JsonException e) {
            return JsonObject.of();
        }
    }
}
