package org.plenum.server.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.plenum.core.room.Room;

/** What a guest's join page needs to know about an invite; no authentication, so deliberately little. */
@Path("invites")
@Produces(MediaType.APPLICATION_JSON)
public class InviteResource extends ApiResource {

    public record InviteInfo(String roomId, String roomTitle, boolean passwordRequired) {
    }

    @GET
    @Path("{token}")
    public InviteInfo get(@PathParam("token") String token) {
        Room r = core.rooms.roomOfInvite(token);
        return new InviteInfo(r.id(), r.title(), r.hasPassword());
    }
}
