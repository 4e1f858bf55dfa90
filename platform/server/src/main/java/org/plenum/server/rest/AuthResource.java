package org.plenum.server.rest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.plenum.core.access.Caller;
import org.plenum.core.auth.LocalLogin;

/** Local login (embedded default) and "who am I". */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource extends ApiResource {

    public record LoginRequest(String username, String password) {
    }

    public record LoginResponse(String access_token, String token_type, long expires_in) {
    }

    public record Me(String userId, String tenantId, String displayName, String role) {
        static Me of(Caller c) {
            return new Me(c.userId().toString(), c.tenantId().toString(), c.displayName(), c.role().wireName());
        }
    }

    @Context
    HttpServletRequest request;

    @POST
    @Path("auth/login")
    public LoginResponse login(LoginRequest body) {
        LoginRequest r = required(body);
        LocalLogin.Session s = core.localLogin.login(r.username(), r.password(), request.getRemoteAddr());
        return new LoginResponse(s.accessToken(), "Bearer", s.expiresInSeconds());
    }

    @GET
    @Path("me")
    public Me me() {
        return Me.of(caller());
    }
}
