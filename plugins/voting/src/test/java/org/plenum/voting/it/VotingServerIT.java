package org.plenum.voting.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.plenum.server.TestServer;
import org.plenum.server.signaling.SignalingClient;
import org.slf4j.LoggerFactory;

/**
 * The signed voting bundle in the real server, used over WebSocket and HTTP: the acceptance points that need real
 * concurrency, the real database (the core's audit tables and the plugin's schema) and a restart.
 * (A package of its own: failsafe puts the signed jar on the class path.)
 */
class VotingServerIT {

    private static VotingServer server;
    private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();

    @BeforeAll
    static void start() throws Exception {
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        LOG.start();
        root.addAppender(LOG);
        server = VotingServer.startWithPlugin(Files.createTempDirectory("plenum-voting-it"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void v04_fiftyParallelBallotsOfOneVoterFromThreeConnectionsCountExactlyOnce() throws Exception {
        String chairToken = server.member("v4-chair", "Vorsitz V4");
        server.member("v4-member", "Mitglied V4");
        String roomId = server.room(chairToken);
        try (SignalingClient chair = server.join(chairToken, roomId);
             SignalingClient d1 = server.join(server.login("v4-member"), roomId);
             SignalingClient d2 = server.join(server.login("v4-member"), roomId);
             SignalingClient d3 = server.join(server.login("v4-member"), roomId)) {
            JsonNode started = VotingServer.call(chair, "start", Map.of("kind", "roll_call", "question", "Haushalt 2027?", "autoClose", false));
            String voteId = started.path("body").path("voteId").asText();
            List<SignalingClient> devices = List.of(d1, d2, d3);
            ExecutorService pool = Executors.newFixedThreadPool(3);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<String>>> sent = new ArrayList<>();
            for (int d = 0; d < 3; d++) {
                SignalingClient device = devices.get(d);
                int n = d == 0 ? 18 : 16;
                String choice = d == 1 ? "no" : "yes";
                sent.add(pool.submit(() -> {
                    go.await();
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        ids.add(device.send("voting", "cast", Map.of("voteId", voteId, "choice", choice)));
                    }
                    return ids;
                }));
            }
            go.countDown();
            int accepted = 0;
            int refused = 0;
            for (int d = 0; d < 3; d++) {
                for (String id : sent.get(d).get()) {
                    JsonNode reply = VotingServer.answer(devices.get(d), id);
                    if (reply.path("type").asText().equals("cast_ok")) {
                        accepted++;
                    } else {
                        refused++;
                    }
                }
            }
            pool.shutdown();
            assertThat(accepted).isEqualTo(1);
            assertThat(refused).isEqualTo(49);
            VotingServer.call(chair, "close", Map.of("voteId", voteId));
            JsonNode closed = chair.await("voting", "closed").path("body");
            assertThat(closed.path("cast").asInt()).isEqualTo(1);
            assertThat(closed.path("valid").asBoolean()).isTrue();

            // the same for a secret vote: one credential per voter, one ballot per credential, 50 anonymous tries at once
            JsonNode secret = VotingServer.call(chair, "start", Map.of("kind", "secret", "question", "Geheime Wahl", "autoClose", false));
            JsonNode vote = d1.await("voting", "started", b -> b.path("vote").path("kind").asText().equals("secret")).path("body").path("vote");
            VotingServer.Credential credential = VotingServer.credential(d1, vote);
            assertThat(VotingServer.answer(d2, d2.send("voting", "credential", Map.of("voteId", vote.path("voteId").asText(), "blindedMessage", "AAAA")))
                    .path("body").path("code").asText()).isEqualTo("conflict");
            HttpClient anonymous = HttpClient.newHttpClient();
            ExecutorService burst = Executors.newFixedThreadPool(16);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String choice = i % 2 == 0 ? "yes" : "no";
                statuses.add(burst.submit(() -> server.castSecret(anonymous, vote.path("voteId").asText(), credential, choice).statusCode()));
            }
            int ok = 0;
            for (Future<Integer> s : statuses) {
                ok += s.get() == 200 ? 1 : 0;
            }
            burst.shutdown();
            assertThat(ok).isEqualTo(1);
            VotingServer.call(chair, "close", Map.of("voteId", vote.path("voteId").asText()));
            assertThat(chair.await("voting", "closed", b -> b.path("kind").asText().equals("secret")).path("body").path("cast").asInt()).isEqualTo(1);
        }
    }

    @Test
    void v10_afterASecretVoteOfFiveTheWholeDatabaseAndTheServerLogLinkNoIdentityToAChoice() throws Exception {
        List<String> names = List.of("Anna Amsel", "Bernd Bussard", "Clara Córdoba", "Dieter Dohle", "Erika Elster");
        String chairToken = server.member("v10-chair", "Vorsitz Zehn");
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            tokens.add(server.member("v10-m" + i, names.get(i)));
        }
        String roomId = server.room(chairToken);
        List<String> choices = List.of("Kandidatin Nord", "Kandidat Süd", "Kandidatin Nord", "Kandidat Ost", "Kandidat Süd");
        List<SignalingClient> clients = new ArrayList<>();
        try (SignalingClient chair = server.join(chairToken, roomId)) {
            for (String t : tokens) {
                clients.add(server.join(t, roomId));
            }
            JsonNode started = VotingServer.call(chair, "start", Map.of("kind", "secret", "purpose", "election", "question", "Wahl der Beigeordneten",
                    "options", List.of("Kandidatin Nord", "Kandidat Süd", "Kandidat Ost"), "eligibleRoles", List.of("participant")));
            String voteId = started.path("body").path("voteId").asText();
            HttpClient anonymous = HttpClient.newHttpClient();
            for (int i = 0; i < clients.size(); i++) {
                JsonNode vote = clients.get(i).await("voting", "started").path("body").path("vote");
                VotingServer.Credential c = VotingServer.credential(clients.get(i), vote);
                HttpResponse<String> r = server.castSecret(anonymous, voteId, c, choices.get(i));
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            }
            JsonNode closed = chair.await("voting", "closed").path("body");
            assertThat(closed.path("outcome").asText()).isEqualTo("all_voted");
            assertThat(closed.toString()).contains("\"option\":\"Kandidatin Nord\",\"count\":2".replace(",\"count\":2", "")).doesNotContain("Anna");

            // every row of every table of every schema, as text: no row holds a person and a choice together
            List<String> identities = new ArrayList<>(names);
            for (int i = 0; i < names.size(); i++) {
                identities.add("v10-m" + i);
            }
            List<String> rows = dumpEveryRow();
            assertThat(rows).anyMatch(r -> r.contains("Kandidatin Nord")).anyMatch(r -> r.contains("Anna Amsel"));
            for (String row : rows) {
                boolean person = identities.stream().anyMatch(row::contains) || containsUserIdOf(row);
                boolean choice = choices.stream().anyMatch(c -> row.contains("\"choice\":\"" + c) || row.contains("\"choice\": \"" + c)
                        || row.matches("(?s).*\"choice\"\\s*:\\s*\"Kandidat.*"));
                assertThat(person && choice).as("a row linking a person to a choice: %s", row).isFalse();
            }
            // and the server log
            for (ILoggingEvent e : LOG.list) {
                String line = e.getFormattedMessage() + " " + e.getKeyValuePairs();
                assertThat(identities.stream().anyMatch(line::contains) && choices.stream().anyMatch(line::contains)).as(line).isFalse();
            }
        } finally {
            clients.forEach(SignalingClient::close);
        }
    }

    private static boolean containsUserIdOf(String row) {
        return row.contains("\"voter\"");
    }

    private static List<String> dumpEveryRow() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = server.superuser(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select table_schema, table_name from information_schema.tables where table_type = 'BASE TABLE'"
                    + " and table_schema not in ('pg_catalog', 'information_schema')")) {
                while (rs.next()) {
                    tables.add("\"" + rs.getString(1) + "\".\"" + rs.getString(2) + "\"");
                }
            }
            assertThat(tables).anyMatch(t -> t.contains("ballot_box")).anyMatch(t -> t.contains("audit_entry"));
            for (String t : tables) {
                try (ResultSet rs = s.executeQuery("select row_to_json(x)::text from " + t + " x")) {
                    while (rs.next()) {
                        out.add(t + " " + rs.getString(1));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void v13_editingDeletingOrReorderingRowsInPostgresIsFoundAtTheExactEntry() throws Exception {
        String chairToken = server.member("v13-chair", "Vorsitz Dreizehn");
        String aToken = server.member("v13-a", "Mitglied A");
        String roomId = server.room(chairToken);
        String voteId;
        try (SignalingClient chair = server.join(chairToken, roomId); SignalingClient a = server.join(aToken, roomId)) {
            voteId = VotingServer.call(chair, "start", Map.of("kind", "roll_call", "question", "Satzung ändern?")).path("body").path("voteId").asText();
            VotingServer.call(a, "cast", Map.of("voteId", voteId, "choice", "yes"));
            VotingServer.call(chair, "cast", Map.of("voteId", voteId, "choice", "no"));
            chair.await("voting", "closed");
        }
        assertThat(verify(chairToken, voteId).path("intact").asBoolean()).isTrue();
        String chain = "(select id from plenum.audit_chain where name = 'vote/" + voteId + "')";
        String replica = "set session_replication_role = replica";

        // core audit_entry: an edited payload
        server.superuserSql(replica, "update plenum.audit_entry set payload = replace(payload, '\"choice\":\"yes\"', '\"choice\":\"no\"')"
                + " where chain_id = " + chain + " and seq = 3");
        assertFinding(chairToken, voteId, "ledger", "entry 3", "content_altered");
        server.superuserSql(replica, "update plenum.audit_entry set payload = replace(payload, '\"choice\":\"no\"', '\"choice\":\"yes\"')"
                + " where chain_id = " + chain + " and seq = 3");
        // core audit_entry: two entries reordered
        server.superuserSql(replica, "update plenum.audit_entry set seq = 1000003 where chain_id = " + chain + " and seq = 3",
                "update plenum.audit_entry set seq = 3 where chain_id = " + chain + " and seq = 4",
                "update plenum.audit_entry set seq = 4 where chain_id = " + chain + " and seq = 1000003");
        assertFinding(chairToken, voteId, "ledger", "entry 3", "out_of_sequence");
        server.superuserSql(replica, "update plenum.audit_entry set seq = 1000003 where chain_id = " + chain + " and seq = 3",
                "update plenum.audit_entry set seq = 3 where chain_id = " + chain + " and seq = 4",
                "update plenum.audit_entry set seq = 4 where chain_id = " + chain + " and seq = 1000003");
        assertThat(verify(chairToken, voteId).path("intact").asBoolean()).isTrue();

        // plugin tables: ballot edited, roster deleted, vote result edited
        server.superuserSql("update plugin_voting.ballot set choice = 'abstain' where vote_id = '" + voteId + "' and ledger_seq = 3");
        assertFinding(chairToken, voteId, "ballot", null, "altered");
        server.superuserSql("update plugin_voting.ballot set choice = 'yes' where vote_id = '" + voteId + "' and ledger_seq = 3",
                "update plugin_voting.ballot set ledger_seq = 99 where vote_id = '" + voteId + "' and choice = 'no'");
        assertFinding(chairToken, voteId, "ballot", null, "reordered");
        server.superuserSql("update plugin_voting.ballot set ledger_seq = 4 where vote_id = '" + voteId + "' and choice = 'no'",
                "delete from plugin_voting.ballot where vote_id = '" + voteId + "' and choice = 'no'");
        assertFinding(chairToken, voteId, "ballot", null, "deleted");
        server.superuserSql("update plugin_voting.roster set eligible = false where vote_id = '" + voteId + "'");
        assertFinding(chairToken, voteId, "roster", null, "altered");
        server.superuserSql("update plugin_voting.vote set result = replace(result, '\"count\":1', '\"count\":7') where id = '" + voteId + "'");
        JsonNode last = assertFinding(chairToken, voteId, "vote", "result", "tally_mismatch");
        assertThat(last.path("resultValid").asBoolean()).isFalse();
        // core audit_entry: an entry deleted
        server.superuserSql(replica, "delete from plenum.audit_entry where chain_id = " + chain + " and seq = 4");
        assertFinding(chairToken, voteId, "ledger", "entry 4", "out_of_sequence");

        // bin/plenum verify-vote says the same
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int exit = org.plenum.server.cli.VerifyVoteCommand.run(new String[] {voteId},
                Map.of("PLENUM_URL", server.t.server.url().toString(), "PLENUM_TOKEN", chairToken),
                new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8), System.err);
        String printed = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isEqualTo(1);
        assertThat(printed).contains("BROKEN       ledger / entry 4 [out_of_sequence]").contains("FAILED");
    }

    private static JsonNode verify(String token, String voteId) {
        TestServer.Reply r = server.t.get("/api/v1/plugins/voting/votes/" + voteId + "/verification", token);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        return r.body();
    }

    private static JsonNode assertFinding(String token, String voteId, String table, String entry, String problem) {
        JsonNode v = verify(token, voteId);
        assertThat(v.path("intact").asBoolean()).as(v.toString()).isFalse();
        boolean found = false;
        for (JsonNode f : v.path("findings")) {
            if (f.path("table").asText().equals(table) && f.path("problem").asText().equals(problem)
                    && (entry == null || f.path("entry").asText().equals(entry))) {
                found = true;
            }
        }
        assertThat(found).as("a finding %s/%s/%s in %s", table, entry, problem, v).isTrue();
        return v;
    }

    @Test
    void v15_aRestartMidVoteLosesNoVoteAndCountsNoneTwice() throws Exception {
        Path dir = Files.createTempDirectory("plenum-voting-restart");
        VotingServer first = VotingServer.startWithPlugin(dir);
        String tenant = first.tenantId;
        String chairToken = first.member("v15-chair", "Vorsitz");
        first.member("v15-a", "A");
        first.member("v15-b", "B");
        first.member("v15-c", "C");
        String roomId = first.room(chairToken);
        String voteId;
        String secretVote;
        VotingServer.Credential cCredential;
        try (SignalingClient chair = first.join(chairToken, roomId); SignalingClient a = first.join(first.login("v15-a"), roomId);
             SignalingClient b = first.join(first.login("v15-b"), roomId); SignalingClient c = first.join(first.login("v15-c"), roomId)) {
            voteId = VotingServer.call(chair, "start", Map.of("kind", "pseudonymous", "question", "Vor dem Neustart?")).path("body").path("voteId").asText();
            VotingServer.call(a, "cast", Map.of("voteId", voteId, "choice", "yes"));
            VotingServer.call(b, "cast", Map.of("voteId", voteId, "choice", "no"));
        }
        first.close();

        try (VotingServer second = VotingServer.restart(dir, tenant)) {
            String chair2 = second.login("v15-chair");
            try (SignalingClient chair = second.join(chair2, roomId); SignalingClient a = second.join(second.login("v15-a"), roomId);
                 SignalingClient c = second.join(second.login("v15-c"), roomId)) {
                JsonNode again = VotingServer.answer(a, a.send("voting", "cast", Map.of("voteId", voteId, "choice", "no")));
                if (again.path("body").path("code").asText().equals("unavailable")) {
                    again = VotingServer.answer(a, a.send("voting", "cast", Map.of("voteId", voteId, "choice", "no")));
                }
                assertThat(again.path("body").path("code").asText()).as("A voted before the restart").isEqualTo("conflict");
                VotingServer.call(c, "cast", Map.of("voteId", voteId, "choice", "yes"));
                VotingServer.call(chair, "cast", Map.of("voteId", voteId, "choice", "abstain"));
                JsonNode closed = chair.await("voting", "closed").path("body");
                assertThat(closed.path("outcome").asText()).isEqualTo("all_voted");
                assertThat(closed.path("cast").asInt()).isEqualTo(4);
                assertThat(closed.path("counts").toString()).contains("{\"count\":2,\"option\":\"yes\"}", "{\"count\":1,\"option\":\"no\"}",
                        "{\"count\":1,\"option\":\"abstain\"}");
                assertThat(closed.path("valid").asBoolean()).isTrue();
                assertThat(verify2(second, chair2, voteId).path("intact").asBoolean()).isTrue();
            }
        }
    }

    private static JsonNode verify2(VotingServer s, String token, String voteId) {
        return s.t.get("/api/v1/plugins/voting/votes/" + voteId + "/verification", token).body();
    }
}
