/**
 * The core's append-only, hash-chained audit log: chains, entries, the hashing and signing rules and the reference verifier.
 */
package org.plenum.api.audit;
