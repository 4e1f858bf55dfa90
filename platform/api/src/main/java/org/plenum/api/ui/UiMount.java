package org.plenum.api.ui;

import java.util.Objects;

/**
 * One custom element of a plugin, shown in one {@link UiSlot}. The element is defined by the
 * plugin's entry module ({@code customElements.define("voting-panel", …)}) and its name must start
 * with the plugin id and a hyphen, so plugins cannot collide in the browser's one element registry
 * (checked when the {@link org.plenum.api.PluginDescriptor} is built).
 * {@snippet :
 * UiMount button = new UiMount(UiSlot.ACTION_BAR, "voting-start-button");
 * }
 *
 * @param slot    where it appears
 * @param element the custom element name: lower-case, with a hyphen, as the HTML standard requires
 */
public record UiMount(UiSlot slot, String element) {

    /** Checks the name. @throws IllegalArgumentException if {@code element} is not a valid custom element name */
    public UiMount {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(element, "element");
        if (!element.matches("[a-z][a-z0-9._]*(-[a-z0-9._]*)+") || element.length() > 100) {
            throw new IllegalArgumentException("UI element name '" + element
                    + "' is not a valid custom element name: lower-case a-z, 0-9, '.', '_' and at least one '-', starting with a letter");
        }
    }
}
