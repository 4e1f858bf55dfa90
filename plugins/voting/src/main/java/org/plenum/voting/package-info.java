/**
 * The voting plugin ("revisionssichere Abstimmungen"): roll-call, pseudonymous and secret votes in a meeting, each
 * with its own hash-chained ledger in the core's audit log, a verifier, and a PDF/A report. See docs/plugins/voting.md.
 */
package org.plenum.voting;
