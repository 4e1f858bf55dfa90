/**
 * What the voting plugin offers other plugins (those that declare {@code .dependsOn("voting", "[1.0,2.0)")}):
 * the events {@link org.plenum.voting.api.VoteStarted} and {@link org.plenum.voting.api.VoteClosed}, the service
 * {@link org.plenum.voting.api.VoteRecords} (results, ledger and report of a vote) and the extension point
 * {@link org.plenum.voting.api.VotingExtensions}, where a council-session plugin registers its
 * {@link org.plenum.voting.api.QuorumProvider} and {@link org.plenum.voting.api.AttendanceProvider}. Exported by the
 * bundle at version 1.0.0; the rest of the plugin is private. See docs/plugins/voting.md.
 */
package org.plenum.voting.api;
