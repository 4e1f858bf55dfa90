package org.plenum.minutes;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.plenum.api.event.RoomScopedEvent;
import org.plenum.api.json.JsonException;
import org.plenum.api.json.JsonObject;
import org.plenum.api.json.JsonString;
import org.plenum.api.room.Audience;
import org.plenum.api.room.InboundMessage;
import org.plenum.api.room.LeaveReason;
import org.plenum.api.room.MessageRefusedException;
import org.plenum.api.room.Participant;
import org.plenum.api.room.RefusalCode;
import org.plenum.api.room.Role;
import org.plenum.api.room.RoomContext;
import org.plenum.api.room.RoomModule;
import org.plenum.minutes.api.ProvidedAgenda;
import org.plenum.minutes.document.Actor;
import org.plenum.minutes.document.MinutesDocument;
import org.plenum.minutes.document.Revision;
import org.plenum.minutes.export.MinutesPdf;
import org.plenum.minutes.store.MinutesStore;
import org.plenum.minutes.votes.VoteNews;
import org.plenum.minutes.votes.VotingEvents;

/**
 * The minutes of one room's session, live: the chair keeps the agenda and appoints minute-takers, the minute-takers
 * edit sections, everyone else reads along; attendance and vote results are filled in from the room and the voting
 * plugin; chair and minute-taker approve, which finalises a version as PDF/A.
 *
 * <h2>One writer, in order</h2>
 * Every change is decided against the state at its turn and then stored (off the room's thread) before the next is
 * decided: a queue of steps, one in flight at a time. So a change is refused if an earlier one, still being stored when
 * it arrived, made it invalid: an edit queued behind the revocation of its author's rights is refused (M5), an edit
 * based on a section revision that another edit replaced is refused as stale. Revoking is moreover applied the moment
 * it arrives: the person is told at once and every later step sees them without rights, before the revocation is
 * stored.
 *
 * <p>The protocol is in {@code docs/plugins/minutes.md}.
 */
public final class MinutesModule implements RoomModule {

    /** The most bytes a section's text may take as JSON: so that a {@code changed} frame with it stays within a frame. */
    static final int MAX_TEXT_JSON_BYTES = 48 * 1024;

    private final RoomContext room;
    private final MinutesStore store;
    private final MinutesServices services;
    private final Deque<Step> queue = new ArrayDeque<>();
    private final Set<String> revokedAtOnce = new HashSet<>();
    private final Map<UUID, MinutesDocument> earlier = new LinkedHashMap<>();
    private MinutesDocument current;
    private boolean loading;
    private boolean loaded;
    private boolean busy;
    private boolean gone;

    /** A unit of work at the head of the queue; calls {@link #done()} when finished (possibly after an offload). */
    private interface Step {
        void run();
    }

    /** One revision to store for a document. */
    private record Write(MinutesDocument doc, String type, JsonObject payload) {
    }

    MinutesModule(RoomContext room, MinutesStore store, MinutesServices services) {
        this.room = room;
        this.store = store;
        this.services = services;
        room.events().subscribe(RoomScopedEvent.class, e -> VotingEvents.read(e, services.log()).ifPresent(this::onVote));
        busy = true;
    }

    /**
     * Starts loading the room's minutes from storage at the module's first callback: the host takes no offloads from a
     * module that is still being made, and a room that is live when the plugin starts has no callback before its
     * first event anyway. Everything queued meanwhile waits.
     */
    private void ensureLoading() {
        if (loading) {
            return;
        }
        loading = true;
        room.offload(this::loadLatest, (latest, failure) -> {
            if (failure != null) {
                services.log().log(System.Logger.Level.WARNING, "the minutes of a room could not be loaded: " + failure);
            } else {
                latest.ifPresent(this::adopt);
            }
            loaded = true;
            // also when there are no minutes yet: whoever joined meanwhile got "loaded: false" and waits to hear
            room.participants().forEach(p -> room.sendTo(p, "document", snapshot(p)));
            done();
        });
    }

    // ---- loading

    private record Loaded(MinutesDocument current, List<MinutesDocument> earlier) {
    }

    private Optional<Loaded> loadLatest() throws Exception {
        List<UUID> ids = store.documentsOf(room.tenantId(), room.roomId());
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        MinutesDocument doc = store.load(room.tenantId(), ids.getLast()).orElseThrow().replay();
        List<MinutesDocument> before = new ArrayList<>();
        for (String earlierId : doc.approvalItems().keySet()) {
            store.load(room.tenantId(), UUID.fromString(earlierId)).ifPresent(s -> before.add(s.replay()));
        }
        return Optional.of(new Loaded(doc, before));
    }

    private void adopt(Loaded l) {
        current = l.current();
        earlier.clear();
        l.earlier().forEach(d -> earlier.put(d.id(), d));
        revokedAtOnce.clear();
    }

    // ---- the queue

    private void enqueue(Step step) {
        ensureLoading();
        queue.addLast(step);
        pump();
    }

    private void pump() {
        while (!busy && loaded && !gone && !queue.isEmpty()) {
            busy = true;
            queue.pollFirst().run();
        }
    }

    private void done() {
        busy = false;
        pump();
    }

    /** A step for a participant's message: refusals go back to them; the step ends unless it stores something. */
    private Step forMessage(InboundMessage m, Runnable decide) {
        return () -> {
            try {
                decide.run();
            } catch (MessageRefusedException e) {
                room.refuse(m, e.code(), e.getMessage());
                done();
            } catch (JsonException e) {
                room.refuse(m, RefusalCode.INVALID_MESSAGE, e.getMessage());
                done();
            }
        };
    }

    /** Stores {@code writes} (and audit records), then applies and announces them, then runs {@code after}. */
    private void store(InboundMessage m, Actor actor, List<Write> writes, Consumer<List<Revision>> after) {
        if (writes.isEmpty()) {
            done();
            return;
        }
        Instant now = room.clock().instant();
        Map<UUID, long[]> seqs = new HashMap<>();
        Map<UUID, String> heads = new HashMap<>();
        List<Revision> revisions = new ArrayList<>();
        for (Write w : writes) {
            long seq = seqs.computeIfAbsent(w.doc().id(), k -> new long[] {w.doc().revision()})[0] + 1;
            seqs.get(w.doc().id())[0] = seq;
            String prev = heads.getOrDefault(w.doc().id(), w.doc().headHash());
            Revision r = Revision.seal(w.doc().id(), seq, now, actor, w.type(), w.payload(), prev);
            heads.put(w.doc().id(), r.hash());
            revisions.add(r);
        }
        room.offload(() -> {
            store.append(revisions);
            services.audit(room.tenantId(), revisions);
            return revisions;
        }, (stored, failure) -> {
            if (failure != null) {
                services.log().log(System.Logger.Level.WARNING, "a change to the minutes was not stored: " + failure);
                if (m != null) {
                    room.refuse(m, RefusalCode.UNAVAILABLE, failure instanceof MinutesStore.StaleRevisionException
                            ? "the minutes changed elsewhere; they are reloaded, please try again"
                            : "the change could not be stored; please try again");
                }
                if (failure instanceof MinutesStore.StaleRevisionException) {
                    reload();
                    return;
                }
                done();
                return;
            }
            for (Revision r : stored) {
                MinutesDocument doc = r.documentId().equals(current == null ? null : current.id()) ? current : earlier.get(r.documentId());
                doc.apply(r);
                announce(doc, r);
            }
            if (m != null) {
                room.reply(m, "stored", JsonObject.of("revisions", stored.stream().map(r -> JsonObject.of("documentId", r.documentId().toString(),
                        "seq", r.seq())).toList()));
            }
            after.accept(stored);
            finaliseIfApproved(current);
            earlier.values().forEach(this::finaliseIfApproved);
            done();
        });
    }

    private void reload() {
        room.offload(this::loadLatest, (latest, failure) -> {
            if (failure == null) {
                latest.ifPresent(this::adopt);
                room.participants().forEach(p -> room.sendTo(p, "document", snapshot(p)));
            }
            done();
        });
    }

    // ---- messages

    @Override
    public void onMessage(InboundMessage m) {
        ensureLoading();
        Participant sender = m.sender();
        JsonObject body = m.body();
        switch (m.type()) {
            case "create" -> {
                Fields.allowOnly(body, Set.of("title", "place"));
                Optional<String> title = body.optString("title").map(t -> Fields.text(t, "title", 1, 200));
                String place = Fields.text(body.optString("place").orElse(""), "place", 0, 200);
                chairOnly(sender);
                enqueue(forMessage(m, () -> create(m, title, place)));
            }
            case "item_add" -> {
                Fields.allowOnly(body, Set.of("title", "number", "public"));
                String title = Fields.text(body.getString("title"), "title", 1, 200);
                Optional<String> number = body.optString("number").map(n -> Fields.text(n, "number", 1, 16));
                boolean isPublic = body.getBoolean("public");
                chairOnly(sender);
                enqueue(forMessage(m, () -> {
                    MinutesDocument d = draft();
                    if (d.itemCount() >= 100) {
                        throw MessageRefusedException.conflict("the agenda has 100 items; no more can be added");
                    }
                    store(m, Actor.of(sender), List.of(new Write(d, "item_added", JsonObject.of("itemId", d.nextItemId(),
                            "number", number.orElse(String.valueOf(d.itemCount() + 1)), "title", title, "public", isPublic))), r -> { });
                }));
            }
            case "item_change" -> {
                Fields.allowOnly(body, Set.of("itemId", "title", "number", "public"));
                String itemId = Fields.id(body.getString("itemId"), "itemId");
                JsonObject.Builder change = JsonObject.builder().put("itemId", itemId);
                body.optString("title").ifPresent(t -> change.put("title", Fields.text(t, "title", 1, 200)));
                body.optString("number").ifPresent(n -> change.put("number", Fields.text(n, "number", 1, 16)));
                body.optBoolean("public").ifPresent(b -> change.put("public", b));
                if (change.build().size() == 1) {
                    throw MessageRefusedException.invalidRequest("say what changes: title, number or public");
                }
                chairOnly(sender);
                enqueue(forMessage(m, () -> {
                    MinutesDocument d = draft();
                    liveItem(d, itemId);
                    store(m, Actor.of(sender), List.of(new Write(d, "item_changed", change.build())), r -> { });
                }));
            }
            case "item_withdraw", "item_start" -> {
                Fields.allowOnly(body, Set.of("itemId"));
                String itemId = Fields.id(body.getString("itemId"), "itemId");
                chairOnly(sender);
                String type = m.type().equals("item_withdraw") ? "item_withdrawn" : "item_started";
                enqueue(forMessage(m, () -> {
                    MinutesDocument d = draft();
                    liveItem(d, itemId);
                    store(m, Actor.of(sender), List.of(new Write(d, type, JsonObject.of("itemId", itemId))), r -> { });
                }));
            }
            case "appoint" -> {
                Fields.allowOnly(body, Set.of("participantId"));
                String participantId = Fields.id(body.getString("participantId"), "participantId");
                chairOnly(sender);
                enqueue(forMessage(m, () -> appoint(m, participantId)));
            }
            case "revoke" -> {
                Fields.allowOnly(body, Set.of("person"));
                String person = Fields.id(body.getString("person"), "person");
                chairOnly(sender);
                revoke(m, person);
            }
            case "edit" -> {
                Fields.allowOnly(body, Set.of("itemId", "text", "base"));
                String itemId = Fields.id(body.getString("itemId"), "itemId");
                String text = body.getString("text");
                long base = body.getLong("base");
                if (new JsonString(text).toJson().getBytes(StandardCharsets.UTF_8).length > MAX_TEXT_JSON_BYTES) {
                    throw MessageRefusedException.invalidRequest("a section may hold at most " + MAX_TEXT_JSON_BYTES
                            + " bytes of text; split the item into several");
                }
                enqueue(forMessage(m, () -> edit(m, itemId, text, base)));
            }
            case "absence" -> {
                Fields.allowOnly(body, Set.of("name", "reason"));
                String name = Fields.text(body.getString("name"), "name", 1, 200);
                String reason = Fields.text(body.optString("reason").orElse(""), "reason", 0, 500);
                chairOnly(sender);
                enqueue(forMessage(m, () -> store(m, Actor.of(sender), List.of(new Write(draft(), "absence_noted",
                        JsonObject.of("name", name, "reason", reason))), r -> { })));
            }
            case "presence" -> {
                Fields.allowOnly(body, Set.of("person", "presence"));
                String person = Fields.id(body.getString("person"), "person");
                String presence = body.getString("presence");
                if (!presence.equals("in_room") && !presence.equals("remote")) {
                    throw MessageRefusedException.invalidRequest("presence is in_room or remote");
                }
                chairOnly(sender);
                enqueue(forMessage(m, () -> {
                    MinutesDocument d = draft();
                    if (!d.knowsAttendee(person)) {
                        throw new MessageRefusedException(RefusalCode.NOT_FOUND, "nobody with that key attended");
                    }
                    store(m, Actor.of(sender), List.of(new Write(d, "presence_set", JsonObject.of("person", person, "presence", presence))), r -> { });
                }));
            }
            case "record_my_vote" -> {
                Fields.allowOnly(body, Set.of("voteId", "choice"));
                String voteId = Fields.id(body.getString("voteId"), "voteId");
                Optional<String> choice = body.optString("choice").map(c -> Fields.text(c, "choice", 1, 200));
                if (sender.isGuest() || sender.role() == Role.GUEST) {
                    throw MessageRefusedException.forbidden("only members can have their vote recorded");
                }
                enqueue(forMessage(m, () -> recordOwnVote(m, voteId, choice)));
            }
            case "approve" -> {
                Fields.allowOnly(body, Set.of("documentId", "revision", "as"));
                long revision = body.getLong("revision");
                Optional<String> as = body.optString("as");
                Optional<String> documentId = body.optString("documentId").map(x -> Fields.id(x, "documentId"));
                if (as.isPresent() && !as.get().equals("chair") && !as.get().equals("taker")) {
                    throw MessageRefusedException.invalidRequest("as is chair or taker");
                }
                enqueue(forMessage(m, () -> approve(m, documentId, revision, as)));
            }
            case "objection" -> {
                Fields.allowOnly(body, Set.of("documentId", "text"));
                String documentId = Fields.id(body.getString("documentId"), "documentId");
                String text = Fields.text(body.getString("text"), "text", 1, 4000);
                if (sender.isGuest() || sender.role() == Role.GUEST) {
                    throw MessageRefusedException.forbidden("only members can object to minutes");
                }
                enqueue(forMessage(m, () -> {
                    MinutesDocument d = draft();
                    MinutesDocument before = approvalDocument(d, documentId);
                    String itemId = d.approvalItems().get(documentId);
                    Actor who = Actor.of(sender);
                    store(m, who, List.of(
                            new Write(before, "correction", JsonObject.of("person", who.key(), "name", who.name(), "text", text,
                                    "session", d.id().toString())),
                            new Write(d, "objection_noted", Fields.json("itemId", itemId, "documentId", documentId, "person", who.key(),
                                    "name", who.name(), "text", text))), r -> { });
                }));
            }
            case "decide_approval" -> {
                Fields.allowOnly(body, Set.of("documentId", "decision"));
                String documentId = Fields.id(body.getString("documentId"), "documentId");
                String decision = body.getString("decision");
                if (!Set.of("approved", "approved_with_corrections", "not_approved").contains(decision)) {
                    throw MessageRefusedException.invalidRequest("decision is approved, approved_with_corrections or not_approved");
                }
                chairOnly(sender);
                enqueue(forMessage(m, () -> {
                    MinutesDocument d = draft();
                    MinutesDocument before = approvalDocument(d, documentId);
                    store(m, Actor.of(sender), List.of(
                            new Write(before, "session_decision", JsonObject.of("decision", decision, "session", d.id().toString(),
                                    "version", before.version())),
                            new Write(d, "approval_decided", JsonObject.of("itemId", d.approvalItems().get(documentId),
                                    "documentId", documentId, "decision", decision))), r -> { });
                }));
            }
            case "get_section" -> {
                Fields.allowOnly(body, Set.of("itemId"));
                String itemId = Fields.id(body.getString("itemId"), "itemId");
                MinutesDocument d = existing();
                MinutesDocument.Item item = d.item(itemId).filter(i -> i.isPublic() || !readsPublicOnly(sender))
                        .orElseThrow(() -> new MessageRefusedException(RefusalCode.NOT_FOUND, "no such agenda item"));
                room.reply(m, "section", JsonObject.of("documentId", d.id().toString(), "itemId", itemId, "text", item.text(),
                        "textRevision", item.textRevision()));
            }
            case "get_document" -> {
                // the web client asks again after changes it does not fold itself (attendance, votes, agenda): the
                // same view as the join data, so it never needs a fold of its own that could drift from the server's
                Fields.allowOnly(body, Set.of());
                if (!loaded) {
                    throw new MessageRefusedException(RefusalCode.UNAVAILABLE, "the minutes are still loading; try again in a moment");
                }
                room.reply(m, "document", snapshot(sender));
            }
            default -> throw MessageRefusedException.unknownType(m);
        }
    }

    private static void chairOnly(Participant sender) {
        if (!sender.isModerator()) {
            throw MessageRefusedException.forbidden("only the chair (a moderator) can do this");
        }
    }

    private MinutesDocument existing() {
        if (current == null) {
            throw MessageRefusedException.conflict(loaded ? "there are no minutes in this room yet; the chair creates them"
                    : "the minutes are still loading; try again in a moment");
        }
        return current;
    }

    /** The current document, for changes: it exists. (A finalised one becomes the next version's draft.) */
    private MinutesDocument draft() {
        return existing();
    }

    private static MinutesDocument.Item liveItem(MinutesDocument d, String itemId) {
        MinutesDocument.Item item = d.item(itemId).orElseThrow(() -> new MessageRefusedException(RefusalCode.NOT_FOUND, "no such agenda item"));
        if (item.withdrawn()) {
            throw MessageRefusedException.conflict("this agenda item was withdrawn");
        }
        return item;
    }

    private MinutesDocument approvalDocument(MinutesDocument d, String documentId) {
        if (!d.approvalItems().containsKey(documentId)) {
            throw new MessageRefusedException(RefusalCode.NOT_FOUND, "the approval of those minutes is not on this session's agenda");
        }
        MinutesDocument before = earlier.get(UUID.fromString(documentId));
        if (before == null) {
            throw new MessageRefusedException(RefusalCode.UNAVAILABLE, "those minutes could not be loaded; try again later");
        }
        return before;
    }

    private boolean canEdit(Participant p) {
        String key = Actor.keyOf(p);
        return current != null && !p.isGuest() && current.isTaker(key) && !revokedAtOnce.contains(key);
    }

    private static boolean readsPublicOnly(Participant p) {
        return p.isGuest() || p.role() == Role.GUEST;
    }

    // ---- the steps

    private void create(InboundMessage m, Optional<String> title, String place) {
        if (current != null && !current.sessionEnded()) {
            throw MessageRefusedException.conflict("the minutes of this session exist already");
        }
        Actor chair = Actor.of(m.sender());
        UUID id = UUID.randomUUID();
        UUID tenant = room.tenantId();
        String roomId = room.roomId();
        Instant now = room.clock().instant();
        room.offload(() -> {
            Optional<ProvidedAgenda> agenda = services.agendas().agendaFor(tenant, roomId);
            String docTitle = title.or(() -> agenda.map(ProvidedAgenda::title))
                    .orElseThrow(() -> MessageRefusedException.invalidRequest("a title is needed: no agenda provider supplied one"));
            String docPlace = place.isEmpty() ? agenda.map(ProvidedAgenda::place).orElse("") : place;
            // M9: every earlier session of this room whose minutes no session decided on yet comes up for approval
            List<MinutesDocument> pending = new ArrayList<>();
            for (UUID earlierId : store.documentsOf(tenant, roomId)) {
                MinutesDocument e = store.load(tenant, earlierId).orElseThrow().replay();
                if (e.sessionDecision().isEmpty()) {
                    pending.add(e);
                }
            }
            List<Revision> revisions = new ArrayList<>();
            Sealer s = new Sealer(id, now, chair, revisions);
            s.add("created", JsonObject.of("title", docTitle, "place", docPlace, "source", agenda.isPresent() ? "provider" : "chair"));
            int n = 0;
            for (MinutesDocument e : pending) {
                n++;
                s.add("item_added", JsonObject.builder().put("itemId", "i" + n).put("number", String.valueOf(n))
                        .put("title", "Genehmigung der Niederschrift „" + e.title() + "“ vom " + e.createdAt().toString().substring(0, 10))
                        .put("public", true).put("approvalOf", e.id().toString()).build());
            }
            for (ProvidedAgenda.Item item : agenda.map(ProvidedAgenda::items).orElse(List.of())) {
                n++;
                s.add("item_added", JsonObject.of("itemId", "i" + n, "number", item.number().isEmpty() ? String.valueOf(n) : item.number(),
                        "title", item.title(), "public", item.isPublic()));
            }
            store.create(id, tenant, roomId, now, revisions);
            services.audit(tenant, revisions);
            MinutesDocument doc = MinutesDocument.replay(id, tenant, roomId, revisions);
            return new Loaded(doc, pending);
        }, (made, failure) -> {
            if (failure != null) {
                if (failure instanceof MessageRefusedException refused) {
                    room.refuse(m, refused.code(), refused.getMessage());
                } else {
                    services.log().log(System.Logger.Level.WARNING, "minutes could not be created: " + failure);
                    room.refuse(m, RefusalCode.UNAVAILABLE, "the minutes could not be created; please try again");
                }
                done();
                return;
            }
            adopt(made);
            room.reply(m, "created", JsonObject.of("documentId", current.id().toString()));
            room.participants().forEach(p -> room.sendTo(p, "document", snapshot(p)));
            // those here already arrived at the start of the minutes
            for (Participant p : room.participants()) {
                enqueue(() -> arrive(p));
            }
            done();
        });
    }

    /** Seals consecutive revisions of a new document. */
    private static final class Sealer {
        private final UUID id;
        private final Instant at;
        private final Actor actor;
        private final List<Revision> out;

        Sealer(UUID id, Instant at, Actor actor, List<Revision> out) {
            this.id = id;
            this.at = at;
            this.actor = actor;
            this.out = out;
        }

        void add(String type, JsonObject payload) {
            String prev = out.isEmpty() ? Revision.GENESIS : out.getLast().hash();
            out.add(Revision.seal(id, out.size() + 1L, at, actor, type, payload, prev));
        }
    }

    private void appoint(InboundMessage m, String participantId) {
        MinutesDocument d = draft();
        Participant p = room.participant(participantId)
                .orElseThrow(() -> new MessageRefusedException(RefusalCode.NOT_FOUND, "that participant is not in the room"));
        if (readsPublicOnly(p)) {
            throw MessageRefusedException.forbidden("guests cannot keep the minutes");
        }
        String key = Actor.keyOf(p);
        revokedAtOnce.remove(key);
        if (d.isTaker(key)) {
            room.reply(m, "stored", JsonObject.of("revisions", List.of()));
            done();
            return;
        }
        store(m, Actor.of(m.sender()), List.of(new Write(d, "taker_appointed", JsonObject.of("person", key, "name", p.displayName()))),
                r -> rightsChanged(key));
    }

    /**
     * Revokes at once: from now on every step sees the person without rights and they are told so; the revocation is
     * then stored ahead of everything queued.
     */
    private void revoke(InboundMessage m, String personOrParticipant) {
        String key = room.participant(personOrParticipant).map(Actor::keyOf).orElse(personOrParticipant);
        MinutesDocument d = existing();
        if (!d.isTaker(key) || revokedAtOnce.contains(key)) {
            throw new MessageRefusedException(RefusalCode.NOT_FOUND, "that person does not keep these minutes");
        }
        revokedAtOnce.add(key);
        rightsChanged(key);
        queue.addFirst(forMessage(m, () -> {
            if (!current.isTaker(key)) {
                room.reply(m, "stored", JsonObject.of("revisions", List.of())); // every message gets its answer
                done();
                return;
            }
            store(m, Actor.of(m.sender()), List.of(new Write(current, "taker_revoked", JsonObject.of("person", key))), r -> {
                if (!current.isTaker(key)) {
                    revokedAtOnce.remove(key);
                }
            });
        }));
        pump();
    }

    private void rightsChanged(String key) {
        for (Participant p : room.participants()) {
            if (Actor.keyOf(p).equals(key)) {
                room.sendTo(p, "rights", rights(p));
            }
        }
    }

    private JsonObject rights(Participant p) {
        return JsonObject.of("canEdit", canEdit(p), "isChair", p.isModerator(), "person", Actor.keyOf(p));
    }

    private void edit(InboundMessage m, String itemId, String text, long base) {
        MinutesDocument d = draft();
        if (!canEdit(m.sender())) {
            throw MessageRefusedException.forbidden("only the appointed minute-takers edit the minutes");
        }
        MinutesDocument.Item item = liveItem(d, itemId);
        if (base != item.textRevision()) {
            throw MessageRefusedException.conflict("the section changed since revision " + base + " (now " + item.textRevision()
                    + "); merge with the current text and send again with base " + item.textRevision());
        }
        if (item.text().equals(text)) {
            room.reply(m, "stored", JsonObject.of("revisions", List.of()));
            done();
            return;
        }
        store(m, Actor.of(m.sender()), List.of(new Write(d, "section_edited", JsonObject.of("itemId", itemId, "text", text, "base", base))), r -> { });
    }

    private void recordOwnVote(InboundMessage m, String voteId, Optional<String> stated) {
        MinutesDocument d = draft();
        JsonObject vote = d.vote(voteId).orElseThrow(() -> new MessageRefusedException(RefusalCode.NOT_FOUND, "no such vote in these minutes"));
        if (vote.getString("kind").equals("secret")) {
            throw MessageRefusedException.forbidden("in a secret vote nobody's choice can be recorded (§ 42 ThürKO)");
        }
        if (!vote.getString("state").equals("closed")) {
            throw MessageRefusedException.conflict("the vote is still open; ask again when it has closed");
        }
        Actor who = Actor.of(m.sender());
        if (d.ownVoteRecorded(voteId, who.key())) {
            throw MessageRefusedException.conflict("your vote in this vote is recorded already");
        }
        String choice = stated.or(() -> choiceByName(vote, who.name()))
                .orElseThrow(() -> MessageRefusedException.invalidRequest("say how you voted: choice"));
        store(m, who, List.of(new Write(d, "own_vote_recorded", JsonObject.builder().put("voteId", voteId)
                .put("itemId", vote.optString("itemId").orElse("")).put("person", who.key()).put("name", who.name()).put("choice", choice)
                .build())), r -> { });
    }

    /** In a roll call, the option next to the person's name. */
    private static Optional<String> choiceByName(JsonObject vote, String name) {
        return vote.optObject("names").flatMap(names -> names.members().entrySet().stream()
                .filter(e -> e.getValue() instanceof org.plenum.api.json.JsonArray a && a.elements().contains(new JsonString(name)))
                .map(Map.Entry::getKey).findFirst());
    }

    private void approve(InboundMessage m, Optional<String> documentId, long revision, Optional<String> as) {
        MinutesDocument d = documentId.map(id -> id.equals(existing().id().toString()) ? current : earlier.get(UUID.fromString(id)))
                .orElseGet(this::existing);
        if (d == null) {
            throw new MessageRefusedException(RefusalCode.NOT_FOUND, "no such minutes here");
        }
        Participant p = m.sender();
        String key = Actor.keyOf(p);
        boolean chair = p.isModerator();
        boolean taker = d.isTaker(key) && !revokedAtOnce.contains(key);
        String role = as.orElse(chair && !taker ? "chair" : taker && !chair ? "taker" : null);
        if (role == null) {
            throw chair ? MessageRefusedException.invalidRequest("you are chair and minute-taker: say as which you approve (as)")
                    : MessageRefusedException.forbidden("only the chair and the minute-takers approve the minutes");
        }
        if ((role.equals("chair") && !chair) || (role.equals("taker") && !taker)) {
            throw MessageRefusedException.forbidden("you cannot approve as " + role);
        }
        if (d.status() == MinutesDocument.Status.FINAL) {
            throw MessageRefusedException.conflict("this version is final already; a change starts the next version");
        }
        if (revision != d.contentRevision()) {
            throw MessageRefusedException.conflict("the minutes changed since revision " + revision + " (now " + d.contentRevision()
                    + "); read them again before approving");
        }
        Optional<JsonObject> mine = role.equals("chair") ? d.chairApproval() : d.takerApproval();
        if (mine.isPresent() && mine.get().getLong("revision") == revision) {
            throw MessageRefusedException.conflict("this content is approved as " + role + " already");
        }
        Optional<JsonObject> other = role.equals("chair") ? d.takerApproval() : d.chairApproval();
        if (other.isPresent() && other.get().getString("person").equals(key)) {
            throw MessageRefusedException.conflict("chair and minute-taker must be two people; you approved as the other already");
        }
        store(m, Actor.of(p), List.of(new Write(d, "approved", JsonObject.of("as", role, "revision", revision))), r -> { });
    }

    /** When chair and minute-taker approved the same content, the version is rendered, hashed and stored (M8). */
    private void finaliseIfApproved(MinutesDocument d) {
        if (d == null || !d.readyToFinalise()) {
            return;
        }
        queue.addFirst(() -> {
            if (!d.readyToFinalise()) {
                done();
                return;
            }
            JsonObject full = d.view(false, true);
            JsonObject open = d.view(true, true);
            int version = d.version();
            long content = d.contentRevision();
            String footer = "Niederschrift " + d.id() + " · Fassung " + version + " · Revision " + d.revision() + " · " + d.headHash();
            UUID id = d.id();
            Instant now = room.clock().instant();
            Revision base = Revision.seal(id, d.revision() + 1, now, Actor.SYSTEM, "finalised", JsonObject.of(), d.headHash());
            room.offload(() -> {
                MinutesPdf.Rendered pdf = MinutesPdf.render(full, footer);
                MinutesPdf.Rendered publicPdf = MinutesPdf.render(open, footer);
                store.saveExport(id, version, "full", pdf.sha256(), pdf.pdf(), now);
                store.saveExport(id, version, "public", publicPdf.sha256(), publicPdf.pdf(), now);
                Revision fin = Revision.seal(id, base.seq(), now, Actor.SYSTEM, "finalised", Fields.json("version", version,
                        "sha256", pdf.sha256(), "publicSha256", publicPdf.sha256(), "revision", content, "headHash", d.headHash()), d.headHash());
                store.append(List.of(fin));
                services.audit(room.tenantId(), List.of(fin));
                return fin;
            }, (fin, failure) -> {
                if (failure != null) {
                    services.log().log(System.Logger.Level.WARNING, "minutes could not be finalised: " + failure);
                    room.sendToRole(Role.MODERATOR, "finalise_failed", JsonObject.of("documentId", id.toString(),
                            "reason", "the PDF could not be made or stored; approve again to retry"));
                    done();
                    return;
                }
                d.apply(fin);
                announce(d, fin);
                room.sendToAll("finalised", JsonObject.of("documentId", id.toString(), "version", version,
                        "sha256", fin.payload().getString("sha256"), "publicSha256", fin.payload().getString("publicSha256")));
                done();
            });
        });
    }

    // ---- attendance (M2)

    @Override
    public void onJoin(Participant p) {
        enqueue(() -> arrive(p));
    }

    @Override
    public void onLeave(Participant p, LeaveReason reason) {
        String key = Actor.keyOf(p);
        enqueue(() -> {
            boolean stillHere = room.participants().stream().anyMatch(o -> Actor.keyOf(o).equals(key));
            if (current == null || current.sessionEnded() || !current.isPresent(key) || stillHere) {
                done();
                return;
            }
            store(null, Actor.SYSTEM, List.of(new Write(current, "departed", JsonObject.builder().put("person", key)
                    .put("itemId", current.currentItemId().orElse(null)).put("reason", reason.name().toLowerCase(java.util.Locale.ROOT))
                    .build())), r -> { });
        });
    }

    private void arrive(Participant p) {
        String key = Actor.keyOf(p);
        if (current == null || current.sessionEnded() || current.isPresent(key) || room.participant(p.id()).isEmpty()) {
            done();
            return;
        }
        store(null, Actor.SYSTEM, List.of(new Write(current, "arrived", JsonObject.builder().put("person", key).put("name", p.displayName())
                .put("presence", presenceOf(p)).put("itemId", current.currentItemId().orElse(null)).build())), r -> { });
    }

    /**
     * In the council chamber or connected from elsewhere: a meeting-room system is the chamber's own equipment, so who
     * joins through it is in the room; a browser or telephone is remote. The chair corrects it ({@code presence}) for
     * members who sit in the chamber with their own laptop.
     */
    static String presenceOf(Participant p) {
        return p.client() == Participant.ClientKind.ROOM_SYSTEM ? "in_room" : "remote";
    }

    // ---- votes (M3)

    private void onVote(VoteNews news) {
        enqueue(() -> {
            MinutesDocument d = current;
            if (d == null) {
                done();
                return;
            }
            Optional<String> itemId = news.agendaItem().flatMap(ref -> d.item(ref).map(MinutesDocument.Item::id)
                    .or(() -> itemByNumber(d, ref))).or(() -> d.vote(news.voteId()).flatMap(v -> v.optString("itemId")))
                    .or(d::currentItemId);
            JsonObject.Builder b = JsonObject.builder().put("voteId", news.voteId()).put("kind", news.kind()).put("question", news.question())
                    .put("itemId", itemId.orElse(null));
            news.result().members().forEach(b::put);
            store(null, Actor.SYSTEM, List.of(new Write(d, news.closed() ? "vote_recorded" : "vote_started", b.build())), r -> { });
        });
    }

    private static Optional<String> itemByNumber(MinutesDocument d, String number) {
        for (int i = 1; i <= d.itemCount(); i++) {
            Optional<MinutesDocument.Item> item = d.item("i" + i);
            if (item.isPresent() && item.get().number().equals(number)) {
                return Optional.of(item.get().id());
            }
        }
        return Optional.empty();
    }

    // ---- what readers see

    /** Members get every change as a revision; guests (the public) the public view again, as changes may hide items. */
    private void announce(MinutesDocument d, Revision r) {
        JsonObject change = JsonObject.builder().put("documentId", d.id().toString()).put("seq", r.seq()).put("type", r.type())
                .put("payload", r.payload()).put("by", r.actor().name()).put("at", r.at().toString()).put("version", d.version())
                .put("status", d.status().name().toLowerCase(java.util.Locale.ROOT)).put("contentRevision", d.contentRevision()).build();
        for (Participant p : room.participants()) {
            if (readsPublicOnly(p)) {
                if (d == current && changesPublicView(d, r)) {
                    room.sendTo(p, "document", snapshot(p));
                }
            } else {
                room.sendTo(p, "changed", change);
            }
        }
    }

    /** The whole state for one participant: join data, and again after a reload. */
    private JsonObject snapshot(Participant p) {
        JsonObject.Builder b = JsonObject.builder().put("rights", rights(p)).put("loaded", loaded);
        if (current != null) {
            boolean publicOnly = readsPublicOnly(p);
            JsonObject doc = current.view(publicOnly, true);
            if (doc.toJson().getBytes(StandardCharsets.UTF_8).length > RoomContext.MAX_BODY_BYTES - 2048) {
                doc = current.view(publicOnly, false).with("textsOmitted", true);
            }
            b.put("document", doc);
            if (!publicOnly) {
                b.put("earlier", earlier.values().stream().map(e -> JsonObject.builder().put("id", e.id().toString()).put("title", e.title())
                        .put("version", e.version()).put("status", e.status().name().toLowerCase(java.util.Locale.ROOT))
                        .put("contentRevision", e.contentRevision()).put("finals", e.finals()).build()).toList());
            }
        }
        return b.build();
    }

    @Override
    public Optional<JsonObject> joinSnapshot(Participant participant) {
        ensureLoading();
        return Optional.of(snapshot(participant));
    }

    @Override
    public void onRoomClosing() {
        gone = true;
    }

    @Override
    public void onPluginStopping() {
        gone = true;
    }

    /** The current document's state, for tests. */
    Optional<MinutesDocument> current() {
        return Optional.ofNullable(current);
    }

    /** Whether a revision can change what the public sees: not when it concerns a non-public item only. */
    private static boolean changesPublicView(MinutesDocument d, Revision r) {
        if (r.type().equals("item_changed") || r.type().equals("finalised")) {
            return true;
        }
        Optional<String> itemId = r.payload().optString("itemId");
        return itemId.isEmpty() || d.item(itemId.get()).map(MinutesDocument.Item::isPublic).orElse(false);
    }
}
