package org.plenum.voting;

import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import org.plenum.api.PluginId;
import org.plenum.api.audit.AuditChainId;
import org.plenum.api.audit.ChainHash;
import org.plenum.api.audit.SignedHead;
import org.plenum.api.json.JsonObject;

/** A {@link SignedHead} as JSON, for the vote row, the API and the report. */
final class SignedHeads {

    private SignedHeads() {
    }

    static JsonObject toJson(SignedHead h) {
        return JsonObject.builder()
                .put("chain", h.chain().toString())
                .put("seq", h.sequence())
                .put("head", h.head().hex())
                .put("signedAt", h.signedAt().toString())
                .put("signature", HexFormat.of().formatHex(h.signature()))
                .put("publicKey", Base64.getEncoder().encodeToString(h.publicKey()))
                .put("keyFingerprint", h.publicKeyFingerprint())
                .build();
    }

    static SignedHead fromJson(UUID tenantId, UUID voteId, JsonObject j) {
        return new SignedHead(new AuditChainId(tenantId, PluginId.of(VotingPlugin.ID), VoteLedger.chainName(voteId)), j.getLong("seq"),
                ChainHash.ofHex(j.getString("head")), Instant.parse(j.getString("signedAt")),
                HexFormat.of().parseHex(j.getString("signature")), Base64.getDecoder().decode(j.getString("publicKey")));
    }
}
