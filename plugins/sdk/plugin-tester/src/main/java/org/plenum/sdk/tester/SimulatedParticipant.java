package org.plenum.sdk.tester;

import java.util.List;
import java.util.Optional;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.LeaveReason;
import org.plenum.api.room.Participant;
import org.plenum.api.room.Role;

/**
 * One simulated person in a {@link PluginTester}'s room: acts (sends, leaves, loses the
 * connection) and shows what reached them.
 * {@snippet :
 * SimulatedParticipant ben = tester.join("Ben", Role.PARTICIPANT);
 * ben.sendWithId("c-1", "cast", JsonObject.of("option", "yes"));
 * SentMessage answer = ben.lastReceived();
 * assertThat(answer.re()).contains("c-1");
 * assertThat(answer.errorCode()).contains("forbidden");
 * ben.disconnect();
 * ben.reconnect();
 * assertThat(ben.joinSnapshot()).isPresent();
 * }
 */
public final class SimulatedParticipant {

    private final PluginTester tester;
    private final String id;

    SimulatedParticipant(PluginTester tester, String id) {
        this.tester = tester;
        this.id = id;
    }

    /** The participant id ({@code p1}, {@code p2}, … in order of joining). */
    public String id() {
        return id;
    }

    /** The participant as the module sees them now (or last saw them, after leaving). */
    public Participant participant() {
        return tester.lastKnown(id);
    }

    /** Whether they are still in the room. */
    public boolean isPresent() {
        return tester.isPresent(id);
    }

    /** Sends a message with an empty body in the plugin's namespace. */
    public void send(String type) {
        send(type, JsonObject.of());
    }

    /** Sends a message in the plugin's namespace. */
    public void send(String type, JsonObject body) {
        tester.deliver(id, type, Optional.empty(), body);
    }

    /** Sends a message with a client transaction id, which replies and refusals echo as {@code re}. */
    public void sendWithId(String clientId, String type, JsonObject body) {
        tester.deliver(id, type, Optional.of(clientId), body);
    }

    /** Every frame that reached them, in order. */
    public List<SentMessage> received() {
        return tester.sent().stream().filter(m -> m.reached(id)).toList();
    }

    /** The frames of one type that reached them. */
    public List<SentMessage> received(String type) {
        return received().stream().filter(m -> m.type().equals(type)).toList();
    }

    /**
     * The last frame that reached them.
     *
     * @throws IllegalStateException if none did
     */
    public SentMessage lastReceived() {
        List<SentMessage> all = received();
        if (all.isEmpty()) {
            throw new IllegalStateException(participant().displayName() + " has received nothing");
        }
        return all.getLast();
    }

    /** The module's join snapshot for them, from their join or their last reconnect. */
    public Optional<JsonObject> joinSnapshot() {
        return tester.snapshotOf(id);
    }

    /** Leaves on purpose. */
    public void leave() {
        leave(LeaveReason.LEFT);
    }

    /** Leaves for a reason (a moderator's kick, a timeout). */
    public void leave(LeaveReason reason) {
        tester.leave(id, reason);
    }

    /** A moderator gives them another role. */
    public void changeRole(Role role) {
        tester.changeRole(id, role);
    }

    /** Their connection drops; the reconnect grace period runs. */
    public void disconnect() {
        tester.setConnected(id, false);
    }

    /** They come back within the grace period: a fresh join snapshot, then {@code onConnectionChanged}. */
    public void reconnect() {
        tester.setConnected(id, true);
    }

    /** Name and id. */
    @Override
    public String toString() {
        Participant p = participant();
        return (p == null ? "?" : p.displayName()) + " (" + id + ")";
    }
}
