package org.plenum.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.plenum.api.PluginId;
import org.plenum.api.audit.AuditChain;
import org.plenum.api.audit.ChainVerification;
import org.plenum.api.audit.SignedHead;
import org.plenum.api.json.JsonObject;
import org.plenum.core.PlatformCore;
import org.plenum.core.config.Settings;

/** The audit log as the platform core wires it: the key and the chains outlive a restart. */
class AuditAcrossRestartsTest {

    @TempDir
    Path dataDir;

    private PlatformCore start() {
        return PlatformCore.start(Settings.of(Map.of("data.dir", dataDir.toString(), "admin.password", "bootstrap-password",
                "media.udp.port", "0", "media.tcp.port", "0")),
                new SimpleMeterRegistry());
    }

    @Test
    void theSigningKeyAndTheChainsSurviveARestart() {
        String fingerprint;
        SignedHead sealed;
        UUID tenant;
        try (PlatformCore core = start()) {
            tenant = core.tenants.root().orElseThrow().id();
            AuditChain vote = core.audit.forPlugin(PluginId.of("voting")).chain(tenant, "vote/1");
            vote.append("vote.opened", JsonObject.of("question", "Q"));
            vote.append("vote.closed", JsonObject.of("yes", 3));
            sealed = vote.signHead();
            fingerprint = core.audit.signingKeys().currentFingerprint();
            assertThat(sealed.publicKeyFingerprint()).isEqualTo(fingerprint);
        }
        try (PlatformCore core = start()) {
            assertThat(core.audit.signingKeys().currentFingerprint()).isEqualTo(fingerprint);
            assertThat(core.audit.signingKeys().history()).hasSize(1);
            AuditChain vote = core.audit.forPlugin(PluginId.of("voting")).chain(tenant, "vote/1");
            assertThat(vote.verify(sealed).isIntact()).isTrue();
            assertThat(core.audit.signingKeys().signedByServer(sealed)).isTrue();
            assertThat(vote.append("vote.annulled", JsonObject.of("reason", "fault")).sequence()).isEqualTo(3);
            assertThat(vote.verify()).isInstanceOfSatisfying(ChainVerification.Intact.class, ok -> assertThat(ok.length()).isEqualTo(3));
            assertThat(vote.signHead().publicKeyFingerprint()).isEqualTo(fingerprint);
        }
    }
}
