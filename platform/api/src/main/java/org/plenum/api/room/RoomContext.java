package org.plenum.api.room;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import org.plenum.api.PluginId;
import org.plenum.api.event.EventBus;
import org.plenum.api.json.JsonObject;

/**
 * One room as a {@link RoomModule} sees it: who is there, how to send to them, timers and a way
 * to get blocking work off the room's thread and its result back on.
 *
 * <p>Use it only on the room's thread (from the module's callbacks, timers and offload
 * completions); the host checks and throws {@link IllegalStateException} otherwise. Exceptions:
 * the fixed facts {@link #pluginId()}, {@link #roomId()}, {@link #tenantId()}, {@link #clock()}
 * and {@link #settings()} may be read anywhere, and {@link #execute(Runnable)} exists to get back
 * onto the room's thread from elsewhere.
 *
 * <p>Messages go out as {@code {"ns": "<plugin id>", "type": …, "body": {…}}} frames, in the order
 * they were sent; a reply also carries {@code "re"}, the client's transaction id. Types are lower
 * case ({@code [a-z][a-z0-9_]*}, at most 64 characters); {@code error} is reserved for refusals.
 * A body's JSON may be at most {@value #MAX_BODY_BYTES} bytes (UTF-8), so that the frame stays
 * within the protocol's 64 KiB.
 * {@snippet :
 * // a moderator starts a vote; a timer closes it; the ballot is stored off the room thread
 * public void onMessage(InboundMessage message) {
 *     switch (message.type()) {
 *         case "start" -> {
 *             if (!message.sender().isModerator()) {
 *                 throw MessageRefusedException.forbidden("only moderators start votes");
 *             }
 *             vote = Vote.open(message.body(), room.clock().instant());
 *             expiry = room.schedule(vote.duration(), this::close);
 *             room.sendToAll("started", vote.publicView());
 *         }
 *         case "cast" -> {
 *             Ballot ballot = vote.accept(message.sender(), message.body().getString("option"));
 *             room.offload(() -> ballots.store(ballot), (receipt, failure) -> {
 *                 if (failure != null) {
 *                     room.refuse(message, RefusalCode.UNAVAILABLE, "not stored; please vote again");
 *                 } else {
 *                     room.reply(message, "cast_ok", JsonObject.of("receipt", receipt));
 *                 }
 *             });
 *         }
 *         default -> throw MessageRefusedException.unknownType(message);
 *     }
 * }
 * }
 * Implemented by the host (and by the {@code PluginTester}).
 */
public interface RoomContext {

    /** The largest body, in bytes of UTF-8 JSON, that a module may send. */
    int MAX_BODY_BYTES = 63 * 1024;

    /** The plugin this context belongs to; its id is the namespace of the messages. */
    PluginId pluginId();

    /** The room's id. */
    String roomId();

    /** The tenant (municipality) the room belongs to. */
    UUID tenantId();

    /** The clock to use; in tests it is virtual. */
    Clock clock();

    /** The plugin's settings for this room's tenant, read when the module was created. */
    JsonObject settings();

    /** The admitted participants, in order of arrival, including those whose connection is lost within the grace period. */
    List<Participant> participants();

    /** The participant with this id, if admitted and still here. */
    Optional<Participant> participant(String participantId);

    /**
     * Sends a message to an audience.
     *
     * @throws IllegalArgumentException for a bad type or a body above {@link #MAX_BODY_BYTES}
     */
    void send(Audience to, String type, JsonObject body);

    /** Sends to one participant. */
    default void sendTo(Participant participant, String type, JsonObject body) {
        send(Audience.participant(participant.id()), type, body);
    }

    /** Sends to everyone with a role. */
    default void sendToRole(Role role, String type, JsonObject body) {
        send(Audience.role(role), type, body);
    }

    /** Sends to everyone in the room. */
    default void sendToAll(String type, JsonObject body) {
        send(Audience.everyone(), type, body);
    }

    /** Answers the sender of {@code message}, echoing its transaction id as {@code re}. */
    void reply(InboundMessage message, String type, JsonObject body);

    /**
     * Refuses {@code message} with an {@code error} frame to its sender, as throwing
     * {@link MessageRefusedException} from {@code onMessage} would; for refusals decided later.
     */
    void refuse(InboundMessage message, RefusalCode code, String reason);

    /**
     * Runs {@code task} once on the room's thread after {@code delay} (zero: as soon as the current
     * callback has returned and earlier events are handled).
     *
     * @throws IllegalArgumentException for a negative delay
     */
    RoomTimer schedule(Duration delay, Runnable task);

    /**
     * Runs {@code task} on the room's thread every {@code period}, first after one period.
     *
     * @throws IllegalArgumentException for a period that is not positive
     */
    RoomTimer scheduleRepeating(Duration period, Runnable task);

    /**
     * Runs blocking {@code work} on the plugin's executor, then {@code then} on the room's thread
     * with its result or its failure (exactly one of the two is non-null, unless the result itself
     * is null). If the room closes or the module is removed first, {@code then} is not called.
     * {@snippet :
     * room.offload(() -> audit.chain(room.tenantId(), chainName).append("vote.closed", result),
     *         (entry, failure) -> room.sendToAll("closed", result.with("hash", entry.hash().hex())));
     * }
     * {@code work} must not touch the module's state or this context: it runs on another thread.
     */
    <T> void offload(Callable<? extends T> work, BiConsumer<? super T, ? super Throwable> then);

    /**
     * Calls {@code then} on the room's thread when {@code stage} completes, for asynchronous APIs
     * (a service that returns a {@link CompletionStage}). Same rules as {@link #offload}.
     */
    <T> void onComplete(CompletionStage<? extends T> stage, BiConsumer<? super T, ? super Throwable> then);

    /**
     * Queues {@code task} to run on the room's thread; callable from any thread. Dropped if the
     * room has closed by then.
     */
    void execute(Runnable task);

    /** How many recordings one module may have active at a time. */
    int MAX_ACTIVE_RECORDINGS = 4;

    /**
     * Declares that this module records, transcribes or streams the room from now on: the host tells
     * everyone in the room at once ({@code control/recording_started}), shows it to everyone who
     * joins later, and writes it to the audit log. Declare before the first byte is kept, end it with
     * {@link Recording#stop()}. The host ends it by itself when the module stops for any reason
     * (disabled, updated, uninstalled, failed, meeting over), so it cannot outlive the module.
     * {@snippet :
     * Recording rec = room.startRecording(RecordingKind.RECORDING, "Ratssitzung (Audio)");
     * // … later, on the room's thread:
     * rec.stop();
     * }
     * Since API 1.1.
     *
     * @param label what people are told it is, 1 to {@value Recording#MAX_LABEL_LENGTH} characters of
     *              plain text (see {@link Recording#checkLabel})
     * @throws IllegalArgumentException for a missing kind or a bad label
     * @throws IllegalStateException    when the module already has {@value #MAX_ACTIVE_RECORDINGS} active
     */
    Recording startRecording(RecordingKind kind, String label);

    /** This module's recordings that are still active, oldest first. Since API 1.1. */
    List<Recording> recordings();

    /**
     * Typed events, with handlers that run on this room's thread and end when the module does.
     * A handler registered here receives events of the room's tenant, and of those that concern a
     * room ({@link org.plenum.api.event.RoomScopedEvent}) only this room's.
     */
    EventBus events();

    /**
     * Checks a message type: {@code [a-z][a-z0-9_]*}, at most 64 characters, not {@code error}.
     *
     * @return the type
     * @throws IllegalArgumentException naming the problem
     */
    static String checkMessageType(String type) {
        if (type == null || type.isEmpty()) {
            throw new IllegalArgumentException("a message type is required");
        }
        if (type.length() > 64 || !type.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("message type '" + (type.length() > 64 ? type.substring(0, 64) + "…" : type)
                    + "' must be lower-case a-z, 0-9 and '_', start with a letter and be at most 64 characters");
        }
        if (type.equals("error")) {
            throw new IllegalArgumentException("message type 'error' is reserved for refusals; use RoomContext.refuse");
        }
        return type;
    }

    /**
     * Checks a body's size against {@link #MAX_BODY_BYTES}.
     *
     * @return the body
     * @throws IllegalArgumentException if it is too large
     */
    static JsonObject checkBodySize(JsonObject body) {
        int bytes = body.toJson().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("message body is " + bytes + " bytes of JSON; at most " + MAX_BODY_BYTES
                    + " are allowed (a frame is at most 64 KiB); send less or page it");
        }
        return body;
    }
}
