package org.plenum.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.plenum.api.json.JsonObject;
import org.plenum.api.storage.SchemaMigrations;
import org.plenum.api.ui.UiContribution;
import org.plenum.api.ui.UiMount;
import org.plenum.api.ui.UiSlot;
import org.junit.jupiter.api.Test;

class PluginDescriptorTest {

    @Test
    void describesAFullPlugin() {
        PluginDescriptor d = PluginDescriptor.builder("minutes", "1.3.0")
                .name("  Niederschrift ")
                .description("Drafts and finalises minutes")
                .requires("[1.0,2.0)")
                .dependsOn("voting", "[1.0,2.0)")
                .settingsSchema(JsonObject.parse("{\"type\":\"object\",\"properties\":{\"retentionDays\":{\"type\":\"integer\"}}}"))
                .migrations(new SchemaMigrations("db/minutes"))
                .ui(new UiContribution("ui", "minutes.js", List.of(new UiMount(UiSlot.SIDE_PANEL, "minutes-editor"))))
                .build();

        assertThat(d.id()).isEqualTo(PluginId.of("minutes"));
        assertThat(d.version()).isEqualTo(SemVer.of(1, 3, 0));
        assertThat(d.name()).isEqualTo("Niederschrift");
        assertThat(d.requires().contains(PlenumApi.VERSION)).isTrue();
        assertThat(d.dependsOn(PluginId.of("voting"))).isTrue();
        assertThat(d.dependsOn(PluginId.of("council-session"))).isFalse();
        assertThat(d.migrations().orElseThrow().flywayLocation()).isEqualTo("classpath:db/minutes");
        assertThat(d.ui().orElseThrow().entryUrl(d.id())).isEqualTo("/plugins/minutes/ui/minutes.js");
    }

    @Test
    void nameAndApiRangeAreRequired() {
        assertThatThrownBy(() -> PluginDescriptor.builder("voting", "1.0.0").requires("[1.0,2.0)").build())
                .hasMessageContaining("name(...) is required");
        assertThatThrownBy(() -> PluginDescriptor.builder("voting", "1.0.0").name("Voting").build())
                .hasMessageContaining("requires(...) is required").hasMessageContaining("[1.0,2.0)");
    }

    @Test
    void refusesBadIdsAndVersionsUpFront() {
        assertThatThrownBy(() -> PluginDescriptor.builder("Voting", "1.0.0")).hasMessageContaining("lower-case");
        assertThatThrownBy(() -> PluginDescriptor.builder("voting", "1.0")).hasMessageContaining("three numeric parts");
    }

    @Test
    void refusesSelfAndDuplicateDependencies() {
        PluginDescriptor.Builder b = PluginDescriptor.builder("voting", "1.0.0").name("Voting").requires("[1.0,2.0)");
        assertThatThrownBy(() -> b.dependsOn("voting", "[1.0,2.0)").build()).hasMessageContaining("must not depend on itself");

        PluginDescriptor.Builder twice = PluginDescriptor.builder("minutes", "1.0.0").name("Minutes").requires("[1.0,2.0)")
                .dependsOn("voting", "[1.0,2.0)").dependsOn("voting", "[1.1,2.0)");
        assertThatThrownBy(twice::build).hasMessageContaining("dependency on voting twice");
    }

    @Test
    void uiElementsMustCarryThePluginIdAsPrefix() {
        PluginDescriptor.Builder b = PluginDescriptor.builder("voting", "1.0.0").name("Voting").requires("[1.0,2.0)")
                .ui(new UiContribution("ui", "voting.js", List.of(new UiMount(UiSlot.SIDE_PANEL, "ballot-panel"))));
        assertThatThrownBy(b::build).hasMessageContaining("must start with 'voting-'");
    }

    @Test
    void settingsSchemaMustDescribeAnObject() {
        PluginDescriptor.Builder b = PluginDescriptor.builder("voting", "1.0.0").name("Voting").requires("[1.0,2.0)")
                .settingsSchema(JsonObject.of("type", "array"));
        assertThatThrownBy(b::build).hasMessageContaining("must describe an object");
    }

    @Test
    void refusesOverlongNames() {
        assertThatThrownBy(() -> PluginDescriptor.builder("voting", "1.0.0").name("x".repeat(101)).requires("[1.0,2.0)").build())
                .hasMessageContaining("1 to 100 characters");
        assertThatThrownBy(() -> PluginDescriptor.builder("voting", "1.0.0").name("   ").requires("[1.0,2.0)").build())
                .hasMessageContaining("1 to 100 characters");
    }

    @Test
    void dependencyTellsWhichVersionsItAccepts() {
        PluginDependency d = PluginDependency.of("council-session", "[1.2,2.0)");
        assertThat(d.accepts(SemVer.parse("1.3.0"))).isTrue();
        assertThat(d.accepts(SemVer.parse("2.0.0"))).isFalse();
        assertThat(d).hasToString("council-session [1.2.0,2.0.0)");
    }
}
