package org.plenum.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PluginIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"voting", "council-session", "sip-gateway2", "a1", "x-y-z"})
    void acceptsLowerCaseWordsJoinedByHyphens(String id) {
        assertThat(PluginId.of(id).value()).isEqualTo(id);
    }

    @Test
    void schemaNameReplacesHyphensSoNoTwoIdsShareASchema() {
        assertThat(PluginId.of("council-session").schemaName()).isEqualTo("plugin_council_session");
        assertThat(PluginId.of("voting").schemaName()).isEqualTo("plugin_voting");
        assertThat(("plugin_" + "x".repeat(PluginId.MAX_LENGTH)).length()).isLessThan(63);
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @CsvSource(delimiter = '|', value = {
            "''|required",
            "a|2 to 32 characters",
            "Voting|must start with a lower-case letter",
            "1voting|must start with a lower-case letter",
            "-voting|must start with a lower-case letter",
            "vot_ing|may contain only a-z, 0-9 and '-', but has '_' at position 3",
            "vot ing|but has U+0020",
            "vötıng|may contain only",
            "voting-|must not end with '-'",
            "vo--ting|contain '--'",
            "chat|reserved",
            "control|reserved",
            "plugins|reserved"})
    void refusesIdsThatCannotBeANamespaceAUrlSegmentAndASchema(String id, String expected) {
        assertThatThrownBy(() -> PluginId.of(id)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(expected);
    }

    @Test
    void refusesOverlongIds() {
        assertThatThrownBy(() -> PluginId.of("a".repeat(33))).hasMessageContaining("has 33");
    }
}
