package org.plenum.timer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.plenum.api.PluginId;
import org.plenum.api.ui.UiContribution;
import org.plenum.api.ui.UiMount;
import org.plenum.api.ui.UiSlot;

class TimerUiTest {

    @Test
    void theToolbarButtonAndTheNoticeAreDeclaredAndShippedInTheJar() throws IOException {
        UiContribution ui = new TimerPlugin().descriptor().ui().orElseThrow();
        assertThat(ui.entryUrl(PluginId.of("timer"))).isEqualTo("/plugins/timer/ui/timer.js");
        assertThat(ui.mounts()).containsExactly(new UiMount(UiSlot.ACTION_BAR, "timer-button"), new UiMount(UiSlot.FLOATING_WINDOW, "timer-notice"));
        try (InputStream in = TimerPlugin.class.getResourceAsStream("/" + ui.assetDirectory() + "/" + ui.entryModule())) {
            assertThat(in).as("ui/timer.js in the jar").isNotNull();
            String module = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(module).contains("from 'lit'", "export const elements = { 'timer-button': TimerButton, 'timer-notice': TimerNotice }", "de: {", "en: {");
        }
    }
}
