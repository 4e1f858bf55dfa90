package org.plenum.voting.api;

/**
 * A quorum as a {@link QuorumProvider} sees it at one moment.
 *
 * @param present  members who count as present (in the room or connected remotely, as the Land's rule says)
 * @param required how many must be present
 * @param rule     a short text naming the rule, printed in the ledger and the report (e.g. "ThürKO § 36")
 */
public record Quorum(int present, int required, String rule) {

    /** Whether enough members are present. */
    public boolean quorate() {
        return present >= required;
    }
}
