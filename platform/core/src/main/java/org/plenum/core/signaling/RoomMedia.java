package org.plenum.core.signaling;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.plenum.core.signaling.frame.ClientMessage;
import org.plenum.core.signaling.frame.ErrorCode;
import org.plenum.core.signaling.frame.ServerMessage;
import org.plenum.core.signaling.frame.SignalingException;
import org.plenum.media.engine.ConnectionQuality;
import org.plenum.media.engine.MediaEngine;
import org.plenum.media.engine.MediaException;
import org.plenum.media.engine.MediaListener;
import org.plenum.media.engine.MediaParticipant;
import org.plenum.media.engine.MediaRoom;
import org.plenum.media.engine.MediaSource;
import org.plenum.media.engine.TileHint;
import org.plenum.media.engine.TrackInfo;

/**
 * The {@code media} namespace of one live room: it hands SDP, view hints and mutes to the media engine and
 * brings the engine's offers, speaker changes and quality back to the participants. Runs on the room's
 * thread; the engine's callbacks are posted to it.
 */
final class RoomMedia {

    private final LiveRoom room;
    private final MediaEngine engine;
    private MediaRoom mediaRoom;
    private final Map<String, MediaParticipant> peers = new HashMap<>();
    /** The newest subscribe offer per participant, sent again when they resume on a new socket. */
    private final Map<String, ServerMessage.MediaOffer> offers = new HashMap<>();

    RoomMedia(LiveRoom room, MediaEngine engine) {
        this.room = room;
        this.engine = engine;
    }

    /** Settings for the join snapshot; null when the server runs without media. */
    ServerMessage.MediaSettings settingsFor(Participant p) {
        if (engine == null) {
            return null;
        }
        List<ServerMessage.IceServer> servers = new ArrayList<>();
        for (MediaEngine.IceServer s : engine.iceServers(p.id)) {
            servers.add(new ServerMessage.IceServer(s.urls(), s.username(), s.credential()));
        }
        return new ServerMessage.MediaSettings(servers, engine.config().lastN());
    }

    /** An admitted participant gets its media side (nothing flows until it publishes or is offered tracks). */
    void admitted(Participant p) {
        if (engine == null) {
            return;
        }
        if (mediaRoom == null) {
            mediaRoom = engine.room(room.id);
        }
        MediaParticipant mp = mediaRoom.join(p.id, new Listener(p.id));
        peers.put(p.id, mp);
        if (p.mutedBy != null) {
            mp.enforceMute(true);
        }
    }

    /** A participant on a new socket gets the newest offer again: the old socket may have lost it. */
    void reattached(Participant p) {
        ServerMessage.MediaOffer offer = offers.get(p.id);
        if (offer != null && p.session != null) {
            p.session.send(offer, null);
        }
    }

    void left(Participant p) {
        MediaParticipant mp = peers.remove(p.id);
        offers.remove(p.id);
        if (mp != null) {
            mp.leave();
        }
    }

    /** A moderator muted {@code target}: from now on the engine drops its audio. */
    void mutedByModerator(Participant target) {
        MediaParticipant mp = peers.get(target.id);
        if (mp != null) {
            mp.enforceMute(true);
        }
    }

    void close() {
        peers.clear();
        offers.clear();
        if (mediaRoom != null) {
            mediaRoom.close();
            mediaRoom = null;
        }
    }

    /** @return true when the request is (or will be) answered by this method */
    boolean handle(Participant p, ClientMessage.Media m, String re) {
        if (m instanceof ClientMessage.MuteState ms) {
            muteState(p, ms);
            return false;
        }
        MediaParticipant mp = peers.get(p.id);
        if (mp == null) {
            throw new SignalingException(ErrorCode.UNAVAILABLE, "media is not available on this server");
        }
        switch (m) {
            case ClientMessage.Publish pub -> {
                Map<String, MediaSource> sources = new LinkedHashMap<>();
                pub.sources().forEach((mid, source) -> sources.put(mid, MediaSource.fromWire(source)));
                mp.publish(pub.sdp(), sources).whenComplete((answer, error) -> room.post(new RoomEvent.MediaTask(() -> {
                    if (p.session == null) {
                        return;
                    }
                    if (error != null) {
                        p.session.sendError("media", re, ErrorCode.INVALID_REQUEST, reason(error));
                    } else {
                        p.session.send(new ServerMessage.MediaAnswer(answer), re);
                    }
                })));
                return true;
            }
            case ClientMessage.SubscribeAnswer a -> {
                mp.answerSubscribe(a.sdp(), a.version()).whenComplete((ok, error) -> room.post(new RoomEvent.MediaTask(() -> {
                    if (p.session == null) {
                        return;
                    }
                    if (error != null) {
                        p.session.sendError("media", re, ErrorCode.INVALID_REQUEST, reason(error));
                    } else if (re != null) {
                        p.session.send(new ServerMessage.Ok("media"), re);
                    }
                })));
                return true;
            }
            case ClientMessage.View v -> {
                List<TileHint> tiles = new ArrayList<>();
                for (ClientMessage.View.Tile t : v.tiles()) {
                    tiles.add(new TileHint(t.participantId(), MediaSource.fromWire(t.source()), t.width(), t.height()));
                }
                mp.view(tiles);
                return false;
            }
            case ClientMessage.AudioOnly a -> {
                mp.audioOnly(a.enabled());
                return false;
            }
            case ClientMessage.MuteState ms -> throw new IllegalStateException("handled above");
        }
    }

    /**
     * The participant's own microphone and camera state. Unmuting oneself lifts a moderator's mute: the
     * engine enforces the mute against clients that ignore it, but a person may speak again deliberately,
     * and everyone sees that they did (participant_updated).
     */
    private void muteState(Participant p, ClientMessage.MuteState ms) {
        List<String> changed = new ArrayList<>();
        if (ms.audio() != null && ms.audio() != p.muted) {
            p.muted = ms.audio();
            changed.add("muted");
            if (!p.muted && p.mutedBy != null) {
                p.mutedBy = null;
                MediaParticipant mp = peers.get(p.id);
                if (mp != null) {
                    mp.enforceMute(false);
                }
            }
        }
        if (ms.video() != null && ms.video() != p.videoMuted) {
            p.videoMuted = ms.video();
            changed.add("video");
        }
        if (!changed.isEmpty()) {
            room.broadcast(new ServerMessage.ParticipantUpdated(p.view(), changed), null);
        }
    }

    private static String reason(Throwable error) {
        Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (t instanceof MediaException) {
            return t.getMessage();
        }
        return "the media engine could not handle this request; try again";
    }

    /** Engine callbacks, posted to the room's thread. */
    private final class Listener implements MediaListener {
        private final String participantId;

        Listener(String participantId) {
            this.participantId = participantId;
        }

        @Override
        public void subscribeOffer(String sdp, long version, List<TrackInfo> tracks) {
            List<ServerMessage.MediaTrack> views = tracks.stream()
                    .map(t -> new ServerMessage.MediaTrack(t.mid(), t.participantId(), t.source().wireName())).toList();
            ServerMessage.MediaOffer offer = new ServerMessage.MediaOffer(sdp, version, views);
            room.post(new RoomEvent.MediaTask(() -> {
                if (!peers.containsKey(participantId)) {
                    return;
                }
                offers.put(participantId, offer);
                Participant p = room.participantOrNull(participantId);
                if (p != null && p.session != null) {
                    p.session.send(offer, null);
                }
            }));
        }

        @Override
        public void dominantSpeaker(String speakerId) {
            room.post(new RoomEvent.MediaTask(() -> {
                Participant p = room.participantOrNull(participantId);
                if (p != null && p.session != null) {
                    p.session.send(new ServerMessage.DominantSpeaker(speakerId), null);
                }
            }));
        }

        @Override
        public void quality(ConnectionQuality q) {
            room.post(new RoomEvent.MediaTask(() -> {
                Participant p = room.participantOrNull(participantId);
                if (p == null) {
                    return;
                }
                if (p.session != null) {
                    p.session.send(new ServerMessage.MediaQuality(q.score(), q.loss(), q.rttMillis(), q.jitterMillis()), null);
                }
                if (p.quality == null || p.quality != q.score()) {
                    p.quality = q.score();
                    room.broadcast(new ServerMessage.ParticipantUpdated(p.view(), List.of("quality")), null);
                }
            }));
        }

        @Override
        public void mediaFailed(String reason) {
            room.post(new RoomEvent.MediaTask(() -> {
                Participant p = room.participantOrNull(participantId);
                if (p != null && p.session != null) {
                    p.session.send(new ServerMessage.MediaFailed(reason), null);
                }
            }));
        }
    }
}
