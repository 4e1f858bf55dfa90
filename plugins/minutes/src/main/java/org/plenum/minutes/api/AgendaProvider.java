package org.plenum.minutes.api;

import java.util.Optional;
import java.util.UUID;

/**
 * Supplies the agenda of a room's next session to the minutes plugin: the council-session module implements it.
 * When the chair creates the minutes of a session, the minutes plugin asks the registered providers in order of
 * registration and uses the first agenda it gets, one section per item; without a provider (or when every provider
 * answers empty) the chair edits the agenda by hand.
 *
 * <p>Because plugins find services only from plugins they depend on, and the minutes plugin must work without a
 * council module, the provider is <em>registered with</em> the minutes plugin rather than looked up by it: the
 * council module declares {@code .dependsOn("minutes", "[1.0,2.0)")} and registers through {@link AgendaProviders}.
 * {@snippet :
 * // in the council-session plugin's start():
 * AgendaProviders agendas = context.services().require(AgendaProviders.class);
 * registration = agendas.register((tenantId, roomId) -> sessions.next(tenantId, roomId).map(Session::agenda));
 * // ... and in its stop(): registration.close();
 * }
 * Called on the plugin's executor, never on a room's thread: it may block (a database read), but should answer
 * within a second or two, as the chair waits for the draft.
 */
@FunctionalInterface
public interface AgendaProvider {

    /** The agenda of the session that is about to be minuted in this room, or empty if this provider has none. */
    Optional<ProvidedAgenda> agendaFor(UUID tenantId, String roomId);
}
