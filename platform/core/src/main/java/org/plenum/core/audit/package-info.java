/**
 * The SPI's audit log ({@code org.plenum.api.audit}) on PostgreSQL: {@link org.plenum.core.audit.AuditStore}
 * hands out per-plugin {@code AuditLog}s whose chains live in {@code plenum.audit_chain}/{@code audit_entry},
 * and {@link org.plenum.core.audit.AuditSigningKeys} keeps the server's Ed25519 head-signing keys.
 */
package org.plenum.core.audit;
