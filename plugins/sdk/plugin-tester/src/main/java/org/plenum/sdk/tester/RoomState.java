package org.plenum.sdk.tester;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.Audience;
import org.plenum.api.room.Participant;
import org.plenum.api.room.RoomModule;

/** The simulated room: who is in it, the module, and every frame sent. Touched on the tester's thread only. */
final class RoomState {

    final String roomId;
    final String title;
    final UUID tenantId;
    final Clock clock;
    /** Admitted participants, in order of arrival. */
    final Map<String, Participant> participants = new LinkedHashMap<>();
    /** Everyone who was ever here, in their last state. */
    final Map<String, Participant> lastKnown = new LinkedHashMap<>();
    final List<SentMessage> sent = new ArrayList<>();
    /** Every recording the module declared, in order, active or ended. */
    final List<DeclaredRecording.Handle> recordings = new ArrayList<>();
    RoomModule module;
    boolean open;
    boolean moduleActive;
    private long sequence;

    RoomState(String roomId, String title, UUID tenantId, Clock clock) {
        this.roomId = roomId;
        this.title = title;
        this.tenantId = tenantId;
        this.clock = clock;
    }

    void put(Participant p) {
        participants.put(p.id(), p);
        lastKnown.put(p.id(), p);
    }

    Participant remove(String id) {
        return participants.remove(id);
    }

    /** The host ends what the module declared when the module goes. */
    void endRecordings(String reason) {
        recordings.forEach(r -> r.end(reason));
    }

    /** Records a frame; it reaches the connected participants in the audience. */
    SentMessage record(Audience audience, String type, JsonObject body, Optional<String> re) {
        List<String> recipients = participants.values().stream()
                .filter(Participant::connected)
                .filter(audience::includes)
                .map(Participant::id)
                .toList();
        SentMessage m = new SentMessage(++sequence, clock.instant(), audience, recipients, type, body, re);
        sent.add(m);
        return m;
    }

    /** An {@code error} frame to one participant, as the host sends for refusals and failures. */
    SentMessage recordError(Participant to, Optional<String> re, String code, String message) {
        return record(Audience.participant(to.id()), "error", JsonObject.of("code", code, "message", message), re);
    }
}
