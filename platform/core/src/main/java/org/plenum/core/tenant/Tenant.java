package org.plenum.core.tenant;

import java.time.Instant;
import java.util.UUID;

/** A state (the root, {@code parentId == null}) or a municipality beneath it. */
public record Tenant(UUID id, String slug, String name, UUID parentId, Instant createdAt) {

    public boolean isRoot() {
        return parentId == null;
    }
}
