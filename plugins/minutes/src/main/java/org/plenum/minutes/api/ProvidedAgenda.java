package org.plenum.minutes.api;

import java.util.List;
import java.util.Objects;

/**
 * An agenda as an {@link AgendaProvider} supplies it.
 * {@snippet :
 * new ProvidedAgenda("Sitzung des Stadtrats", "Rathaus, Saal 1", List.of(
 *         new ProvidedAgenda.Item("1", "Eröffnung und Feststellung der Beschlussfähigkeit", true),
 *         new ProvidedAgenda.Item("7", "Grundstücksangelegenheiten", false)));
 * }
 *
 * @param title the session's title, 1 to 200 characters
 * @param place where it takes place (may be empty), at most 200 characters
 * @param items the items in order, at most 100
 */
public record ProvidedAgenda(String title, String place, List<Item> items) {

    /** Checks the limits. @throws IllegalArgumentException naming the broken one */
    public ProvidedAgenda {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(place, "place");
        items = List.copyOf(items);
        if (title.isBlank() || title.length() > 200 || place.length() > 200) {
            throw new IllegalArgumentException("an agenda's title is 1 to 200 characters and its place at most 200");
        }
        if (items.size() > 100) {
            throw new IllegalArgumentException("an agenda has at most 100 items, not " + items.size());
        }
    }

    /**
     * One agenda item.
     *
     * @param number   its number as printed ("7", "7a"), at most 16 characters
     * @param title    its title, 1 to 200 characters
     * @param isPublic whether it is dealt with in public; non-public items never appear in public exports
     */
    public record Item(String number, String title, boolean isPublic) {

        /** Checks the limits. @throws IllegalArgumentException naming the broken one */
        public Item {
            Objects.requireNonNull(number, "number");
            Objects.requireNonNull(title, "title");
            if (number.length() > 16 || title.isBlank() || title.length() > 200) {
                throw new IllegalArgumentException("an agenda item's number is at most 16 characters and its title 1 to 200");
            }
        }
    }
}
