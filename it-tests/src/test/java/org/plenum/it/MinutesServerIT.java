package org.plenum.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.plenum.it.support.Api;
import org.plenum.it.support.PluginAdmin;
import org.plenum.it.support.PluginCli;
import org.plenum.it.support.ServerRecords;
import org.plenum.it.support.SignedPlugins;
import org.plenum.it.support.Socket;
import org.plenum.it.support.TestRun;

/**
 * Issue 6 at the level of the real server: the signed minutes bundle the distribution ships is installed with
 * {@code bin/plenum plugin install}, the signed voting bundle over the admin API, both into the running distribution;
 * the minutes' migrations run from inside the bundle; a chair, a minute-taker and a reader use the minutes over real
 * WebSockets; and votes run by the real voting plugin in the same room reach the minutes through the voting
 * plugin's own event classes (read by name across the two bundles, {@code VotingEvents}).
 */
@ExtendWith(TestRun.Extension.class)
class MinutesServerIT {

    private static final String PASSWORD = "correct-horse-battery";

    private final TestRun run;
    private final Api api;

    MinutesServerIT(TestRun run) {
        this.run = run;
        this.api = run.api;
    }

    @Test
    void minutesAndVotingBundlesTogetherKeepLiveMinutesWithVoteResultsAndFinaliseThemAsAPdf() throws Exception {
        String admin = api.post("/api/v1/auth/login", null, Map.of("username", "admin", "password", TestRun.ADMIN_PASSWORD)).text("access_token");
        PluginAdmin plugins = new PluginAdmin(run, admin);
        PluginCli cli = new PluginCli(SignedPlugins.distribution(), run.server.url(), TestRun.ADMIN_PASSWORD);
        PluginCli.Result installed = cli.run("install", "plugins/" + SignedPlugins.shipped("minutes").getFileName());
        assertThat(installed.exitCode()).as(installed.output()).isZero();
        try {
            HttpResponse<String> voting = plugins.upload(SignedPlugins.shipped("voting"));
            assertThat(voting.statusCode()).as(voting.body()).isEqualTo(201);
            try {
                // the host ran the bundle's own migrations into schema plugin_minutes (no table, no started plugin otherwise)
                assertThat(ServerRecords.serverLog()).anyMatch(l -> l.contains("plugin schema migrated") && l.contains("minutes"));
                assertThat(api.get("/api/v1/admin/plugins", admin).raw().body()).contains("\"minutes\"").contains("\"voting\"");
                plugins.enableFor(run.erfurtTenantId, "minutes");
                plugins.enableFor(run.erfurtTenantId, "voting");
                theMeeting(admin);
            } finally {
                plugins.remove("voting");
            }
        } finally {
            PluginCli.Result removed = cli.run("uninstall", "minutes");
            assertThat(removed.exitCode()).as(removed.output()).isZero();
        }
    }

    private void theMeeting(String admin) throws Exception {
        String chairToken = user(admin, "minutes-it-chair", "Vorsitz Vogel", "moderator");
        String takerToken = user(admin, "minutes-it-taker", "Schriftführerin Specht", "member");
        String readerToken = user(admin, "minutes-it-reader", "Ratsmitglied Rabe", "member");
        String room = api.post("/api/v1/rooms", chairToken, Map.of("title", "Stadtrat Erfurt, 12. Sitzung", "waitingRoom", "off")).text("id");

        try (Socket chair = Socket.join(run.server.url(), ticket(chairToken, room));
             Socket taker = Socket.join(run.server.url(), ticket(takerToken, room))) {
            assertThat(chair.joined().path("body").path("plugins").toString()).contains("\"minutes\"").contains("\"voting\"");
            String takerId = taker.joined().path("body").path("participantId").asText();

            // the chair creates the minutes and sets the agenda
            JsonNode created = ok(chair, "create", Map.of("title", "Niederschrift 12. Sitzung", "place", "Rathaus, Fischmarkt 1"));
            assertThat(created.path("type").asText()).isEqualTo("created");
            String documentId = created.path("body").path("documentId").asText();
            ok(chair, "item_add", Map.of("title", "Haushalt 2027", "public", true));
            ok(chair, "item_add", Map.of("title", "Personalangelegenheit", "public", false));
            ok(chair, "item_start", Map.of("itemId", "i1"));
            // only the chair sets the agenda
            assertThat(refusal(taker, "item_add", Map.of("title", "Eigenmächtig", "public", true))).isEqualTo("forbidden");

            // the chair appoints the minute-taker, who is told at once
            assertThat(refusal(taker, "edit", Map.of("itemId", "i1", "text", "vorher", "base", 0))).isEqualTo("forbidden");
            ok(chair, "appoint", Map.of("participantId", takerId));
            assertThat(taker.await(f -> isMinutes(f, "rights") && f.path("body").path("canEdit").asBoolean(), "rights to edit").path("body")
                    .path("isChair").asBoolean()).isFalse();

            // a reader joins late: the join is an arrival in the minutes, and the reader reads the section live
            try (Socket reader = Socket.join(run.server.url(), ticket(readerToken, room))) {
                JsonNode readerData = minutesData(reader.joined());
                assertThat(readerData.path("rights").path("canEdit").asBoolean()).isFalse();
                assertThat(readerData.path("document").path("id").asText()).isEqualTo(documentId);
                chair.await(f -> changed(f, "arrived") && f.path("body").path("payload").path("name").asText().equals("Ratsmitglied Rabe"),
                        "the reader's arrival in the minutes");

                ok(taker, "edit", Map.of("itemId", "i1", "text", "Der Kämmerer erläutert den Entwurf.", "base", 0));
                JsonNode edited = reader.await(f -> changed(f, "section_edited"), "the section edit, live");
                assertThat(edited.path("body").path("payload").path("text").asText()).isEqualTo("Der Kämmerer erläutert den Entwurf.");
                long textRevision = edited.path("body").path("seq").asLong();
                assertThat(refusal(reader, "edit", Map.of("itemId", "i1", "text", "Leser schreibt", "base", textRevision))).isEqualTo("forbidden");

                // a roll-call vote in the real voting plugin, on item 1: its start and result reach the minutes read-only
                String rollCall = ok(chair, "voting", "start", Map.of("kind", "roll_call", "question", "Dem Haushalt 2027 zustimmen?",
                        "agendaItem", "i1", "autoClose", false)).path("body").path("voteId").asText();
                reader.await(f -> changed(f, "vote_started") && rollCall.equals(f.path("body").path("payload").path("voteId").asText()),
                        "the roll call's start in the minutes");
                ok(chair, "voting", "cast", Map.of("voteId", rollCall, "choice", "yes"));
                ok(taker, "voting", "cast", Map.of("voteId", rollCall, "choice", "yes"));
                ok(reader, "voting", "cast", Map.of("voteId", rollCall, "choice", "no"));
                ok(chair, "voting", "close", Map.of("voteId", rollCall));
                JsonNode recorded = reader.await(f -> changed(f, "vote_recorded") && rollCall.equals(f.path("body").path("payload").path("voteId").asText()),
                        "the roll call's result in the minutes").path("body").path("payload");
                assertThat(recorded.path("kind").asText()).isEqualTo("roll_call");
                assertThat(recorded.path("itemId").asText()).isEqualTo("i1");
                assertThat(recorded.path("valid").asBoolean()).isTrue();
                assertThat(recorded.path("tally").path("yes").asInt()).isEqualTo(2);
                assertThat(recorded.path("tally").path("no").asInt()).isEqualTo(1);
                assertThat(recorded.path("names").path("no").toString()).contains("Ratsmitglied Rabe");
                assertThat(recorded.path("finalHash").asText()).matches("[0-9a-f]{64}");

                // M4: the reader has their own vote recorded (the roll call's names give the choice)
                ok(reader, "record_my_vote", Map.of("voteId", rollCall));
                JsonNode own = chair.await(f -> changed(f, "own_vote_recorded"), "the recorded own vote").path("body").path("payload");
                assertThat(own.path("choice").asText()).isEqualTo("no");
                assertThat(own.path("name").asText()).isEqualTo("Ratsmitglied Rabe");
                assertThat(refusal(reader, "record_my_vote", Map.of("voteId", rollCall))).as("once only").isEqualTo("conflict");

                // a secret vote: its result is in the minutes, and nobody's choice can be recorded
                String secret = ok(chair, "voting", "start", Map.of("kind", "secret", "question", "Geheime Wahl des Beigeordneten",
                        "autoClose", false)).path("body").path("voteId").asText();
                ok(chair, "voting", "close", Map.of("voteId", secret));
                JsonNode secretResult = reader.await(f -> changed(f, "vote_recorded") && secret.equals(f.path("body").path("payload").path("voteId").asText()),
                        "the secret vote's result in the minutes").path("body").path("payload");
                assertThat(secretResult.path("kind").asText()).isEqualTo("secret");
                assertThat(secretResult.path("itemId").asText()).as("the item being dealt with").isEqualTo("i1");
                assertThat(secretResult.has("names")).isFalse();
                assertThat(refusal(reader, "record_my_vote", Map.of("voteId", secret, "choice", "yes"))).isEqualTo("forbidden");

                // the reader leaves: a departure during item 1
                reader.send("control", "leave", Map.of());
                JsonNode departed = chair.await(f -> changed(f, "departed"), "the reader's departure").path("body").path("payload");
                assertThat(departed.path("itemId").asText()).isEqualTo("i1");
            }

            // revoking takes effect at once: the taker is told, and the very next edit is refused
            ok(taker, "edit", Map.of("itemId", "i2", "text", "Nichtöffentlich beraten.", "base", 0));
            chair.send("minutes", "revoke", Map.of("person", takerId));
            assertThat(taker.await(f -> isMinutes(f, "rights") && !f.path("body").path("canEdit").asBoolean(), "the revocation").path("body")
                    .path("canEdit").asBoolean()).isFalse();
            JsonNode section = taker.awaitModuleAnswer(taker.send("minutes", "get_section", Map.of("itemId", "i1")));
            assertThat(refusal(taker, "edit", Map.of("itemId", "i1", "text", "nach dem Entzug",
                    "base", section.path("body").path("textRevision").asLong()))).isEqualTo("forbidden");

            // appointed again, the taker and the chair approve the same content: the version is finalised as PDF/A
            ok(chair, "appoint", Map.of("participantId", takerId));
            taker.await(f -> isMinutes(f, "rights") && f.path("body").path("canEdit").asBoolean(), "rights again");
            JsonNode doc = api.get("/api/v1/plugins/minutes/minutes/" + documentId, chairToken).body();
            long content = doc.path("contentRevision").asLong();
            assertThat(doc.path("items").get(0).path("votes").size()).isEqualTo(2);
            assertThat(doc.path("attendance").toString()).contains("Ratsmitglied Rabe").contains("Schriftführerin Specht");
            ok(chair, "approve", Map.of("revision", content));
            ok(taker, "approve", Map.of("revision", content));
            JsonNode finalised = chair.await("minutes", "finalised").path("body");
            assertThat(finalised.path("version").asInt()).isEqualTo(1);

            byte[] pdf = download("/api/v1/plugins/minutes/minutes/" + documentId + "/versions/1/minutes.pdf", chairToken);
            assertThat(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
            assertThat(sha256(pdf)).isEqualTo(finalised.path("sha256").asText());
            byte[] publicPdf = download("/api/v1/plugins/minutes/public/minutes/" + documentId + "/versions/1/public.pdf", null);
            assertThat(new String(publicPdf, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
            assertThat(sha256(publicPdf)).isEqualTo(finalised.path("publicSha256").asText()).isNotEqualTo(sha256(pdf));
            JsonNode verified = api.get("/api/v1/plugins/minutes/minutes/" + documentId + "/verify", chairToken).body();
            assertThat(verified.path("intact").asBoolean()).as(verified.toString()).isTrue();
            // the finalisation itself is a revision: the verified head is past the approved content
            assertThat(verified.path("revisions").asLong()).isGreaterThan(content);
        }
    }

    // ---- helpers

    private static boolean isMinutes(JsonNode f, String type) {
        return "minutes".equals(f.path("ns").asText()) && type.equals(f.path("type").asText());
    }

    private static boolean changed(JsonNode f, String revisionType) {
        return isMinutes(f, "changed") && revisionType.equals(f.path("body").path("type").asText());
    }

    private static JsonNode minutesData(JsonNode joined) {
        for (JsonNode p : joined.path("body").path("plugins")) {
            if (p.path("id").asText().equals("minutes")) {
                return p.path("data");
            }
        }
        throw new AssertionError("no minutes in the join data: " + joined);
    }

    private static JsonNode ok(Socket s, String type, Map<String, ?> body) {
        return ok(s, "minutes", type, body);
    }

    private static JsonNode ok(Socket s, String ns, String type, Map<String, ?> body) {
        JsonNode reply = s.awaitModuleAnswer(s.send(ns, type, body));
        assertThat(reply.path("type").asText()).as(ns + "/" + type + ": " + reply).isNotEqualTo("error");
        return reply;
    }

    private static String refusal(Socket s, String type, Map<String, ?> body) {
        JsonNode reply = s.awaitModuleAnswer(s.send("minutes", type, body));
        assertThat(reply.path("type").asText()).as(type + " should be refused: " + reply).isEqualTo("error");
        return reply.path("body").path("code").asText();
    }

    private String user(String admin, String username, String displayName, String role) {
        Api.Reply r = api.post("/api/v1/tenants/" + run.erfurtTenantId + "/users", admin,
                Map.of("username", username, "password", PASSWORD, "displayName", displayName, "role", role));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return api.post("/api/v1/auth/login", null, Map.of("username", username, "password", PASSWORD)).text("access_token");
    }

    private String ticket(String token, String roomId) {
        Api.Reply r = api.post("/api/v1/rooms/" + roomId + "/tickets", token, Map.of());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.text("ticket");
    }

    private byte[] download(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(run.server.url().resolve(path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(path + ": " + new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        return r.body();
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
