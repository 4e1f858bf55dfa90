package org.plenum.minutes;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.plenum.api.Registration;
import org.plenum.minutes.api.AgendaProvider;
import org.plenum.minutes.api.AgendaProviders;
import org.plenum.minutes.api.ProvidedAgenda;

/**
 * The registered {@link AgendaProvider}s, plus one the plugin may find as a service of the core or of a declared
 * dependency. Asked in order; a provider that throws is skipped (the chair then edits the agenda by hand).
 */
final class AgendaSources implements AgendaProviders {

    private final List<AgendaProvider> providers = new CopyOnWriteArrayList<>();
    private final Optional<AgendaProvider> found;
    private final System.Logger log;

    AgendaSources(Optional<AgendaProvider> found, System.Logger log) {
        this.found = found;
        this.log = log;
    }

    @Override
    public Registration register(AgendaProvider provider) {
        java.util.Objects.requireNonNull(provider, "provider");
        providers.add(provider);
        return () -> providers.remove(provider);
    }

    /** The first agenda a provider has for the room. Blocking (providers may read a database). */
    Optional<ProvidedAgenda> agendaFor(UUID tenantId, String roomId) {
        List<AgendaProvider> all = new java.util.ArrayList<>();
        found.ifPresent(all::add);
        all.addAll(providers);
        for (AgendaProvider p : all) {
            try {
                Optional<ProvidedAgenda> agenda = p.agendaFor(tenantId, roomId);
                if (agenda != null && agenda.isPresent()) {
                    return agenda;
                }
            } catch (RuntimeException e) {
                log.log(System.Logger.Level.WARNING, "an agenda provider failed; the chair edits the agenda by hand: " + e);
            }
        }
        return Optional.empty();
    }

    void clear() {
        providers.clear();
    }
}
