package org.plenum.polls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.plenum.api.PluginId;
import org.plenum.api.ui.UiContribution;
import org.plenum.api.ui.UiMount;
import org.plenum.api.ui.UiSlot;

class PollsUiTest {

    @Test
    void theSidePanelModuleIsDeclaredAndShippedInTheJar() throws IOException {
        UiContribution ui = new PollsPlugin().descriptor().ui().orElseThrow();
        assertThat(ui.entryUrl(PluginId.of("polls"))).isEqualTo("/plugins/polls/ui/polls.js");
        assertThat(ui.mounts()).containsExactly(new UiMount(UiSlot.SIDE_PANEL, "polls-panel"));
        try (InputStream in = PollsPlugin.class.getResourceAsStream("/" + ui.assetDirectory() + "/" + ui.entryModule())) {
            assertThat(in).as("ui/polls.js in the jar").isNotNull();
            String module = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(module)
                    .as("imports lit through the client's import map, exports the mounted element's class for the client to define, speaks German and English")
                    .contains("from 'lit'", "export const elements = { 'polls-panel': PollsPanel }", "de: {", "en: {");
        }
    }
}
