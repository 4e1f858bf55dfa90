package org.plenum.api.room;

import java.util.Objects;

/**
 * Who receives a message a room module sends: one participant, everyone with a role, or everyone.
 * Only admitted, connected participants receive room messages: not people in the waiting room,
 * not participants whose connection is lost (they catch up through the join snapshot when they
 * return). A message to a participant who has left meanwhile is dropped.
 * {@snippet :
 * room.send(Audience.participant(p.id()), "your_receipt", JsonObject.of("receipt", receipt));
 * room.send(Audience.role(Role.MODERATOR), "tally", tally);
 * room.send(Audience.everyone(), "vote_closed", result);
 * }
 */
public sealed interface Audience {

    /** Whether a participant is part of this audience. */
    boolean includes(Participant p);

    /** One participant, by id. */
    static Audience participant(String participantId) {
        return new One(participantId);
    }

    /** Every participant with {@code role}. */
    static Audience role(Role role) {
        return new WithRole(role);
    }

    /** Every participant. */
    static Audience everyone() {
        return Everyone.INSTANCE;
    }

    /**
     * One participant.
     *
     * @param participantId the participant's id
     */
    record One(String participantId) implements Audience {
        /** The id is required. */
        public One {
            Objects.requireNonNull(participantId, "participantId");
        }

        @Override
        public boolean includes(Participant p) {
            return p.id().equals(participantId);
        }
    }

    /**
     * Every participant with a role at the moment of sending.
     *
     * @param role the role
     */
    record WithRole(Role role) implements Audience {
        /** The role is required. */
        public WithRole {
            Objects.requireNonNull(role, "role");
        }

        @Override
        public boolean includes(Participant p) {
            return p.role() == role;
        }
    }

    /** Every participant. */
    enum Everyone implements Audience {
        /** The one instance. */
        INSTANCE;

        @Override
        public boolean includes(Participant p) {
            return true;
        }
    }
}
