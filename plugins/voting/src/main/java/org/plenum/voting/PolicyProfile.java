package org.plenum.voting;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.plenum.api.json.JsonArray;
import org.plenum.api.json.JsonObject;
import org.plenum.api.json.JsonValue;
import org.plenum.api.room.Participant;

/**
 * A tenant's rules for votes, from the plugin settings: a Land {@code profile} that switches on that Land's
 * rules, plus single rules an administrator can switch on in addition. Rules only ever restrict: a profile
 * cannot be loosened by a flag. The chair sees the reason whenever a rule makes a kind unavailable or a member
 * ineligible.
 *
 * @param profile                     {@code none}, {@code niedersachsen}, {@code bayern}, {@code nrw}, {@code thueringen}
 * @param allowedKinds                which kinds the tenant allows at all
 * @param noSecretWhileRemote         no secret vote while anyone takes part remotely (NKomVG § 64)
 * @param remoteExcludedFromElections remote members take no part in elections (Bavaria, GO Art. 47a)
 * @param remoteExcludedFromSecret    remote members take no part in secret votes (Bavaria, GO Art. 47a)
 * @param rsaModulusBits              size of the per-vote blind-signature key
 * @param blindVariant                the RFC 9474 variant of secret votes
 */
record PolicyProfile(String profile, List<VoteKind> allowedKinds, boolean noSecretWhileRemote, boolean remoteExcludedFromElections,
                     boolean remoteExcludedFromSecret, int rsaModulusBits, String blindVariant) {

    /** The JSON Schema of the plugin's settings (the descriptor's settings schema). */
    static final String SETTINGS_SCHEMA = """
            {"type": "object",
             "properties": {
               "profile": {"enum": ["none", "niedersachsen", "bayern", "nrw", "thueringen"], "default": "none",
                           "description": "Land rules: niedersachsen = no secret votes while anyone is remote (NKomVG § 64); bayern = remote members take no part in elections or secret votes (GO Art. 47a)"},
               "allowedKinds": {"type": "array", "items": {"enum": ["roll_call", "pseudonymous", "secret"]}, "uniqueItems": true,
                                "default": ["roll_call", "pseudonymous", "secret"]},
               "noSecretWhileRemote": {"type": "boolean", "default": false},
               "remoteExcludedFromElections": {"type": "boolean", "default": false},
               "remoteExcludedFromSecret": {"type": "boolean", "default": false},
               "rsaModulusBits": {"enum": [2048, 3072, 4096], "default": 3072},
               "blindVariant": {"enum": ["RSABSSA-SHA384-PSS-Randomized", "RSABSSA-SHA384-PSS-Deterministic"],
                                "default": "RSABSSA-SHA384-PSS-Randomized"}
             },
             "additionalProperties": false}""";

    /** The profile of a tenant's settings (missing keys take the schema's defaults). */
    static PolicyProfile of(JsonObject settings) {
        String profile = settings.optString("profile").orElse("none");
        List<VoteKind> kinds = settings.optArray("allowedKinds")
                .map(a -> a.stream().map(JsonValue::asString).map(VoteKind::parse).toList())
                .orElse(List.of(VoteKind.values()));
        boolean bavaria = profile.equals("bayern");
        return new PolicyProfile(profile, kinds,
                profile.equals("niedersachsen") || settings.optBoolean("noSecretWhileRemote").orElse(false),
                bavaria || settings.optBoolean("remoteExcludedFromElections").orElse(false),
                bavaria || settings.optBoolean("remoteExcludedFromSecret").orElse(false),
                settings.optInt("rsaModulusBits").orElse(3072),
                settings.optString("blindVariant").orElse("RSABSSA-SHA384-PSS-Randomized"));
    }

    /**
     * Which kinds the chair may start now, and for each unavailable one why (in German and English).
     *
     * @param remote tells remote participants from those in the chamber
     */
    Map<VoteKind, Optional<String>> availability(List<Participant> participants, Predicate<Participant> remote) {
        Map<VoteKind, Optional<String>> out = new LinkedHashMap<>();
        long remoteCount = participants.stream().filter(remote).count();
        for (VoteKind k : VoteKind.values()) {
            Optional<String> why = Optional.empty();
            if (!allowedKinds.contains(k)) {
                why = Optional.of("Diese Art der Abstimmung ist für Ihre Kommune nicht freigegeben / this kind of vote is not enabled for your municipality");
            } else if (k == VoteKind.SECRET && noSecretWhileRemote && remoteCount > 0) {
                why = Optional.of("Keine geheime Abstimmung, solange jemand zugeschaltet ist (" + remoteCount
                        + " remote; NKomVG § 64) / no secret vote while anyone takes part remotely");
            }
            out.put(k, why);
        }
        return out;
    }

    /** Why a remote participant may not vote in {@code definition}, if a rule says so. */
    Optional<String> remoteExclusion(VoteDefinition definition) {
        if (definition.purpose().equals("election") && remoteExcludedFromElections) {
            return Optional.of("remote members take no part in elections (GO Art. 47a)");
        }
        if (definition.kind() == VoteKind.SECRET && remoteExcludedFromSecret) {
            return Optional.of("remote members take no part in secret votes (GO Art. 47a)");
        }
        return Optional.empty();
    }

    /** For the chair's UI and the join snapshot. */
    static JsonObject availabilityJson(Map<VoteKind, Optional<String>> availability) {
        JsonArray kinds = JsonArray.from(availability.entrySet().stream()
                .map(e -> JsonObject.builder().put("kind", e.getKey().wireName()).put("available", e.getValue().isEmpty())
                        .putIfPresent("reason", e.getValue()).build())
                .toList());
        return JsonObject.of("kinds", kinds);
    }
}
