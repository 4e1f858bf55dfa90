package org.plenum.server.signaling;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.plenum.server.TestServer;

/**
 * A municipality with a chair (owns the rooms, so moderates them) and members, created through the REST
 * API; rooms, invites and signaling tickets on demand.
 */
public final class MeetingFixture {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String PASSWORD = "correct-horse-battery";

    private final TestServer t;
    private final String tenantId;
    private final String prefix;
    private final Map<String, String> tokens = new HashMap<>();
    public final String chair;

    public MeetingFixture(TestServer t) {
        this.t = t;
        this.prefix = "m" + SEQUENCE.incrementAndGet() + "-" + ProcessHandle.current().pid();
        TestServer.Reply tenant = t.post("/api/v1/tenants", t.adminToken(), Map.of("slug", prefix, "name", "Gemeinde " + prefix));
        check(tenant, 201);
        this.tenantId = tenant.text("id");
        this.chair = user("chair", "Vorsitz");
    }

    /** The tenant the fixture created. */
    public String tenantId() {
        return tenantId;
    }

    /** A member of the tenant, logged in; returns the username. */
    public String user(String name, String displayName) {
        String username = prefix + "-" + name;
        check(t.post("/api/v1/tenants/" + tenantId + "/users", t.adminToken(),
                Map.of("username", username, "password", PASSWORD, "displayName", displayName, "role", "member")), 201);
        tokens.put(username, t.login(username, PASSWORD));
        return username;
    }

    public String token(String username) {
        return tokens.get(username);
    }

    /** A room owned by the chair; {@code waitingRoom}: off, guests or everyone. */
    public String room(String waitingRoom) {
        TestServer.Reply r = t.post("/api/v1/rooms", token(chair), Map.of("title", "Ratssitzung", "waitingRoom", waitingRoom));
        check(r, 201);
        return r.text("id");
    }

    public String invite(String roomId) {
        TestServer.Reply r = t.post("/api/v1/rooms/" + roomId + "/invites", token(chair), Map.of());
        check(r, 201);
        return r.text("token");
    }

    public String ticket(String username, String roomId) {
        TestServer.Reply r = ticketReply(username, roomId);
        check(r, 201);
        return r.text("ticket");
    }

    public TestServer.Reply ticketReply(String username, String roomId) {
        return t.post("/api/v1/rooms/" + roomId + "/tickets", token(username), Map.of());
    }

    public String guestTicket(String roomId, String inviteToken, String displayName) {
        TestServer.Reply r = guestTicketReply(roomId, inviteToken, displayName);
        check(r, 201);
        return r.text("ticket");
    }

    public TestServer.Reply guestTicketReply(String roomId, String inviteToken, String displayName) {
        return t.post("/api/v1/rooms/" + roomId + "/tickets", null, Map.of("inviteToken", inviteToken, "displayName", displayName));
    }

    /** Connects and joins; fails unless the answer is {@code joined}. */
    public SignalingClient join(String username, String roomId) {
        SignalingClient c = SignalingClient.connect(t);
        c.join(ticket(username, roomId));
        return c;
    }

    private static void check(TestServer.Reply r, int status) {
        if (r.status() != status) {
            throw new AssertionError("expected " + status + " but got " + r.status() + ": " + r.raw().body());
        }
    }
}
