package org.plenum.server.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.plenum.core.access.AccessRules;
import org.plenum.core.access.Caller;
import org.plenum.core.error.Problem;
import org.plenum.core.invite.Invite;
import org.plenum.core.meeting.Meeting;
import org.plenum.core.room.Room;
import org.plenum.core.room.RoomChanges;
import org.plenum.core.room.WaitingRoomPolicy;

/** Rooms of the caller's tenant, their scheduled meetings, invites, dial-in data and signaling tickets. */
@Path("rooms")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RoomResource extends ApiResource {

    public record DialInView(String conferenceId, String pin) {
    }

    public record RoomView(String id, String tenantId, String ownerId, String title, boolean hasPassword, String waitingRoom,
                           boolean locked, DialInView dialIn, Instant createdAt, Instant updatedAt) {
        /** The dial-in data of a password-protected room is itself a way in, so only its managers see it. */
        static RoomView of(Room r, Caller c) {
            DialInView dialIn = r.hasPassword() && !AccessRules.canManageRoom(c, r) ? null
                    : new DialInView(r.dialIn().conferenceId(), r.dialIn().pin());
            return new RoomView(r.id(), r.tenantId().toString(), r.ownerId().toString(), r.title(), r.hasPassword(),
                    r.waitingRoom().wireName(), r.locked(), dialIn, r.createdAt(), r.updatedAt());
        }
    }

    public record NewRoom(String title, String password, String waitingRoom) {
    }

    public record RoomPatch(String title, String password, String waitingRoom, Boolean locked) {
    }

    public record MeetingView(String id, String roomId, String title, Instant startsAt, Instant endsAt, List<String> invitees) {
        static MeetingView of(Meeting m) {
            return new MeetingView(m.id().toString(), m.roomId(), m.title(), m.startsAt(), m.endsAt(), m.invitees());
        }
    }

    public record NewMeeting(String title, Instant startsAt, Instant endsAt, List<String> invitees) {
    }

    public record InviteView(String id, String roomId, String token, String label, Instant createdAt, Instant expiresAt,
                             Instant revokedAt) {
        static InviteView of(Invite i) {
            return new InviteView(i.id().toString(), i.roomId(), i.token(), i.label(), i.createdAt(), i.expiresAt(), i.revokedAt());
        }
    }

    /** {@code expiresInSeconds} defaults to seven days. */
    public record NewInvite(String label, Long expiresInSeconds) {
    }

    public record TicketRequest(String password, String inviteToken, String displayName) {
    }

    public record TicketView(String ticket, long expiresIn, String signalingPath) {
    }

    @GET
    public List<RoomView> list() {
        Caller c = caller();
        return core.rooms.list(c).stream().map(r -> RoomView.of(r, c)).toList();
    }

    @POST
    public Response create(NewRoom body) {
        Caller c = caller();
        NewRoom n = required(body);
        Room r = core.rooms.create(c, n.title(), n.password(), n.waitingRoom() == null ? null : WaitingRoomPolicy.fromWireName(n.waitingRoom()));
        return Response.created(URI.create("rooms/" + r.id())).entity(RoomView.of(r, c)).build();
    }

    @GET
    @Path("{roomId}")
    public RoomView get(@PathParam("roomId") String roomId) {
        Caller c = caller();
        return RoomView.of(core.rooms.get(c, roomId), c);
    }

    @PATCH
    @Path("{roomId}")
    public RoomView update(@PathParam("roomId") String roomId, RoomPatch body) {
        Caller c = caller();
        RoomPatch p = required(body);
        RoomChanges changes = new RoomChanges(p.title(), p.password(),
                p.waitingRoom() == null ? null : WaitingRoomPolicy.fromWireName(p.waitingRoom()), p.locked());
        return RoomView.of(core.rooms.update(c, roomId, changes), c);
    }

    @DELETE
    @Path("{roomId}")
    public Response delete(@PathParam("roomId") String roomId) {
        core.rooms.delete(caller(), roomId);
        return Response.noContent().build();
    }

    @GET
    @Path("{roomId}/dialin")
    public DialInView dialIn(@PathParam("roomId") String roomId) {
        Caller c = caller();
        Room r = core.rooms.get(c, roomId);
        if (r.hasPassword() && !AccessRules.canManageRoom(c, r)) {
            throw Problem.forbidden("the dial-in data of a password-protected room is shown to its moderators only");
        }
        return new DialInView(r.dialIn().conferenceId(), r.dialIn().pin());
    }

    @POST
    @Path("{roomId}/dialin/pin")
    public DialInView newPin(@PathParam("roomId") String roomId) {
        Room.DialIn d = core.rooms.newDialInPin(caller(), roomId);
        return new DialInView(d.conferenceId(), d.pin());
    }

    @GET
    @Path("{roomId}/meetings")
    public List<MeetingView> meetings(@PathParam("roomId") String roomId) {
        return core.rooms.meetings(caller(), roomId).stream().map(MeetingView::of).toList();
    }

    @POST
    @Path("{roomId}/meetings")
    public Response schedule(@PathParam("roomId") String roomId, NewMeeting body) {
        Caller c = caller();
        NewMeeting n = required(body);
        Meeting m = core.rooms.schedule(c, roomId, n.title(), n.startsAt(), n.endsAt(), n.invitees());
        return Response.created(URI.create("rooms/" + roomId + "/meetings/" + m.id())).entity(MeetingView.of(m)).build();
    }

    @DELETE
    @Path("{roomId}/meetings/{meetingId}")
    public Response cancel(@PathParam("roomId") String roomId, @PathParam("meetingId") String meetingId) {
        core.rooms.cancelMeeting(caller(), roomId, TenantResource.uuid(meetingId, "meeting id"));
        return Response.noContent().build();
    }

    @GET
    @Path("{roomId}/invites")
    public List<InviteView> invites(@PathParam("roomId") String roomId) {
        return core.rooms.invites(caller(), roomId).stream().map(InviteView::of).toList();
    }

    @POST
    @Path("{roomId}/invites")
    public Response invite(@PathParam("roomId") String roomId, NewInvite body) {
        Caller c = caller();
        NewInvite n = body == null ? new NewInvite(null, null) : body;
        Duration life = n.expiresInSeconds() == null ? null : Duration.ofSeconds(n.expiresInSeconds());
        Invite i = core.rooms.invite(c, roomId, n.label(), life);
        return Response.created(URI.create("rooms/" + roomId + "/invites/" + i.id())).entity(InviteView.of(i)).build();
    }

    @DELETE
    @Path("{roomId}/invites/{inviteId}")
    public Response revoke(@PathParam("roomId") String roomId, @PathParam("inviteId") String inviteId) {
        core.rooms.revokeInvite(caller(), roomId, TenantResource.uuid(inviteId, "invite id"));
        return Response.noContent().build();
    }

    /**
     * Users authenticate with their bearer token; guests send their invite token instead. An invite token
     * wins over a bearer token, so someone logged in elsewhere (another municipality, a guest account)
     * can still follow an invite.
     */
    @POST
    @Path("{roomId}/tickets")
    public Response ticket(@PathParam("roomId") String roomId, TicketRequest body) {
        TicketRequest t = body == null ? new TicketRequest(null, null, null) : body;
        String ticket;
        if (t.inviteToken() != null) {
            ticket = core.rooms.ticketForGuest(t.inviteToken(), roomId, t.password(), t.displayName());
        } else if (hasAuthorization()) {
            ticket = core.rooms.ticketForUser(caller(), roomId, t.password());
        } else {
            throw Problem.unauthenticated("send an Authorization: Bearer token, or an inviteToken for guests");
        }
        return Response.status(201).entity(new TicketView(ticket, core.tickets.ttl().toSeconds(), "/signaling")).build();
    }

}
