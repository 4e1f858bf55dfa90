package org.plenum.core.room;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import org.plenum.core.access.AccessRules;
import org.plenum.core.access.Caller;
import org.plenum.core.error.Problem;
import org.plenum.core.invite.Invite;
import org.plenum.core.invite.InviteStore;
import org.plenum.core.meeting.Meeting;
import org.plenum.core.meeting.MeetingStore;
import org.plenum.core.security.PasswordHasher;
import org.plenum.core.signaling.JoinGrant;
import org.plenum.core.signaling.TicketService;
import org.plenum.core.tenant.TenantStore;
import org.plenum.core.user.UserStore;

/**
 * Rooms as callers see them: every operation checks the authorisation matrix first. A room of
 * another tenant is reported as not found, so its existence is not revealed.
 */
public final class Rooms {

    private static final Duration DEFAULT_INVITE_LIFETIME = Duration.ofDays(7);
    private static final Duration MAX_INVITE_LIFETIME = Duration.ofDays(365);
    private static final int MAX_INVITEES = 500;

    private final RoomStore store;
    private final MeetingStore meetings;
    private final InviteStore invites;
    private final PasswordHasher passwords;
    private final TicketService tickets;
    /** Told of every stored change, so that a meeting going on in the room shows it at once. */
    private volatile Consumer<Room> changed = room -> { };

    public Rooms(RoomStore store, TenantStore tenants, UserStore users, InviteStore invites, PasswordHasher passwords,
                 TicketService tickets, MeetingStore meetings) {
        this.store = store;
        this.invites = invites;
        this.passwords = passwords;
        this.tickets = tickets;
        this.meetings = meetings;
    }

    public List<Room> list(Caller c) {
        if (c.role() == org.plenum.core.user.PlatformRole.GUEST) {
            return List.of();
        }
        return store.inTenant(c.tenantId());
    }

    public Room create(Caller c, String title, String password, WaitingRoomPolicy waitingRoom) {
        if (!AccessRules.canCreateRooms(c)) {
            throw Problem.forbidden("your role may not create rooms");
        }
        String hash = password == null || password.isEmpty() ? null : passwords.hash(checkPassword(password));
        return store.create(c.tenantId(), c.userId(), checkTitle(title), hash,
                waitingRoom == null ? WaitingRoomPolicy.GUESTS : waitingRoom);
    }

    public Room get(Caller c, String roomId) {
        Room room = store.find(roomId).orElseThrow(() -> notFound(roomId));
        if (!AccessRules.canSeeRoom(c, room)) {
            throw notFound(roomId);
        }
        return room;
    }

    public Room update(Caller c, String roomId, RoomChanges changes) {
        Room room = manageable(c, roomId);
        String hash = null;
        if (changes.password() != null) {
            hash = changes.password().isEmpty() ? "" : passwords.hash(checkPassword(changes.password()));
        }
        store.update(room.id(), changes.title() == null ? null : checkTitle(changes.title()), hash, changes.waitingRoom(), changes.locked());
        Room stored = store.find(roomId).orElseThrow(() -> notFound(roomId));
        changed.accept(stored);
        return stored;
    }

    /** Whom to tell of stored changes (the signaling hub). */
    public void whenChanged(Consumer<Room> listener) {
        this.changed = Objects.requireNonNull(listener);
    }

    public void delete(Caller c, String roomId) {
        manageable(c, roomId);
        store.delete(roomId);
    }

    public Room.DialIn newDialInPin(Caller c, String roomId) {
        manageable(c, roomId);
        return store.newDialInPin(roomId);
    }

    // ---- scheduled meetings

    public Meeting schedule(Caller c, String roomId, String title, Instant startsAt, Instant endsAt, List<String> invitees) {
        manageable(c, roomId);
        if (startsAt == null || endsAt == null || !endsAt.isAfter(startsAt)) {
            throw Problem.invalid("startsAt and endsAt are required and endsAt must be after startsAt");
        }
        if (Duration.between(startsAt, endsAt).compareTo(Duration.ofDays(31)) > 0) {
            throw Problem.invalid("a meeting may last at most 31 days");
        }
        List<String> people = invitees == null ? List.of() : invitees;
        if (people.size() > MAX_INVITEES || people.stream().anyMatch(s -> s == null || s.isBlank() || s.length() > 320)) {
            throw Problem.invalid("invitees must be at most " + MAX_INVITEES + " non-empty entries of up to 320 characters");
        }
        return meetings.create(roomId, checkTitle(title), startsAt, endsAt, people, c.userId());
    }

    public List<Meeting> meetings(Caller c, String roomId) {
        get(c, roomId);
        return meetings.inRoom(roomId);
    }

    public void cancelMeeting(Caller c, String roomId, UUID meetingId) {
        manageable(c, roomId);
        if (!meetings.delete(roomId, meetingId)) {
            throw Problem.notFound("meeting " + meetingId + " does not exist in this room");
        }
    }

    // ---- invites

    public Invite invite(Caller c, String roomId, String label, Duration lifetime) {
        manageable(c, roomId);
        Duration life = lifetime == null ? DEFAULT_INVITE_LIFETIME : lifetime;
        if (life.isNegative() || life.isZero() || life.compareTo(MAX_INVITE_LIFETIME) > 0) {
            throw Problem.invalid("an invite must live between 1 second and 365 days");
        }
        if (label != null && label.length() > 200) {
            throw Problem.invalid("label must be at most 200 characters");
        }
        return invites.create(roomId, label, Instant.now().plus(life), c.userId());
    }

    public List<Invite> invites(Caller c, String roomId) {
        manageable(c, roomId);
        return invites.inRoom(roomId);
    }

    public void revokeInvite(Caller c, String roomId, UUID inviteId) {
        manageable(c, roomId);
        if (!invites.revoke(roomId, inviteId)) {
            throw Problem.notFound("invite " + inviteId + " does not exist in this room");
        }
    }

    /** The room an invite leads to, for the guest's join page; only what a guest needs to know. */
    public Room roomOfInvite(String token) {
        Invite invite = invites.usable(token).orElseThrow(() -> Problem.notFound("this invite does not exist, has expired or was revoked"));
        return store.find(invite.roomId()).orElseThrow(() -> Problem.notFound("the invited room no longer exists"));
    }

    // ---- signaling tickets

    /** A ticket for a user of the room's tenant. */
    public String ticketForUser(Caller c, String roomId, String password) {
        Room room = get(c, roomId);
        boolean moderator = AccessRules.canManageRoom(c, room);
        if (store.isBanned(roomId, c.userId(), null)) {
            throw Problem.forbidden("you have been banned from this room");
        }
        if (!moderator) {
            checkRoomPassword(room, password);
        }
        return tickets.issue(new JoinGrant(roomId, room.tenantId(), c.userId(), null, c.displayName(), moderator));
    }

    /** A ticket for a guest holding an invite to exactly this room. */
    public String ticketForGuest(String inviteToken, String roomId, String password, String displayName) {
        Invite invite = invites.usable(inviteToken)
                .filter(i -> i.roomId().equals(roomId))
                .orElseThrow(() -> Problem.notFound("room " + roomId + " does not exist or this invite is not valid for it"));
        Room room = store.find(roomId).orElseThrow(() -> notFound(roomId));
        if (displayName == null || displayName.isBlank() || displayName.length() > 100) {
            throw Problem.invalid("displayName must be 1-100 characters");
        }
        if (store.isBanned(roomId, null, invite.id())) {
            throw Problem.forbidden("this invite has been banned from the room");
        }
        checkRoomPassword(room, password);
        return tickets.issue(new JoinGrant(roomId, room.tenantId(), null, invite.id(), displayName.strip(), false));
    }

    private void checkRoomPassword(Room room, String password) {
        if (!room.hasPassword()) {
            return;
        }
        String hash = store.passwordHash(room.id()).orElse(null);
        if (password == null || password.isEmpty()) {
            throw Problem.forbidden("this room needs a password");
        }
        if (!passwords.verify(password, hash)) {
            throw Problem.forbidden("the room password is wrong");
        }
    }

    private Room manageable(Caller c, String roomId) {
        Room room = get(c, roomId);
        if (!AccessRules.canManageRoom(c, room)) {
            throw Problem.forbidden("only the room's owner or a moderator of its tenant may change it");
        }
        return room;
    }

    private static String checkTitle(String title) {
        if (title == null || title.isBlank() || title.length() > 200) {
            throw Problem.invalid("title must be 1-200 characters");
        }
        return title.strip();
    }

    private static String checkPassword(String password) {
        if (password.length() > 200) {
            throw Problem.invalid("a room password must be at most 200 characters");
        }
        return password;
    }

    private static Problem notFound(String roomId) {
        return Problem.notFound("room " + roomId + " does not exist or you may not see it");
    }
}
