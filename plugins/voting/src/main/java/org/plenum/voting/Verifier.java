package org.plenum.voting;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.plenum.api.audit.AuditEntry;
import org.plenum.api.audit.ChainVerification;
import org.plenum.api.audit.SignedHead;
import org.plenum.api.json.JsonArray;
import org.plenum.api.json.JsonObject;
import org.plenum.voting.VoteStore.BallotRow;
import org.plenum.voting.VoteStore.RosterRow;
import org.plenum.voting.VoteStore.StoredVote;

/**
 * Checks a vote end to end and says where it breaks: the ledger's hash chain against the signed head (and that
 * the head was signed by this server's key), the recount from the ledger against the announced result, and every
 * row of the plugin's tables against the ledger entry it came from. Blocking.
 */
final class Verifier {

    private final Votes votes;
    private final PublicKey serverKey;

    Verifier(Votes votes, PublicKey serverKey) {
        this.votes = votes;
        this.serverKey = serverKey;
    }

    JsonObject verify(StoredVote v) {
        List<JsonObject> findings = new ArrayList<>();
        var chain = votes.ledger().chain(v.tenantId(), v.id());
        Optional<SignedHead> head = v.signedHead().map(j -> SignedHeads.fromJson(v.tenantId(), v.id(), j));
        ChainVerification check = head.isPresent() ? chain.verify(head.get()) : chain.verify();
        if (check instanceof ChainVerification.Broken broken) {
            findings.add(finding("ledger", "entry " + broken.sequence(), broken.problem().name().toLowerCase(java.util.Locale.ROOT),
                    broken.detail()));
        }
        head.ifPresent(h -> {
            if (!Arrays.equals(h.publicKey(), serverKey.getEncoded())) {
                findings.add(finding("vote", "signed_head", "foreign_key", "the ledger head was signed with key " + h.publicKeyFingerprint()
                        + ", not with this server's key " + SignedHead.fingerprint(serverKey.getEncoded())));
            }
        });
        if (v.open() && head.isEmpty()) {
            findings.add(finding("vote", "state", "open", "the vote is still open: the result is not final"));
        }
        List<AuditEntry> entries = votes.ledger().readAll(v.tenantId(), v.id());
        Recount recount;
        try {
            recount = Recount.of(entries);
        } catch (RuntimeException e) {
            findings.add(finding("ledger", "entry 1", "unreadable", "the ledger cannot be recounted: " + e.getMessage()));
            return result(v, findings, null);
        }
        for (String p : recount.problems()) {
            findings.add(finding("ledger", p.startsWith("entry ") ? p.substring(0, p.indexOf(' ', 6)) : "ledger", "rule_broken", p));
        }
        // the vote row against entry 1 and the closing entry
        if (!recount.definition().toJson().equals(v.definition().toJson())) {
            findings.add(finding("vote", "definition", "altered", "the stored vote (question, options, rules) differs from ledger entry 1"));
        }
        recount.closed().ifPresent(closedEntry -> {
            Map<String, Integer> ledgered = Recount.countsOf(closedEntry.payload().getArray("counts"));
            if (!ledgered.equals(recount.counts())) {
                findings.add(finding("ledger", "entry " + closedEntry.sequence(), "tally_mismatch", "the closing entry records " + ledgered
                        + " but the ballots in the ledger count " + recount.counts()));
            }
        });
        v.result().ifPresent(result -> {
            if (result.has("counts")) {
                Map<String, Integer> announced = Recount.countsOf(result.getArray("counts"));
                if (!announced.equals(recount.counts())) {
                    findings.add(finding("vote", "result", "tally_mismatch", "the stored result says " + announced
                            + " but the recount from the ledger gives " + recount.counts() + ": the result is invalid"));
                }
            }
        });
        compareRoster(v, recount, findings);
        compareBallots(v, recount, findings);
        return result(v, findings, recount);
    }

    private void compareRoster(StoredVote v, Recount recount, List<JsonObject> findings) {
        Map<String, RosterRow> rows = votes.store().roster(v.id());
        for (Map.Entry<String, Recount.RosterLine> e : recount.roster().entrySet()) {
            RosterRow row = rows.get(e.getKey());
            Recount.RosterLine line = e.getValue();
            String where = "voter " + e.getKey();
            if (row == null) {
                findings.add(finding("roster", where, "deleted", "ledger entry " + line.sequence() + " has this voter, the roster table does not"));
            } else if (row.eligible() != line.eligible() || row.credentialIssued() != line.credentialIssued()
                    || !row.displayName().equals(line.name())) {
                findings.add(finding("roster", where, "altered", "the roster row (eligible=" + row.eligible() + ", credential="
                        + row.credentialIssued() + ") differs from ledger entry " + line.sequence() + " (eligible=" + line.eligible()
                        + ", credential=" + line.credentialIssued() + ")"));
            } else if (row.ledgerSeq() != line.sequence()) {
                findings.add(finding("roster", where, "reordered", "the roster row points to ledger entry " + row.ledgerSeq()
                        + ", but its last change is entry " + line.sequence()));
            }
        }
        for (String key : rows.keySet()) {
            if (!recount.roster().containsKey(key)) {
                findings.add(finding("roster", "voter " + key, "inserted", "the roster table has a voter no ledger entry names"));
            }
        }
    }

    private void compareBallots(StoredVote v, Recount recount, List<JsonObject> findings) {
        boolean secret = v.definition().kind() == VoteKind.SECRET;
        String table = secret ? "ballot_box" : "ballot";
        Map<String, BallotRow> rows = secret ? votes.store().secretBallots(v.id()) : votes.store().ballots(v.id());
        for (Map.Entry<String, Recount.Counted> e : recount.ballots().entrySet()) {
            BallotRow row = rows.get(e.getKey());
            Recount.Counted c = e.getValue();
            String where = (secret ? "ballot " : "voter ") + e.getKey();
            if (row == null) {
                findings.add(finding(table, where, "deleted", "ledger entry " + c.sequence() + " has this ballot, the " + table + " table does not"));
            } else if (!row.choice().equals(c.choice()) || (!secret && !Objects.equals(row.receipt(), c.receipt()))) {
                findings.add(finding(table, where, "altered", "the row says '" + row.choice() + "' but ledger entry " + c.sequence()
                        + " says '" + c.choice() + "'"));
            } else if (row.ledgerSeq() != c.sequence()) {
                findings.add(finding(table, where, "reordered", "the row points to ledger entry " + row.ledgerSeq() + " but its ballot is entry "
                        + c.sequence()));
            }
        }
        for (String key : rows.keySet()) {
            if (!recount.ballots().containsKey(key)) {
                findings.add(finding(table, (secret ? "ballot " : "voter ") + key, "inserted", "the " + table
                        + " table has a ballot that no ledger entry records"));
            }
        }
    }

    private static JsonObject finding(String where, String entry, String problem, String detail) {
        return JsonObject.of("table", where, "entry", entry, "problem", problem, "detail", detail);
    }

    private static JsonObject result(StoredVote v, List<JsonObject> findings, Recount recount) {
        boolean intact = findings.stream().allMatch(f -> f.getString("problem").equals("open"));
        boolean announcedValid = v.result().map(r -> r.getBoolean("valid")).orElse(false);
        JsonObject.Builder b = JsonObject.builder()
                .put("voteId", v.id().toString())
                .put("state", v.state())
                .put("intact", intact)
                .put("resultValid", intact && announcedValid && !v.open())
                .put("findings", JsonArray.from(findings));
        if (recount != null) {
            b.put("recount", JsonObject.of("counts", recount.countsJson(), "cast", recount.cast(), "eligible", recount.eligible(),
                    "credentials", recount.credentials()));
        }
        v.signedHead().ifPresent(h -> b.put("signedHead", h));
        return b.build();
    }
}
