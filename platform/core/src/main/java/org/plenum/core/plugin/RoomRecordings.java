package org.plenum.core.plugin;

import java.util.ArrayList;
import java.util.List;
import org.plenum.api.room.Recording;
import org.plenum.api.room.RecordingKind;
import org.plenum.api.room.RoomContext;
import org.plenum.core.security.SecureTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recordings the modules of one room have declared, oldest first. Lives on the room's thread. Every
 * start and end goes to the {@link RoomPort} at once (not with the call's other sends): a call that hangs
 * after declaring is abandoned, and what it declared must not stay hidden.
 */
final class RoomRecordings {

    private static final Logger log = LoggerFactory.getLogger(RoomRecordings.class);

    /** Why the host ended a recording, as {@code control/recording_stopped} says. */
    static final String STOPPED = "stopped";
    static final String MEETING_ENDED = "meeting_ended";

    private final RoomPort port;
    private final List<Handle> active = new ArrayList<>();

    RoomRecordings(RoomPort port) {
        this.port = port;
    }

    Recording start(RoomPlugins.Slot owner, RecordingKind kind, String label) {
        if (kind == null) {
            throw new IllegalArgumentException("a recording needs a kind (RecordingKind.RECORDING, TRANSCRIPTION or STREAMING)");
        }
        String checked = Recording.checkLabel(label);
        long mine = active.stream().filter(h -> h.owner == owner).count();
        if (mine >= RoomContext.MAX_ACTIVE_RECORDINGS) {
            throw new IllegalStateException("plugin " + owner.plugin.id() + " already has " + mine
                    + " active recordings in this room; stop one first");
        }
        Handle h = new Handle(owner, new ActiveRecording("rec-" + SecureTokens.urlSafe(12), kind.wireName(), checked,
                owner.plugin.id().value(), port.clock().instant()), kind);
        active.add(h);
        log.atInfo().setMessage("recording started").addKeyValue("room", port.roomId()).addKeyValue("plugin", h.view.plugin())
                .addKeyValue("recording", h.view.id()).addKeyValue("kind", h.view.kind()).log();
        port.recordingStarted(h.view);
        return h;
    }

    /** This module's active recordings. */
    List<Recording> of(RoomPlugins.Slot owner) {
        return active.stream().filter(h -> h.owner == owner).map(h -> (Recording) h).toList();
    }

    /** Every active recording in the room, for the join snapshot. */
    List<ActiveRecording> views() {
        return active.stream().map(h -> h.view).toList();
    }

    /** The module is gone (stopped, failed, updated): what it declared ends with it. */
    void endAllOf(RoomPlugins.Slot owner, String reason) {
        for (Handle h : new ArrayList<>(active)) {
            if (h.owner == owner) {
                end(h, reason);
            }
        }
    }

    void endAll(String reason) {
        for (Handle h : new ArrayList<>(active)) {
            end(h, reason);
        }
    }

    private void end(Handle h, String reason) {
        if (!active.remove(h)) {
            return;
        }
        h.active = false;
        log.atInfo().setMessage("recording stopped").addKeyValue("room", port.roomId()).addKeyValue("plugin", h.view.plugin())
                .addKeyValue("recording", h.view.id()).addKeyValue("reason", reason).log();
        port.recordingStopped(h.view, reason, port.clock().instant());
    }

    /** The plugin's handle; {@link #stop()} is its own end, on the room's thread like every use of the room. */
    private final class Handle implements Recording {
        final RoomPlugins.Slot owner;
        final ActiveRecording view;
        final RecordingKind kind;
        volatile boolean active = true;

        Handle(RoomPlugins.Slot owner, ActiveRecording view, RecordingKind kind) {
            this.owner = owner;
            this.view = view;
            this.kind = kind;
        }

        @Override
        public String id() {
            return view.id();
        }

        @Override
        public RecordingKind kind() {
            return kind;
        }

        @Override
        public String label() {
            return view.label();
        }

        @Override
        public java.time.Instant startedAt() {
            return view.startedAt();
        }

        @Override
        public boolean isActive() {
            return active;
        }

        @Override
        public void stop() {
            if (!active) {
                return;
            }
            owner.context.checkThread();
            end(this, STOPPED);
        }

        @Override
        public String toString() {
            return "Recording[" + view.id() + " " + view.kind() + " '" + view.label() + "' by " + view.plugin() + "]";
        }
    }
}
