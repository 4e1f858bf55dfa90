package org.plenum.core.plugin;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.plenum.api.room.Audience;
import org.plenum.api.room.Participant;

/**
 * What a live room lends its plugins' modules: who is there, a way to send frames, and its thread.
 * Implemented by the signaling core's room actor; every method but {@link #post} and
 * {@link #schedule} is called on the room's thread only.
 */
public interface RoomPort {

    String roomId();

    UUID tenantId();

    Clock clock();

    /** Admitted participants, in order of arrival. */
    List<Participant> participants();

    Optional<Participant> participant(String participantId);

    /** A frame {@code {"ns","type","body"}} to everyone the audience includes; {@code bodyJson} is a JSON object. */
    void send(Audience to, String ns, String type, String bodyJson);

    /** The direct answer to a participant's request {@code re}. */
    void reply(String participantId, String ns, String re, String type, String bodyJson);

    /** An {@code error} frame to one participant. */
    void refuse(String participantId, String ns, String re, String code, String message);

    /**
     * A module declared a recording: everyone in the room and in its waiting room is told, the audit log
     * notes it.
     */
    void recordingStarted(ActiveRecording recording);

    /** A recording ended ({@code reason}: stopped, plugin_disabled, plugin_updated, plugin_failed, meeting_ended). */
    void recordingStopped(ActiveRecording recording, String reason, java.time.Instant endedAt);

    /** Runs {@code task} on the room's thread, after what is queued now. Any thread. */
    void post(Runnable task);

    /** Runs {@code task} on the room's thread after {@code delay}. Any thread. */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that can be called off. */
    interface Cancellable {
        void cancel();
    }
}
