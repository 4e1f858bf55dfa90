package org.plenum.minutes.document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.plenum.api.json.JsonArray;
import org.plenum.api.json.JsonObject;
import org.plenum.api.json.JsonValue;

/**
 * The state of one minutes document (Niederschrift): the fold of its {@link Revision}s, in order. Only the room
 * module that owns the document changes it, on its room's thread; HTTP handlers replay their own copy from storage.
 *
 * <h2>Revision types</h2>
 * Content (each one makes a finalised document a new draft version and clears approvals):
 * {@code created}, {@code item_added}, {@code item_changed}, {@code item_withdrawn}, {@code section_edited},
 * {@code item_started}, {@code arrived}, {@code departed}, {@code presence_set}, {@code absence_noted},
 * {@code vote_started}, {@code vote_recorded}, {@code own_vote_recorded}, {@code correction},
 * {@code objection_noted}, {@code approval_decided}.
 * <br>Not content: {@code taker_appointed}, {@code taker_revoked}, {@code approved}, {@code finalised},
 * {@code session_decision}, and {@code session_ended} (noted when the meeting ends, also after minutes were
 * finalised during the session: the finalised version keeps what was approved).
 */
public final class MinutesDocument {

    /** A document's state of approval. */
    public enum Status {
        /** Being written (or rewritten after a change to a finalised version). */
        DRAFT,
        /** Approved by chair and minute-taker; the version's PDF/A is stored with its hash. */
        FINAL
    }

    /** Revision types that change what the minutes say. */
    static final Set<String> CONTENT = Set.of("created", "item_added", "item_changed", "item_withdrawn", "section_edited",
            "item_started", "arrived", "departed", "presence_set", "absence_noted", "vote_started", "vote_recorded",
            "own_vote_recorded", "correction", "objection_noted", "approval_decided");

    /** An agenda item and its section. */
    public static final class Item {
        final String id;
        String number;
        String title;
        boolean isPublic;
        boolean withdrawn;
        final String approvalOf;
        String text = "";
        long textRevision;
        Instant startedAt;

        Item(String id, String number, String title, boolean isPublic, String approvalOf) {
            this.id = id;
            this.number = number;
            this.title = title;
            this.isPublic = isPublic;
            this.approvalOf = approvalOf;
        }

        public String id() {
            return id;
        }

        public boolean isPublic() {
            return isPublic;
        }

        public String number() {
            return number;
        }

        public boolean withdrawn() {
            return withdrawn;
        }

        public String text() {
            return text;
        }

        /** The revision of the section's last edit (0: never edited); an edit must name it as its base. */
        public long textRevision() {
            return textRevision;
        }

        /** The previous document whose approval this item is about (M9), if it is such an item. */
        public Optional<String> approvalOf() {
            return Optional.ofNullable(approvalOf);
        }
    }

    private record Movement(String kind, Instant at, String itemId, String reason) {
    }

    private static final class Attendee {
        final String key;
        final String name;
        String presence;
        boolean present;
        final List<Movement> movements = new ArrayList<>();

        Attendee(String key, String name, String presence) {
            this.key = key;
            this.name = name;
            this.presence = presence;
        }
    }

    private record Note(String itemId, JsonObject body) {
    }

    private final UUID id;
    private final UUID tenantId;
    private final String roomId;
    private String title = "";
    private String place = "";
    private Instant createdAt;
    private Instant endedAt;
    private long revision;
    private String headHash = Revision.GENESIS;
    private long contentRevision;
    private int version = 1;
    private Status status = Status.DRAFT;
    private final Map<String, Item> items = new LinkedHashMap<>();
    private final Map<String, String> takers = new LinkedHashMap<>();
    private final Map<String, Attendee> attendance = new LinkedHashMap<>();
    private final List<JsonObject> absences = new ArrayList<>();
    private final Map<String, JsonObject> votes = new LinkedHashMap<>();
    private final List<Note> notes = new ArrayList<>();
    private final List<JsonObject> corrections = new ArrayList<>();
    private final List<JsonObject> sessionDecisions = new ArrayList<>();
    private final List<JsonObject> finals = new ArrayList<>();
    private JsonObject chairApproval;
    private JsonObject takerApproval;
    private String currentItemId;
    private int itemCounter;

    /** An empty document; its first revision must be {@code created}. */
    public MinutesDocument(UUID id, UUID tenantId, String roomId) {
        this.id = Objects.requireNonNull(id, "id");
        this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
        this.roomId = Objects.requireNonNull(roomId, "roomId");
    }

    /** The state after {@code revisions}. @throws IllegalStateException if they do not follow each other */
    public static MinutesDocument replay(UUID id, UUID tenantId, String roomId, List<Revision> revisions) {
        MinutesDocument d = new MinutesDocument(id, tenantId, roomId);
        revisions.forEach(d::apply);
        return d;
    }

    /**
     * Applies the next revision.
     *
     * @throws IllegalStateException if it is not the next one (sequence or hash link)
     */
    public void apply(Revision r) {
        if (!r.documentId().equals(id) || r.seq() != revision + 1 || !r.prevHash().equals(headHash)) {
            throw new IllegalStateException("revision " + r.seq() + " does not follow revision " + revision + " of minutes " + id);
        }
        JsonObject p = r.payload();
        if (CONTENT.contains(r.type())) {
            if (status == Status.FINAL) {
                status = Status.DRAFT;
                version++;
            }
            chairApproval = null;
            takerApproval = null;
            contentRevision = r.seq();
        }
        switch (r.type()) {
            case "created" -> {
                title = p.getString("title");
                place = p.optString("place").orElse("");
                createdAt = r.at();
            }
            case "item_added" -> {
                Item item = new Item(p.getString("itemId"), p.getString("number"), p.getString("title"), p.getBoolean("public"),
                        p.optString("approvalOf").orElse(null));
                items.put(item.id, item);
                itemCounter++;
            }
            case "item_changed" -> {
                Item item = items.get(p.getString("itemId"));
                p.optString("title").ifPresent(t -> item.title = t);
                p.optString("number").ifPresent(n -> item.number = n);
                p.optBoolean("public").ifPresent(b -> item.isPublic = b);
            }
            case "item_withdrawn" -> items.get(p.getString("itemId")).withdrawn = true;
            case "section_edited" -> {
                Item item = items.get(p.getString("itemId"));
                item.text = p.getString("text");
                item.textRevision = r.seq();
            }
            case "item_started" -> {
                currentItemId = p.getString("itemId");
                Item item = items.get(currentItemId);
                if (item.startedAt == null) {
                    item.startedAt = r.at();
                }
            }
            case "arrived" -> {
                Attendee a = attendance.computeIfAbsent(p.getString("person"), k -> new Attendee(k, p.getString("name"), p.getString("presence")));
                a.presence = p.getString("presence");
                a.present = true;
                a.movements.add(new Movement("arrived", r.at(), p.optString("itemId").orElse(null), null));
            }
            case "departed" -> {
                Attendee a = attendance.get(p.getString("person"));
                a.present = false;
                a.movements.add(new Movement("departed", r.at(), p.optString("itemId").orElse(null), p.optString("reason").orElse(null)));
            }
            case "presence_set" -> attendance.get(p.getString("person")).presence = p.getString("presence");
            case "absence_noted" -> absences.add(p);
            case "vote_started" -> votes.put(p.getString("voteId"), p.with("state", "open"));
            case "vote_recorded" -> votes.put(p.getString("voteId"), p.with("state", "closed"));
            case "own_vote_recorded" -> notes.add(new Note(p.getString("itemId"), p.with("kind", "own_vote").with("at", r.at().toString())));
            case "objection_noted" -> notes.add(new Note(p.getString("itemId"), p.with("kind", "objection").with("at", r.at().toString())));
            case "approval_decided" -> notes.add(new Note(p.getString("itemId"), p.with("kind", "decision").with("at", r.at().toString())));
            case "correction" -> corrections.add(p.with("at", r.at().toString()).with("n", corrections.size() + 1));
            case "session_ended" -> {
                endedAt = r.at();
                for (Attendee a : attendance.values()) {
                    if (a.present) {
                        a.present = false;
                        a.movements.add(new Movement("departed", r.at(), currentItemId, "session_ended"));
                    }
                }
            }
            case "taker_appointed" -> takers.put(p.getString("person"), p.getString("name"));
            case "taker_revoked" -> takers.remove(p.getString("person"));
            case "approved" -> {
                JsonObject approval = JsonObject.of("person", r.actor().key(), "name", r.actor().name(), "at", r.at().toString(),
                        "revision", p.getLong("revision"));
                if (p.getString("as").equals("chair")) {
                    chairApproval = approval;
                } else {
                    takerApproval = approval;
                }
            }
            case "finalised" -> {
                status = Status.FINAL;
                finals.add(p.with("at", r.at().toString()));
            }
            case "session_decision" -> sessionDecisions.add(p.with("at", r.at().toString()));
            default -> throw new IllegalStateException("unknown revision type '" + r.type() + "' in minutes " + id);
        }
        revision = r.seq();
        headHash = r.hash();
    }

    // ---- queries

    public UUID id() {
        return id;
    }

    public UUID tenantId() {
        return tenantId;
    }

    public String roomId() {
        return roomId;
    }

    public String title() {
        return title;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** The last revision's sequence number (0 before {@code created}). */
    public long revision() {
        return revision;
    }

    /** The last revision's hash. */
    public String headHash() {
        return headHash;
    }

    /** The last revision that changed the content: approvals must name it. */
    public long contentRevision() {
        return contentRevision;
    }

    public int version() {
        return version;
    }

    public Status status() {
        return status;
    }

    public boolean sessionEnded() {
        return endedAt != null;
    }

    /** The item, withdrawn or not. */
    public Optional<Item> item(String itemId) {
        return Optional.ofNullable(items.get(itemId));
    }

    /** The next item id: {@code i1}, {@code i2}, … */
    public String nextItemId() {
        return "i" + (itemCounter + 1);
    }

    /** The number of items, withdrawn ones included. */
    public int itemCount() {
        return items.size();
    }

    /** The item being dealt with now, if the chair started one. */
    public Optional<String> currentItemId() {
        return Optional.ofNullable(currentItemId);
    }

    /** The items that put the approval of an earlier document on this agenda (M9), by that document's id. */
    public Map<String, String> approvalItems() {
        Map<String, String> m = new LinkedHashMap<>();
        items.values().stream().filter(i -> i.approvalOf != null).forEach(i -> m.put(i.approvalOf, i.id));
        return m;
    }

    public boolean isTaker(String personKey) {
        return takers.containsKey(personKey);
    }

    public Map<String, String> takers() {
        return Map.copyOf(takers);
    }

    public boolean isPresent(String personKey) {
        Attendee a = attendance.get(personKey);
        return a != null && a.present;
    }

    public boolean knowsAttendee(String personKey) {
        return attendance.containsKey(personKey);
    }

    public Optional<JsonObject> vote(String voteId) {
        return Optional.ofNullable(votes.get(voteId));
    }

    /** Whether this person asked already to have their vote in {@code voteId} recorded. */
    public boolean ownVoteRecorded(String voteId, String personKey) {
        return notes.stream().anyMatch(n -> n.body.getString("kind").equals("own_vote") && n.body.getString("voteId").equals(voteId)
                && n.body.getString("person").equals(personKey));
    }

    /** The chair's approval of the current content, if given. */
    public Optional<JsonObject> chairApproval() {
        return Optional.ofNullable(chairApproval);
    }

    /** The minute-taker's approval of the current content, if given. */
    public Optional<JsonObject> takerApproval() {
        return Optional.ofNullable(takerApproval);
    }

    /** Whether chair and minute-taker approved the current content and it is not final yet. */
    public boolean readyToFinalise() {
        return status == Status.DRAFT && chairApproval != null && takerApproval != null
                && chairApproval.getLong("revision") == contentRevision && takerApproval.getLong("revision") == contentRevision;
    }

    /** The finalised versions: {@code {version, sha256, publicSha256, revision, at}}. */
    public List<JsonObject> finals() {
        return List.copyOf(finals);
    }

    /** Whether a later session decided on the approval of these minutes. */
    public Optional<JsonObject> sessionDecision() {
        return sessionDecisions.isEmpty() ? Optional.empty() : Optional.of(sessionDecisions.getLast());
    }

    // ---- views

    /**
     * The document as JSON: everything for members ({@code publicOnly} false), or the public version (M6), which
     * leaves out every non-public item with its text, votes and notes, and the arrivals and departures during them.
     */
    public JsonObject view(boolean publicOnly, boolean withTexts) {
        List<JsonValue> itemViews = new ArrayList<>();
        for (Item i : items.values()) {
            if (publicOnly && !i.isPublic) {
                continue;
            }
            JsonObject.Builder b = JsonObject.builder().put("id", i.id).put("number", i.number).put("title", i.title)
                    .put("public", i.isPublic).put("withdrawn", i.withdrawn).put("textRevision", i.textRevision);
            if (withTexts) {
                b.put("text", i.text);
            }
            if (i.approvalOf != null) {
                b.put("approvalOf", i.approvalOf);
            }
            if (i.startedAt != null) {
                b.put("startedAt", i.startedAt.toString());
            }
            b.put("votes", JsonArray.from(votes.values().stream().filter(v -> i.id.equals(v.optString("itemId").orElse(null))).toList()));
            b.put("notes", JsonArray.from(notes.stream().filter(n -> n.itemId.equals(i.id)).map(Note::body).toList()));
            b.put("arrivals", movementsDuring(i.id, "arrived"));
            b.put("departures", movementsDuring(i.id, "departed"));
            itemViews.add(b.build());
        }
        List<JsonValue> people = new ArrayList<>();
        for (Attendee a : attendance.values()) {
            List<JsonValue> moves = new ArrayList<>();
            for (Movement m : a.movements) {
                if (publicOnly && m.itemId != null && items.containsKey(m.itemId) && !items.get(m.itemId).isPublic) {
                    continue;
                }
                moves.add(movementJson(m));
            }
            people.add(JsonObject.builder().put("name", a.name).put("presence", a.presence).put("present", a.present)
                    .put("movements", JsonArray.from(moves)).build());
        }
        JsonObject.Builder doc = JsonObject.builder()
                .put("id", id.toString()).put("roomId", roomId).put("title", title).put("place", place)
                .put("createdAt", createdAt == null ? null : createdAt.toString())
                .put("endedAt", endedAt == null ? null : endedAt.toString())
                .put("revision", revision).put("contentRevision", contentRevision).put("version", version)
                .put("status", status.name().toLowerCase(java.util.Locale.ROOT))
                .put("items", JsonArray.from(itemViews))
                .put("attendance", JsonArray.from(people))
                .put("absent", JsonArray.from(absences))
                .put("corrections", JsonArray.from(corrections))
                .put("finals", JsonArray.from(finals))
                .put("public", publicOnly);
        if (!publicOnly) {
            doc.put("currentItemId", currentItemId).put("headHash", headHash)
                    .put("takers", JsonArray.from(takers.entrySet().stream().map(e -> JsonObject.of("person", e.getKey(), "name", e.getValue())).toList()))
                    .put("approvals", JsonObject.builder().put("chair", chairApproval).put("taker", takerApproval).build());
        }
        sessionDecision().ifPresent(d -> doc.put("sessionDecision", d));
        return doc.build();
    }

    private JsonArray movementsDuring(String itemId, String kind) {
        List<JsonValue> out = new ArrayList<>();
        for (Attendee a : attendance.values()) {
            for (Movement m : a.movements) {
                if (m.kind.equals(kind) && itemId.equals(m.itemId)) {
                    out.add(movementJson(m).with("name", a.name).with("presence", a.presence));
                }
            }
        }
        return JsonArray.from(out);
    }

    private static JsonObject movementJson(Movement m) {
        return JsonObject.builder().put("kind", m.kind).put("at", m.at.toString()).put("itemId", m.itemId).put("reason", m.reason).build();
    }
}
