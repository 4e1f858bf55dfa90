package org.plenum.voting.api;

import org.plenum.api.Registration;

/**
 * The voting plugin's extension point, exported as a service: plugins that depend on {@code voting} register
 * providers here (the host's service registry lets a plugin find services only of plugins it depends on, so the
 * dependent registers with the voting plugin rather than the other way round). At most one provider of each kind
 * is used: the latest registration wins. Close the returned {@link Registration} in your plugin's
 * {@code stop()}, so that the voting plugin drops your classes.
 * {@snippet :
 * VotingExtensions voting = context.services().require(VotingExtensions.class);
 * Registration quorum = voting.registerQuorumProvider(sessions::quorum);
 * Registration attendance = voting.registerAttendanceProvider(sessions::inChamber);
 * }
 */
public interface VotingExtensions {

    /** Uses {@code provider} for the quorum check when a vote starts, until the registration is closed. */
    Registration registerQuorumProvider(QuorumProvider provider);

    /** Uses {@code provider} to tell chamber from remote participants, until the registration is closed. */
    Registration registerAttendanceProvider(AttendanceProvider provider);
}
