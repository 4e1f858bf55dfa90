package org.plenum.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.plenum.api.json.JsonObject;
import org.plenum.api.json.JsonValue;
import org.plenum.api.storage.SchemaMigrations;
import org.plenum.api.ui.UiContribution;
import org.plenum.api.ui.UiMount;

/**
 * What a plugin is, before it runs: identity, version, which platform API and which other plugins
 * it needs, its settings schema, its database migrations and its part of the web client. The host
 * reads it from {@link Plugin#descriptor()} and checks it against the jar's loader metadata
 * (OSGi bundle headers or the PF4J manifest), refusing the plugin if they disagree.
 * {@snippet :
 * PluginDescriptor descriptor = PluginDescriptor.builder("minutes", "1.3.0")
 *         .name("Niederschrift")
 *         .description("Drafts, edits and finalises the minutes of council sessions")
 *         .requires("[1.0,2.0)")
 *         .dependsOn("voting", "[1.0,2.0)")
 *         .settingsSchema(JsonObject.parse("""
 *                 {"type": "object",
 *                  "properties": {"retentionDays": {"type": "integer", "minimum": 1, "default": 3650}},
 *                  "additionalProperties": false}"""))
 *         .migrations(new SchemaMigrations("db/minutes"))
 *         .ui(new UiContribution("ui", "minutes.js", List.of(new UiMount(UiSlot.SIDE_PANEL, "minutes-editor"))))
 *         .build();
 * }
 *
 * @param id             the plugin id (namespace, URL segment, schema)
 * @param version        the plugin's own version
 * @param name           a human-readable name for administrators, 1 to 100 characters
 * @param description    one or two sentences for administrators, may be empty
 * @param requires       the versions of the plugin API ({@link PlenumApi#VERSION}) it works with
 * @param dependencies   other plugins it needs, each at most once, never itself
 * @param settingsSchema a JSON Schema (draft 2020-12) for its per-tenant settings, an object schema;
 *                       the host validates settings against it and applies its {@code default}s
 * @param migrations     its database migrations, if it stores data
 * @param ui             its part of the web client, if any; element names must start with
 *                       {@code <id>-}
 */
public record PluginDescriptor(PluginId id, SemVer version, String name, String description, VersionRange requires,
                               List<PluginDependency> dependencies, Optional<JsonObject> settingsSchema,
                               Optional<SchemaMigrations> migrations, Optional<UiContribution> ui) {

    /** Checks the rules. @throws IllegalArgumentException if a rule in the parameter descriptions is broken, naming it */
    public PluginDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(requires, "requires");
        Objects.requireNonNull(settingsSchema, "settingsSchema");
        Objects.requireNonNull(migrations, "migrations");
        Objects.requireNonNull(ui, "ui");
        name = name.strip();
        if (name.isEmpty() || name.length() > 100) {
            throw new IllegalArgumentException("plugin " + id + ": the name must be 1 to 100 characters, not " + name.length());
        }
        if (description.length() > 2000) {
            throw new IllegalArgumentException("plugin " + id + ": the description must be at most 2000 characters");
        }
        dependencies = List.copyOf(dependencies);
        Set<PluginId> seen = new HashSet<>();
        for (PluginDependency d : dependencies) {
            if (d.id().equals(id)) {
                throw new IllegalArgumentException("plugin " + id + " must not depend on itself");
            }
            if (!seen.add(d.id())) {
                throw new IllegalArgumentException("plugin " + id + " declares its dependency on " + d.id() + " twice");
            }
        }
        settingsSchema.ifPresent(schema -> {
            JsonValue type = schema.find("type").orElse(null);
            if (type == null || !type.equals(JsonValue.from("object"))) {
                throw new IllegalArgumentException("plugin " + id + ": the settings schema must describe an object: {\"type\": \"object\", ...}");
            }
        });
        ui.ifPresent(contribution -> {
            for (UiMount m : contribution.mounts()) {
                if (!m.element().startsWith(id.value() + "-")) {
                    throw new IllegalArgumentException("plugin " + id + ": UI element '" + m.element() + "' must start with '"
                            + id.value() + "-' so that it cannot collide with other plugins' elements");
                }
            }
        });
    }

    /**
     * Starts a descriptor for plugin {@code id} at {@code version}; {@link Builder#name} and
     * {@link Builder#requires} are required.
     *
     * @throws IllegalArgumentException for a bad id or version
     */
    public static Builder builder(String id, String version) {
        return new Builder(PluginId.of(id), SemVer.parse(version));
    }

    /** Whether this plugin declares a dependency on {@code other}. */
    public boolean dependsOn(PluginId other) {
        return dependencies.stream().anyMatch(d -> d.id().equals(other));
    }

    /**
     * Builds a {@link PluginDescriptor}.
     * {@snippet :
     * PluginDescriptor d = PluginDescriptor.builder("hand-counter", "0.1.0").name("Hand counter").requires("[1.0,2.0)").build();
     * }
     */
    public static final class Builder {

        private final PluginId id;
        private final SemVer version;
        private String name;
        private String description = "";
        private VersionRange requires;
        private final List<PluginDependency> dependencies = new ArrayList<>();
        private JsonObject settingsSchema;
        private SchemaMigrations migrations;
        private UiContribution ui;

        private Builder(PluginId id, SemVer version) {
            this.id = id;
            this.version = version;
        }

        /** The name shown to administrators (required). */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** A sentence or two for administrators. */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** The plugin API versions this plugin works with (required), for example {@code [1.0,2.0)}. */
        public Builder requires(String range) {
            return requires(VersionRange.parse(range));
        }

        /** The plugin API versions this plugin works with (required). */
        public Builder requires(VersionRange range) {
            this.requires = range;
            return this;
        }

        /** Another plugin this one needs, in the given versions. */
        public Builder dependsOn(String pluginId, String versions) {
            return dependsOn(PluginDependency.of(pluginId, versions));
        }

        /** Another plugin this one needs. */
        public Builder dependsOn(PluginDependency dependency) {
            dependencies.add(Objects.requireNonNull(dependency, "dependency"));
            return this;
        }

        /** The JSON Schema of the per-tenant settings. */
        public Builder settingsSchema(JsonObject schema) {
            this.settingsSchema = schema;
            return this;
        }

        /** The Flyway migrations for the plugin's schema. */
        public Builder migrations(SchemaMigrations migrations) {
            this.migrations = migrations;
            return this;
        }

        /** The plugin's part of the web client. */
        public Builder ui(UiContribution ui) {
            this.ui = ui;
            return this;
        }

        /** The descriptor. @throws IllegalArgumentException if name or requires are missing or a rule is broken */
        public PluginDescriptor build() {
            if (name == null) {
                throw new IllegalArgumentException("plugin " + id + ": name(...) is required: the name administrators see");
            }
            if (requires == null) {
                throw new IllegalArgumentException("plugin " + id
                        + ": requires(...) is required: the plugin API versions it was built for, for example [1.0,2.0)");
            }
            return new PluginDescriptor(id, version, name, description, requires, dependencies,
                    Optional.ofNullable(settingsSchema), Optional.ofNullable(migrations), Optional.ofNullable(ui));
        }
    }
}
