package org.plenum.voting;

import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.plenum.api.audit.AuditEntry;
import org.plenum.api.json.JsonArray;
import org.plenum.api.json.JsonObject;
import org.plenum.voting.blind.BlindRsa;

/**
 * The tally recomputed from a vote's ledger alone: what the closing entry records and what the verifier
 * compares with. A ballot entry counts if its choice is an option, it is the first for its voter (roll call),
 * receipt (pseudonymous) or credential (secret), and — secret — its credential carries a valid blind signature
 * by the vote's key. Anything else is a {@link #problems() problem} naming the entry.
 *
 * @param definition   the vote as opened (from entry 1)
 * @param counts       votes per option, in option order
 * @param cast         ballots counted
 * @param credentials  credentials issued (secret votes)
 * @param eligible     eligible voters per the ledger's roster entries
 * @param ballots      the counted ballots by their key (voter, receipt or ballot id) → [entry sequence, choice]
 * @param roster       voter key → [entry sequence, eligible, credential issued]
 * @param problems     entries that break the rules, "entry n: …"
 * @param closed       the closing entry, if any
 */
record Recount(VoteDefinition definition, Map<String, Integer> counts, int cast, int credentials, int eligible,
               Map<String, Counted> ballots, Map<String, RosterLine> roster, List<String> problems, Optional<AuditEntry> closed,
               Optional<RSAPublicKey> publicKey, Optional<BlindRsa> variant) {

    record Counted(long sequence, String choice, String receipt, String name) {
    }

    record RosterLine(long sequence, String name, boolean eligible, String reason, boolean credentialIssued) {
    }

    static Recount of(List<AuditEntry> entries) {
        if (entries.isEmpty() || !entries.getFirst().type().equals(VoteLedger.OPENED)) {
            throw new IllegalArgumentException("a vote's ledger starts with vote.opened");
        }
        JsonObject opened = entries.getFirst().payload();
        VoteDefinition def = VoteDefinition.parse(opened.getObject("definition"));
        Optional<RSAPublicKey> key = opened.optString("publicKey").map(k -> BlindRsa.publicKey(Base64.getDecoder().decode(k)));
        Optional<BlindRsa> variant = opened.optString("variant").map(BlindRsa::byRfcName);
        Map<String, Integer> counts = new LinkedHashMap<>();
        def.options().forEach(o -> counts.put(o, 0));
        Map<String, Counted> ballots = new LinkedHashMap<>();
        Map<String, RosterLine> roster = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Set<String> issued = new HashSet<>();
        AuditEntry closed = null;
        for (AuditEntry e : entries) {
            JsonObject p = e.payload();
            String at = "entry " + e.sequence() + " (" + e.type() + ")";
            if (closed != null) {
                problems.add(at + " comes after the vote closed");
                continue;
            }
            switch (e.type()) {
                case VoteLedger.ELIGIBILITY -> {
                    for (var v : p.getArray("voters")) {
                        JsonObject line = v.asObject();
                        String voter = line.getString("voter");
                        RosterLine before = roster.get(voter);
                        roster.put(voter, new RosterLine(e.sequence(), line.getString("name"), line.getBoolean("eligible"),
                                line.optString("reason").orElse(""), before != null && before.credentialIssued()));
                    }
                }
                case VoteLedger.CREDENTIAL_ISSUED -> {
                    String voter = p.getString("voter");
                    RosterLine line = roster.get(voter);
                    if (line == null || !line.eligible()) {
                        problems.add(at + ": a credential was issued to a voter who is not eligible");
                    } else if (!issued.add(voter)) {
                        problems.add(at + ": a second credential was issued to the same voter");
                    } else {
                        roster.put(voter, new RosterLine(e.sequence(), line.name(), true, line.reason(), true));
                    }
                }
                case VoteLedger.BALLOT_ACCEPTED -> {
                    String choice = p.getString("choice");
                    if (!counts.containsKey(choice)) {
                        problems.add(at + ": choice '" + choice + "' is not an option of this vote");
                        continue;
                    }
                    String keyOf;
                    String receipt;
                    String name = "";
                    switch (def.kind()) {
                        case ROLL_CALL, PSEUDONYMOUS -> {
                            keyOf = p.getString("voter");
                            receipt = p.getString("receipt");
                            name = p.optString("name").orElse("");
                            RosterLine line = roster.get(keyOf);
                            if (line == null || !line.eligible()) {
                                problems.add(at + ": a ballot of a voter who is not eligible");
                                continue;
                            }
                        }
                        default -> {
                            byte[] message = Base64.getUrlDecoder().decode(p.getString("credential"));
                            byte[] signature = Base64.getUrlDecoder().decode(p.getString("signature"));
                            if (key.isEmpty() || variant.isEmpty() || !variant.get().verify(key.get(), message, signature)) {
                                problems.add(at + ": the credential's blind signature is not valid for this vote's key");
                                continue;
                            }
                            keyOf = Ballots.ballotId(message);
                            receipt = Ballots.receipt(message);
                            if (!keyOf.equals(p.getString("ballot"))) {
                                problems.add(at + ": the ballot id does not match the credential");
                                continue;
                            }
                        }
                    }
                    if (ballots.containsKey(keyOf)) {
                        problems.add(at + ": a second ballot for the same " + (def.kind() == VoteKind.SECRET ? "credential" : "voter"));
                        continue;
                    }
                    ballots.put(keyOf, new Counted(e.sequence(), choice, receipt, name));
                    counts.merge(choice, 1, Integer::sum);
                }
                case VoteLedger.CLOSED -> closed = e;
                default -> {
                    // opened, refusals, faults, chair changes: recorded, not counted
                }
            }
        }
        int eligible = (int) roster.values().stream().filter(RosterLine::eligible).count();
        if (def.kind() == VoteKind.SECRET && ballots.size() > issued.size()) {
            problems.add("the ledger has " + ballots.size() + " secret ballots but only " + issued.size() + " credentials were issued");
        }
        return new Recount(def, counts, ballots.size(), issued.size(), eligible, ballots, roster, problems, Optional.ofNullable(closed),
                key, variant);
    }

    /** The counts as a JSON array in option order: [{"option": …, "count": …}]. */
    JsonArray countsJson() {
        return countsJson(counts);
    }

    static JsonArray countsJson(Map<String, Integer> counts) {
        return JsonArray.from(counts.entrySet().stream().map(e -> JsonObject.of("option", e.getKey(), "count", e.getValue())).toList());
    }

    static Map<String, Integer> countsOf(JsonArray json) {
        Map<String, Integer> out = new LinkedHashMap<>();
        json.forEach(v -> out.put(v.asObject().getString("option"), v.asObject().getInt("count")));
        return out;
    }
}
