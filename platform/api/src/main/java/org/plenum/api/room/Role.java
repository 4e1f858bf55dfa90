package org.plenum.api.room;

import java.util.Locale;

/**
 * A participant's role in a room, as the signaling protocol names it. Moderators may be promoted
 * and demoted during a meeting ({@link RoomModule#onRoleChanged}).
 * {@snippet :
 * if (message.sender().role() != Role.MODERATOR) {
 *     throw MessageRefusedException.forbidden("only moderators start votes");
 * }
 * room.sendToRole(Role.MODERATOR, "vote_started", JsonObject.of("voteId", voteId));
 * }
 * Whether someone has an account is separate: see {@link Participant#isGuest()}.
 */
public enum Role {
    /** Runs the meeting: admits, mutes, removes; in council sessions the chair and deputies. */
    MODERATOR,
    /** A member of the tenant taking part. */
    PARTICIPANT,
    /** Someone from outside the tenant who came through an invite. */
    GUEST;

    /** The wire name: {@code moderator}, {@code participant}, {@code guest}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
