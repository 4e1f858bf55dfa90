package org.plenum.voting;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.plenum.api.Registration;
import org.plenum.voting.api.AttendanceProvider;
import org.plenum.voting.api.QuorumProvider;
import org.plenum.voting.api.VotingExtensions;

/** The providers dependents registered ({@link VotingExtensions}); the latest registration of each kind wins. */
final class Extensions implements VotingExtensions {

    private final AtomicReference<QuorumProvider> quorum = new AtomicReference<>();
    private final AtomicReference<AttendanceProvider> attendance = new AtomicReference<>();

    @Override
    public Registration registerQuorumProvider(QuorumProvider provider) {
        java.util.Objects.requireNonNull(provider, "provider");
        quorum.set(provider);
        return () -> quorum.compareAndSet(provider, null);
    }

    @Override
    public Registration registerAttendanceProvider(AttendanceProvider provider) {
        java.util.Objects.requireNonNull(provider, "provider");
        attendance.set(provider);
        return () -> attendance.compareAndSet(provider, null);
    }

    Optional<QuorumProvider> quorum() {
        return Optional.ofNullable(quorum.get());
    }

    Optional<AttendanceProvider> attendance() {
        return Optional.ofNullable(attendance.get());
    }

    void clear() {
        quorum.set(null);
        attendance.set(null);
    }
}
