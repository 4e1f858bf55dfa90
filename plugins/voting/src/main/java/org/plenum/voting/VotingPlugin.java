package org.plenum.voting;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.plenum.api.Plugin;
import org.plenum.api.PluginContext;
import org.plenum.api.PluginDescriptor;
import org.plenum.api.audit.AuditEntry;
import org.plenum.api.http.Caller;
import org.plenum.api.http.HttpMethod;
import org.plenum.api.http.HttpProblemException;
import org.plenum.api.http.HttpRequest;
import org.plenum.api.http.HttpResponse;
import org.plenum.api.json.JsonArray;
import org.plenum.api.json.JsonException;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.RoomInfo;
import org.plenum.api.storage.SchemaMigrations;
import org.plenum.api.ui.UiContribution;
import org.plenum.api.ui.UiMount;
import org.plenum.api.ui.UiSlot;
import org.plenum.voting.VoteStore.StoredVote;
import org.plenum.voting.api.VoteClosed;
import org.plenum.voting.api.VoteRecords;
import org.plenum.voting.api.VotingExtensions;
import org.plenum.voting.report.VoteReport;

/**
 * The voting plugin: a {@link VotingModule} in every room of tenants that enable it, the anonymous ballot box of
 * secret votes, the verifier, results, ledger and report routes, and the {@link VoteRecords} and
 * {@link VotingExtensions} services. Routes (below {@code /api/v1/plugins/voting}):
 * <pre>
 * POST /ballots                         public: a secret ballot, cast without identity
 * GET  /votes/{voteId}                  the vote's state or published result
 * GET  /votes/{voteId}/verification     the verifier's findings
 * GET  /votes/{voteId}/ledger           the ledger entries (hash rule: AuditEntry)
 * GET  /votes/{voteId}/report.pdf       the PDF/A report (?lang=de|en)
 * GET  /rooms/{roomId}/votes            the room's votes
 * </pre>
 */
public final class VotingPlugin implements Plugin {

    /** The plugin id: namespace, URL segment, schema {@code plugin_voting}. */
    public static final String ID = "voting";

    private static final PluginDescriptor DESCRIPTOR = PluginDescriptor.builder(ID, buildVersion())
            .name("Abstimmungen")
            .description("Audit-proof votes in meetings: roll call, pseudonymous and secret (RFC 9474 blind signatures), a hash-chained"
                    + " ledger with a signed final hash, a verifier and PDF/A reports; Land rules per municipality.")
            .requires("[1.0,2.0)")
            .settingsSchema(JsonObject.parse(PolicyProfile.SETTINGS_SCHEMA))
            .migrations(new SchemaMigrations("db/voting"))
            // built from src/main/ui by npm (Vite) into the bundle's ui/ folder
            .ui(new UiContribution("ui", "voting.js", List.of(new UiMount(UiSlot.SIDE_PANEL, "voting-panel"),
                    new UiMount(UiSlot.FLOATING_WINDOW, "voting-notice"))))
            .build();

    private final Extensions extensions = new Extensions();
    private final LiveModules live = new LiveModules();

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void start(PluginContext context) {
        Votes votes = new Votes(new VoteStore(context.storage().dataSource()), new VoteLedger(context.audit()), context.clock(), context.logger());
        Verifier verifier = new Verifier(votes, context.audit().signingKey());
        context.executor().execute(() -> votes.prepareKey(3072));
        VoteReport reports = new VoteReport();
        context.roomModules(room -> Optional.of(new VotingModule(room, votes, extensions, live)));
        context.services().export(VotingExtensions.class, extensions);
        context.services().export(VoteRecords.class, new Records(votes, reports, context.audit().signingKey()));

        context.http().publicRoute(HttpMethod.POST, "/ballots", request -> {
            JsonObject body = Fields.allowOnly(request.jsonObjectBody(), Set.of("voteId", "credential", "signature", "choice"));
            UUID voteId = parseId(body.getString("voteId"));
            byte[] credential = base64url(body.getString("credential"), "credential");
            byte[] signature = base64url(body.getString("signature"), "signature");
            try {
                Votes.SecretCast cast = votes.castSecret(voteId, credential, signature, body.getString("choice"));
                live.find(cast.tenantId(), cast.roomId()).ifPresent(m -> m.secretBallotAccepted(voteId));
                return HttpResponse.ok(JsonObject.of("voteId", voteId.toString(), "receipt", cast.receipt()));
            } catch (VoteRefused r) {
                throw new HttpProblemException(r.httpStatus(), r.getMessage() + " (" + r.reason() + ")");
            }
        });
        context.http().get("/votes/{voteId}", request -> {
            StoredVote v = visibleVote(context, request);
            return HttpResponse.ok(v.result().orElseGet(() -> JsonObject.of("voteId", v.id().toString(), "state", v.state(),
                    "question", v.definition().question(), "kind", v.definition().kind().wireName())));
        });
        context.http().get("/votes/{voteId}/verification", request -> HttpResponse.ok(verifier.verify(visibleVote(context, request))));
        context.http().get("/votes/{voteId}/ledger", request -> {
            StoredVote v = visibleVote(context, request);
            List<AuditEntry> entries = votes.ledger().readAll(v.tenantId(), v.id());
            return HttpResponse.ok(JsonObject.of("voteId", v.id().toString(), "chain", votes.ledger().chain(v.tenantId(), v.id()).id().toString(),
                    "entries", JsonArray.from(entries.stream().map(VotingPlugin::entryJson).toList()),
                    "signedHead", v.signedHead().map(h -> (Object) h).orElse(org.plenum.api.json.JsonNull.NULL)));
        });
        context.http().get("/votes/{voteId}/report.pdf", request -> {
            StoredVote v = visibleVote(context, request);
            if (v.open()) {
                throw HttpProblemException.conflict("the vote is still running; the report is available after it closes");
            }
            Locale lang = request.queryParameter("lang").map(l -> l.equals("en") ? Locale.ENGLISH : Locale.GERMAN).orElse(Locale.GERMAN);
            byte[] pdf = reports.render(v, votes.ledger().readAll(v.tenantId(), v.id()), verifier.verify(v), lang);
            return HttpResponse.attachment("application/pdf", "vote-" + v.id() + "-" + lang.getLanguage() + ".pdf", pdf);
        });
        context.http().get("/rooms/{roomId}/votes", request -> {
            Caller caller = request.requireCaller();
            RoomInfo info = context.rooms().find(request.pathParameter("roomId"), caller)
                    .orElseThrow(() -> HttpProblemException.notFound("no such room, or you may not see it"));
            return HttpResponse.ok(JsonObject.of("roomId", info.roomId(), "votes", JsonArray.from(votes.store().byRoom(info.tenantId(), info.roomId())
                    .stream().map(v -> JsonObject.builder().put("voteId", v.id().toString()).put("state", v.state())
                            .put("kind", v.definition().kind().wireName()).put("question", v.definition().question())
                            .put("openedAt", v.openedAt().toString()).putIfPresent("outcome", v.outcome()).build()).toList())));
        });
        context.logger().log(System.Logger.Level.INFO, "voting started version=" + DESCRIPTOR.version());
    }

    @Override
    public void stop() {
        extensions.clear();
        live.clear();
    }

    static JsonObject entryJson(AuditEntry e) {
        return JsonObject.builder().put("seq", e.sequence()).put("at", e.recordedAt().toString()).put("type", e.type())
                .put("payload", e.payload()).put("prev", e.previousHash().hex()).put("hash", e.hash().hex()).build();
    }

    /** The vote, if the caller may see its room. */
    private static StoredVote visibleVote(PluginContext context, HttpRequest request) {
        Caller caller = request.requireCaller();
        UUID id = parseId(request.pathParameter("voteId"));
        StoredVote v = new VoteStore(context.storage().dataSource()).find(id)
                .filter(x -> x.tenantId().equals(caller.tenantId()))
                .orElseThrow(() -> HttpProblemException.notFound("no such vote, or you may not see it"));
        context.rooms().find(v.roomId(), caller).orElseThrow(() -> HttpProblemException.notFound("no such vote, or you may not see it"));
        return v;
    }

    private static UUID parseId(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw HttpProblemException.badRequest("'" + Fields.abbreviate(text) + "' is not a vote id");
        }
    }

    private static byte[] base64url(String text, String field) {
        try {
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new JsonException(field + " must be base64url");
        }
    }

    /** {@link VoteRecords} for dependents. */
    private record Records(Votes votes, VoteReport reports, java.security.PublicKey serverKey) implements VoteRecords {

        @Override
        public Optional<VoteClosed> result(UUID tenantId, UUID voteId) {
            return votes.store().find(voteId).filter(v -> v.tenantId().equals(tenantId) && !v.open())
                    .map(v -> votes.close(tenantId, voteId, "closed", "").event());
        }

        @Override
        public List<AuditEntry> ledger(UUID tenantId, UUID voteId) {
            return votes.store().find(voteId).filter(v -> v.tenantId().equals(tenantId))
                    .map(v -> votes.ledger().readAll(tenantId, voteId)).orElse(List.of());
        }

        @Override
        public Optional<byte[]> report(UUID tenantId, UUID voteId, Locale language) {
            Optional<StoredVote> v = votes.store().find(voteId).filter(x -> x.tenantId().equals(tenantId));
            if (v.isPresent() && v.get().open()) {
                throw new IllegalStateException("the vote is still running; its report exists after it closes");
            }
            return v.map(x -> reports.render(x, votes.ledger().readAll(tenantId, voteId), new Verifier(votes, serverKey).verify(x), language));
        }
    }

    private static String buildVersion() {
        try (InputStream in = VotingPlugin.class.getResourceAsStream("plenum-plugin.properties")) {
            if (in == null) {
                throw new IllegalStateException("plenum-plugin.properties is missing beside " + VotingPlugin.class.getName());
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
