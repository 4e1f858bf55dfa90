package org.plenum.voting.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.plenum.server.TestServer;
import org.plenum.server.signaling.SignalingClient;

/**
 * Not a timed test: how long 500 ballots take over WebSocket, from the first cast to the signed result, and how long
 * the report takes. Run with {@code -Pvoting-bench} (not part of the normal build); figures go to docs/performance.md.
 */
class VotingBenchmarkIT {

    @Test
    void fiveHundredBallotsOverWebSocketAndTheReport() throws Exception {
        int voters = Integer.getInteger("voting.bench.voters", 500);
        try (VotingServer s = VotingServer.startWithPlugin(Files.createTempDirectory("plenum-voting-bench"))) {
            String chairToken = s.member("bench-chair", "Vorsitz");
            String roomId = s.room(chairToken);
            String invite = s.t.post("/api/v1/rooms/" + roomId + "/invites", chairToken, Map.of()).text("token");
            List<SignalingClient> clients = new ArrayList<>();
            try (SignalingClient chair = s.join(chairToken, roomId)) {
                for (int i = 0; i < voters; i++) {
                    TestServer.Reply t = s.t.post("/api/v1/rooms/" + roomId + "/tickets", null, Map.of("inviteToken", invite, "displayName", "Gast " + i));
                    assertThat(t.status()).as(t.raw().body()).isEqualTo(201);
                    SignalingClient c = SignalingClient.connect(s.t);
                    c.join(t.text("ticket"));
                    clients.add(c);
                }
                JsonNode started = VotingServer.call(chair, "start", Map.of("kind", "roll_call", "question", "Benchmark",
                        "eligibleRoles", List.of("guest"), "guestsMayVote", true));
                String voteId = started.path("body").path("voteId").asText();
                long t0 = System.nanoTime();
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < voters; i++) {
                    ids.add(clients.get(i).send("voting", "cast", Map.of("voteId", voteId, "choice", i % 3 == 0 ? "no" : "yes")));
                }
                JsonNode closed = chair.await("voting", "closed").path("body");
                long castAndCount = System.nanoTime() - t0;
                assertThat(closed.path("cast").asInt()).isEqualTo(voters);
                long r0 = System.nanoTime();
                TestServer.Reply pdf = s.t.get("/api/v1/plugins/voting/votes/" + voteId + "/report.pdf?lang=de", chairToken);
                long report = System.nanoTime() - r0;
                assertThat(pdf.status()).isEqualTo(200);
                long v0 = System.nanoTime();
                s.t.get("/api/v1/plugins/voting/votes/" + voteId + "/verification", chairToken);
                long verify = System.nanoTime() - v0;
                System.out.printf("BENCH voters=%d castAndCountMs=%d reportMs=%d reportBytes=%d verifyMs=%d%n", voters, castAndCount / 1_000_000,
                        report / 1_000_000, pdf.raw().body().length(), verify / 1_000_000);
            } finally {
                clients.forEach(SignalingClient::close);
            }
        }
    }
}
