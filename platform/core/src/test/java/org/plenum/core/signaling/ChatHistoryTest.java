package org.plenum.core.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.plenum.core.signaling.frame.ServerMessage.ChatLine;

class ChatHistoryTest {

    private static ChatLine room(String id, String from) {
        return new ChatLine(id, from, "Name", null, false, "text " + id, Instant.EPOCH);
    }

    private static ChatLine privately(String id, String from, String to) {
        return new ChatLine(id, from, "Name", to, true, "text " + id, Instant.EPOCH);
    }

    @Test
    void keepsOnlyTheNewestLines() {
        ChatHistory h = new ChatHistory(3);
        for (int i = 1; i <= 5; i++) {
            h.add(room("m-" + i, "p-a"));
        }
        assertThat(h.visibleTo("p-x")).extracting(ChatLine::id).containsExactly("m-3", "m-4", "m-5");
    }

    @Test
    void privateLinesAreVisibleToSenderAndRecipientOnly() {
        ChatHistory h = new ChatHistory(10);
        h.add(room("m-1", "p-a"));
        h.add(privately("m-2", "p-a", "p-b"));
        assertThat(h.visibleTo("p-a")).extracting(ChatLine::id).containsExactly("m-1", "m-2");
        assertThat(h.visibleTo("p-b")).extracting(ChatLine::id).containsExactly("m-1", "m-2");
        assertThat(h.visibleTo("p-c")).extracting(ChatLine::id).containsExactly("m-1");
    }

    @Test
    void sizeZeroKeepsNothing() {
        ChatHistory h = new ChatHistory(0);
        h.add(room("m-1", "p-a"));
        assertThat(h.visibleTo("p-a")).isEmpty();
    }
}
