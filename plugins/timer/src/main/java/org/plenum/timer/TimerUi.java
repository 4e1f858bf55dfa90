package org.plenum.timer;

import java.util.List;
import org.plenum.api.ui.UiContribution;
import org.plenum.api.ui.UiMount;
import org.plenum.api.ui.UiSlot;

/**
 * The timer's part of the web client ({@code src/main/resources/ui/timer.js}): a toolbar button that starts a timer
 * (moderators) or shows the time left, and a notice with the countdown and the ready check. Shared by
 * {@link TimerPlugin} and the next version built from these sources ({@code plugins/timer-next}).
 */
final class TimerUi {

    static final UiContribution CONTRIBUTION = new UiContribution("ui", "timer.js", List.of(
            new UiMount(UiSlot.ACTION_BAR, "timer-button"),
            new UiMount(UiSlot.FLOATING_WINDOW, "timer-notice")));

    private TimerUi() {
    }
}
