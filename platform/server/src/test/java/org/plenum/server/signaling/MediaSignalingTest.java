package org.plenum.server.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plenum.server.TestServer;

/**
 * The {@code media} namespace over a real socket, without a browser: what the join snapshot says about
 * media, how bad SDP and malformed media frames are refused (the connection and the room stay), and how a
 * moderator's mute and a participant's own unmute show up for everyone. Media flow itself is tested with
 * real peers in media-engine and it-tests.
 */
class MediaSignalingTest {

    static TestServer t;
    static MeetingFixture f;

    @BeforeAll
    static void start() {
        t = TestServer.start(Map.of("media.turn.urls", "turns:turn.example.org:443?transport=tcp",
                "media.turn.secret", "coturn-shared-secret", "media.turn.ttl", "1h", "media.last.n", "4"));
        f = new MeetingFixture(t);
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void theJoinSnapshotCarriesTimeLimitedTurnCredentialsAndLastN() {
        String room = f.room("off");
        try (SignalingClient chair = SignalingClient.connect(t)) {
            JsonNode media = chair.join(f.ticket(f.chair, room)).path("body").path("media");
            assertThat(media.path("lastN").asInt()).isEqualTo(4);
            JsonNode server = media.path("iceServers").get(0);
            assertThat(server.path("urls").get(0).asText()).isEqualTo("turns:turn.example.org:443?transport=tcp");
            String username = server.path("username").asText();
            long expiry = Long.parseLong(username.substring(0, username.indexOf(':')));
            long now = System.currentTimeMillis() / 1000;
            assertThat(expiry).isBetween(now + 3500, now + 3700);
            assertThat(username).endsWith(":" + chair.participantId);
            assertThat(server.path("credential").asText()).isNotBlank();
        }
    }

    @Test
    void badSdpAndMalformedMediaFramesAreRefusedAndTheConnectionStays() {
        String room = f.room("off");
        String bert = f.user("mbert", "Bert Media");
        try (SignalingClient chair = f.join(f.chair, room); SignalingClient other = f.join(bert, room)) {
            // well-formed frames whose SDP the engine cannot use: invalid_request, naming the problem
            JsonNode garbage = chair.requestRefused("media", "publish", Map.of("sdp", "this is not an SDP offer"), "invalid_request");
            assertThat(garbage.path("body").path("message").asText()).contains("publish offer");
            JsonNode noBundle = chair.requestRefused("media", "publish", Map.of("sdp",
                    "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\n"
                            + "a=mid:0\r\na=sendonly\r\na=rtpmap:111 opus/48000/2\r\n"), "invalid_request");
            assertThat(noBundle.path("body").path("message").asText()).containsIgnoringCase("bundle");
            JsonNode noOffer = chair.requestRefused("media", "answer", Map.of("sdp", "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\n", "version", 7),
                    "invalid_request");
            assertThat(noOffer.path("body").path("message").asText()).contains("offer");

            // frames the schemas refuse: invalid_message
            List<Map<String, ?>> bad = new ArrayList<>();
            bad.add(Map.of("sdp", "v=0".repeat(20_001)));
            bad.add(Map.of("sdp", "v=0\r\nplenty of text", "sources", Map.of("0", "webcam")));
            bad.add(Map.of("sdp", "v=0\r\nplenty of text", "sources", Map.of("bad mid with spaces", "camera")));
            bad.add(Map.of("sdp", 42));
            bad.add(Map.of());
            for (Map<String, ?> body : bad) {
                chair.requestRefused("media", "publish", body, "invalid_message");
            }
            chair.requestRefused("media", "answer", Map.of("sdp", "v=0\r\nplenty of text", "version", 0), "invalid_message");
            chair.requestRefused("media", "answer", Map.of("sdp", "v=0\r\nplenty of text"), "invalid_message");
            List<Map<String, Object>> tooMany = new ArrayList<>();
            for (int i = 0; i < 201; i++) {
                tooMany.add(Map.of("participantId", "p-" + i, "source", "camera", "width", 320, "height", 180));
            }
            chair.requestRefused("media", "view", Map.of("tiles", tooMany), "invalid_message");
            chair.requestRefused("media", "view", Map.of("tiles", List.of(Map.of("participantId", "p-1", "source", "camera",
                    "width", 100_000, "height", 180))), "invalid_message");
            chair.requestRefused("media", "view", Map.of("tiles", List.of(Map.of("participantId", "p-1", "source", "microphone",
                    "width", 10, "height", 10))), "invalid_message");
            chair.requestRefused("media", "audio_only", Map.of("enabled", "yes"), "invalid_message");
            chair.requestRefused("media", "mute_state", Map.of(), "invalid_message");
            chair.requestRefused("media", "offer", Map.of("sdp", "v=0"), "unknown_type");

            // the well-formed ones that need no SDP are accepted, and the room goes on
            chair.request("media", "view", Map.of("tiles", List.of(Map.of("participantId", other.participantId, "source", "camera",
                    "width", 640, "height", 360))));
            chair.request("media", "audio_only", Map.of("enabled", true));
            assertThat(chair.isClosed()).isFalse();
            chair.request("chat", "send", Map.of("text", "still here"));
            other.await("chat", "message", m -> m.path("text").asText().equals("still here"));
        }
    }

    @Test
    void aModeratorsMuteIsSeenByEveryoneAndLiftedOnlyByTheParticipantsOwnUnmute() {
        String room = f.room("off");
        String bert = f.user("mute-bert", "Bert Stumm");
        try (SignalingClient chair = f.join(f.chair, room); SignalingClient b = f.join(bert, room)) {
            chair.request("moderation", "mute", Map.of("participantId", b.participantId));
            JsonNode muted = b.await("control", "participant_updated", u -> u.path("changed").toString().contains("muted"));
            assertThat(muted.path("body").path("participant").path("muted").asBoolean()).isTrue();
            assertThat(muted.path("body").path("participant").path("mutedBy").asText()).isEqualTo(chair.participantId);

            // turning the camera off is a separate flag and does not touch the mute
            b.request("media", "mute_state", Map.of("video", true));
            JsonNode camera = chair.await("control", "participant_updated", u -> u.path("changed").toString().contains("video"));
            assertThat(camera.path("body").path("participant").path("videoMuted").asBoolean()).isTrue();
            assertThat(camera.path("body").path("participant").path("mutedBy").asText()).isEqualTo(chair.participantId);

            // the participant unmutes deliberately: everyone sees it, and the moderator's mute is gone
            b.request("media", "mute_state", Map.of("audio", false));
            JsonNode unmuted = chair.await("control", "participant_updated",
                    u -> u.path("changed").toString().contains("muted") && !u.path("participant").path("muted").asBoolean());
            assertThat(unmuted.path("body").path("participant").has("mutedBy")).isFalse();
        }
    }
}
