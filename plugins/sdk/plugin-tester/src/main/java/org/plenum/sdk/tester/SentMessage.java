package org.plenum.sdk.tester;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.Audience;

/**
 * One frame a room module sent (or the host sent for it: an {@code error} frame for a refused
 * message), as the {@link PluginTester} captured it. Built for AssertJ's {@code extracting}:
 * {@snippet :
 * assertThat(tester.sent())
 *         .extracting(SentMessage::type, m -> m.body().getInt("raised"))
 *         .containsExactly(tuple("count", 1), tuple("count", 2));
 * assertThat(anna.lastReceived().recipients()).containsExactly(anna.id(), ben.id());
 * }
 *
 * @param sequence   the order of sending, from 1
 * @param sentAt     the tester's virtual time when it was sent
 * @param audience   whom the module addressed
 * @param recipients the ids of the participants it reached, resolved when it was sent (empty
 *                   when the addressee had left)
 * @param type       the message type ({@code error} for refusals)
 * @param body       the body
 * @param re         the client transaction id it answers, for replies and refusals
 */
public record SentMessage(long sequence, Instant sentAt, Audience audience, List<String> recipients, String type,
                          JsonObject body, Optional<String> re) {

    /** Copies the recipients. */
    public SentMessage {
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(audience, "audience");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(re, "re");
    }

    /** Whether it reached the participant with this id. */
    public boolean reached(String participantId) {
        return recipients.contains(participantId);
    }

    /** Whether it is an {@code error} frame (a refused message or a plugin failure). */
    public boolean isError() {
        return type.equals("error");
    }

    /** For an {@code error} frame, its code ({@code forbidden}, {@code invalid_message}, {@code internal_error}, …). */
    public Optional<String> errorCode() {
        return isError() ? body.optString("code") : Optional.empty();
    }

    /** {@code type → [recipients] body}, for readable assertion failures. */
    @Override
    public String toString() {
        return type + re.map(r -> " (re " + r + ")").orElse("") + " → " + recipients + " " + body.toJson();
    }
}
