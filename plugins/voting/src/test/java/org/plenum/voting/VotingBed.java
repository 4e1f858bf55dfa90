package org.plenum.voting;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import javax.sql.DataSource;
import org.plenum.api.http.HttpResponse;
import org.plenum.api.json.JsonObject;
import org.plenum.sdk.tester.PluginTester;
import org.plenum.sdk.tester.SentMessage;
import org.plenum.sdk.tester.SimulatedParticipant;
import org.plenum.voting.blind.BlindRsa;

/** The voting plugin in a {@link PluginTester}, its tables in a real PostgreSQL, and a voter's client side of secret votes. */
final class VotingBed {

    final DataSource db = TestDatabase.freshSchema();
    final PluginTester tester;

    VotingBed() {
        this(JsonObject.of());
    }

    VotingBed(JsonObject settings) {
        tester = PluginTester.forPlugin(new VotingPlugin()).dataSource(db).settings(settings).start();
    }

    /** Starts a vote as {@code chair}; returns its id. */
    String start(SimulatedParticipant chair, JsonObject body) {
        SentMessage reply = send(chair, "start", body);
        assertThat(reply.type()).as(reply.toString()).isEqualTo("start_ok");
        return reply.body().getString("voteId");
    }

    SentMessage send(SimulatedParticipant p, String type, JsonObject body) {
        p.sendWithId("m", type, body);
        return p.received().stream().filter(m -> "m".equals(m.re().orElse(null))).reduce((a, b) -> b).orElseThrow();
    }

    /** A credential obtained the way a browser does: blind, ask, unblind. */
    record Credential(byte[] message, byte[] signature) {
    }

    Credential credential(SimulatedParticipant voter, String voteId) throws Exception {
        JsonObject vote = voter.received("started").getLast().body().getObject("vote");
        RSAPublicKey pk = BlindRsa.publicKey(Base64.getDecoder().decode(vote.getString("publicKey")));
        BlindRsa variant = BlindRsa.byRfcName(vote.getString("variant"));
        BlindRsa.Prepared prepared = variant.prepare(BlindRsa.randomBytes(32));
        BlindRsa.Blinded blinded = variant.blind(pk, prepared.message());
        SentMessage answer = send(voter, "credential", JsonObject.of("voteId", voteId,
                "blindedMessage", Base64.getUrlEncoder().withoutPadding().encodeToString(blinded.blindedMessage())));
        assertThat(answer.type()).as(answer.toString()).isEqualTo("credential");
        byte[] blindSig = Base64.getUrlDecoder().decode(answer.body().getString("blindSignature"));
        return new Credential(prepared.message(), variant.finalize(pk, prepared.message(), blindSig, blinded.inverse()));
    }

    /** The anonymous cast: no caller. */
    HttpResponse castSecret(String voteId, Credential c, String choice) {
        return tester.post("/ballots", null, JsonObject.of("voteId", voteId,
                "credential", Base64.getUrlEncoder().withoutPadding().encodeToString(c.message()),
                "signature", Base64.getUrlEncoder().withoutPadding().encodeToString(c.signature()), "choice", choice));
    }

    org.plenum.sdk.tester.InMemoryAuditChain ledger(String voteId) {
        return tester.audit().chains().stream().filter(c -> c.id().name().equals("vote/" + voteId)).findFirst().orElseThrow();
    }

    java.util.List<String> logLinesOr() {
        return tester.logLines();
    }

    static JsonObject json(HttpResponse r) {
        return JsonObject.parse(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
    }
}
