package org.plenum.minutes;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.plenum.api.PluginContext;
import org.plenum.api.http.Caller;
import org.plenum.api.http.CallerRole;
import org.plenum.api.http.HttpMethod;
import org.plenum.api.http.HttpProblemException;
import org.plenum.api.http.HttpRequest;
import org.plenum.api.http.HttpResponse;
import org.plenum.api.json.JsonObject;
import org.plenum.api.room.RoomInfo;
import org.plenum.minutes.document.MinutesDocument;
import org.plenum.minutes.document.Revision;
import org.plenum.minutes.store.MinutesStore;

/**
 * The REST routes under {@code /api/v1/plugins/minutes}. Members of the tenant who may see the room read everything;
 * guest accounts read the public version; anonymous callers get only the public PDF/A of finalised versions (M6).
 */
final class MinutesRoutes {

    private final PluginContext context;
    private final MinutesStore store;

    MinutesRoutes(PluginContext context, MinutesStore store) {
        this.context = context;
        this.store = store;
    }

    void register() {
        context.http().get("/rooms/{roomId}/minutes", this::list);
        context.http().get("/minutes/{documentId}", this::read);
        context.http().get("/minutes/{documentId}/revisions", this::revisions);
        context.http().get("/minutes/{documentId}/verify", this::verify);
        context.http().get("/minutes/{documentId}/versions/{version}/minutes.pdf", request -> pdf(request, false));
        context.http().get("/minutes/{documentId}/versions/{version}/public.pdf", request -> pdf(request, true));
        context.http().publicRoute(HttpMethod.GET, "/public/minutes/{documentId}/versions/{version}/public.pdf", this::publicPdf);
    }

    private HttpResponse list(HttpRequest request) throws Exception {
        Caller caller = request.requireCaller();
        RoomInfo room = context.rooms().find(request.pathParameter("roomId"), caller)
                .orElseThrow(() -> HttpProblemException.notFound("no such room, or you may not see it"));
        List<JsonObject> out = new ArrayList<>();
        for (UUID id : store.documentsOf(room.tenantId(), room.roomId())) {
            MinutesDocument d = store.load(room.tenantId(), id).orElseThrow().replay();
            out.add(JsonObject.builder().put("id", id.toString()).put("title", d.title()).put("createdAt", d.createdAt().toString())
                    .put("version", d.version()).put("status", d.status().name().toLowerCase(java.util.Locale.ROOT))
                    .put("finals", d.finals()).build());
        }
        return HttpResponse.ok(JsonObject.of("roomId", room.roomId(), "minutes", out));
    }

    private HttpResponse read(HttpRequest request) throws Exception {
        Caller caller = request.requireCaller();
        MinutesDocument d = visible(request, caller).replay();
        return HttpResponse.ok(d.view(caller.role() == CallerRole.GUEST, true));
    }

    private HttpResponse revisions(HttpRequest request) throws Exception {
        Caller caller = request.requireCaller();
        member(caller);
        MinutesStore.Stored s = visible(request, caller);
        long from = number(request.queryParameter("from").orElse("1"), "from");
        long limit = Math.min(1000, number(request.queryParameter("limit").orElse("200"), "limit"));
        List<JsonObject> page = s.revisions().stream().filter(r -> r.seq() >= from).limit(limit).map(Revision::toJson).toList();
        return HttpResponse.ok(JsonObject.of("documentId", s.id().toString(), "total", s.revisions().size(), "revisions", page));
    }

    /** Recomputes the hash links of the revisions and says where the first broken one is. */
    private HttpResponse verify(HttpRequest request) throws Exception {
        Caller caller = request.requireCaller();
        member(caller);
        MinutesStore.Stored s = visible(request, caller);
        String prev = Revision.GENESIS;
        long expected = 1;
        for (Revision r : s.revisions()) {
            String problem = r.seq() != expected ? "out_of_sequence" : !r.prevHash().equals(prev) ? "link_broken"
                    : !r.computeHash().equals(r.hash()) ? "content_altered" : null;
            if (problem != null) {
                return HttpResponse.ok(JsonObject.of("intact", false, "problem", problem, "seq", r.seq(), "revisions", s.revisions().size()));
            }
            prev = r.hash();
            expected++;
        }
        return HttpResponse.ok(JsonObject.of("intact", true, "headHash", prev, "revisions", s.revisions().size()));
    }

    private HttpResponse pdf(HttpRequest request, boolean publicVersion) throws Exception {
        Caller caller = request.requireCaller();
        if (!publicVersion) {
            member(caller);
        }
        MinutesStore.Stored s = visible(request, caller);
        return pdfOf(s.id(), request.pathParameter("version"), publicVersion);
    }

    private HttpResponse publicPdf(HttpRequest request) throws Exception {
        UUID id = uuid(request.pathParameter("documentId"));
        if (store.tenantOf(id).isEmpty()) {
            throw HttpProblemException.notFound("no such minutes");
        }
        return pdfOf(id, request.pathParameter("version"), true);
    }

    private HttpResponse pdfOf(UUID id, String version, boolean publicVersion) throws Exception {
        int v = (int) Math.min(Integer.MAX_VALUE, number(version, "version"));
        byte[] pdf = store.export(id, v, publicVersion ? "public" : "full")
                .orElseThrow(() -> HttpProblemException.notFound("version " + v + " of these minutes is not finalised"));
        return HttpResponse.attachment("application/pdf", "niederschrift-" + id + "-v" + v + (publicVersion ? "-oeffentlich" : "") + ".pdf", pdf);
    }

    private MinutesStore.Stored visible(HttpRequest request, Caller caller) throws Exception {
        UUID id = uuid(request.pathParameter("documentId"));
        MinutesStore.Stored s = store.load(caller.tenantId(), id).orElseThrow(() -> HttpProblemException.notFound("no such minutes"));
        if (context.rooms().find(s.roomId(), caller).isEmpty()) {
            throw HttpProblemException.notFound("no such minutes");
        }
        return s;
    }

    private static void member(Caller caller) {
        if (caller.role() == CallerRole.GUEST) {
            throw HttpProblemException.forbidden("guests read the public version of the minutes only");
        }
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw HttpProblemException.notFound("no such minutes");
        }
    }

    private static long number(String text, String name) {
        try {
            long n = Long.parseLong(text);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw HttpProblemException.badRequest(name + " must be a positive whole number");
        }
    }
}
