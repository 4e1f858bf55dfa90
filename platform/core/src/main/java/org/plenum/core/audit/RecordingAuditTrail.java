package org.plenum.core.audit;

import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.plenum.api.PluginId;
import org.plenum.api.audit.AuditChainId;
import org.plenum.api.json.JsonObject;
import org.plenum.core.plugin.RecordingNotice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every recording start and end to the audit log, in the declaring plugin's chain
 * {@code recording/<room id>} of the room's tenant, as {@code recording.started} and
 * {@code recording.stopped}. The host writes these records, not the plugin, so a plugin cannot leave
 * them out; they sit in the plugin's own chain because chains belong to plugins (the core has no
 * owner id of its own yet), which also lets the plugin attach its chain to its report.
 *
 * <p>Rooms hand notices over on their own threads; one writer thread appends them in that order, so a
 * chain never holds an end before its start.
 */
public final class RecordingAuditTrail implements Consumer<RecordingNotice>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RecordingAuditTrail.class);

    private final AuditStore store;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("recording-audit").factory());

    public RecordingAuditTrail(AuditStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The chain a room's recordings by {@code plugin} go into. */
    public static AuditChainId chainOf(java.util.UUID tenantId, String plugin, String roomId) {
        return new AuditChainId(tenantId, PluginId.of(plugin), "recording/" + roomId);
    }

    @Override
    public void accept(RecordingNotice n) {
        writer.execute(() -> write(n));
    }

    private void write(RecordingNotice n) {
        var r = n.recording();
        JsonObject.Builder payload = JsonObject.builder().put("recording", r.id()).put("kind", r.kind()).put("label", r.label())
                .put("room", n.roomId()).put("startedAt", r.startedAt().toString());
        if (!n.started()) {
            payload.put("endedAt", n.endedAt().toString()).put("reason", n.reason());
        }
        try {
            store.chain(chainOf(n.tenantId(), r.plugin(), n.roomId()))
                    .append(n.started() ? "recording.started" : "recording.stopped", payload.build());
        } catch (RuntimeException e) {
            // the room has told everyone already; the missing record is an operator's problem, loudly
            log.atError().setMessage("recording not written to the audit log").addKeyValue("room", n.roomId())
                    .addKeyValue("recording", r.id()).addKeyValue("plugin", r.plugin()).setCause(e).log();
        }
    }

    /** Writes what is queued (bounded), then stops. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
                log.atWarn().setMessage("recording audit records still queued at shutdown").log();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
