package org.plenum.core.signaling;

import java.util.ArrayDeque;
import java.util.List;
import org.plenum.core.signaling.frame.ServerMessage.ChatLine;

/**
 * The last chat lines of a live room, for late joiners. Held in memory only and gone when the meeting
 * ends: chat is personal data and is never written to disk (GDPR). Room thread only.
 */
final class ChatHistory {

    private final int capacity;
    private final ArrayDeque<ChatLine> lines = new ArrayDeque<>();

    ChatHistory(int capacity) {
        this.capacity = capacity;
    }

    void add(ChatLine line) {
        if (capacity == 0) {
            return;
        }
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    /** Room messages, and the private ones the participant sent or received. */
    List<ChatLine> visibleTo(String participantId) {
        return lines.stream()
                .filter(l -> !l.isPrivate() || l.from().equals(participantId) || l.to().equals(participantId))
                .toList();
    }

    void clear() {
        lines.clear();
    }
}
