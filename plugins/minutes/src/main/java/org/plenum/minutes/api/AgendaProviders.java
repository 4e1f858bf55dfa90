package org.plenum.minutes.api;

import org.plenum.api.Registration;

/**
 * The service the minutes plugin exports so that other plugins can supply agendas (see {@link AgendaProvider}).
 * Thread-safe. A provider stays registered until its registration is closed, which the registering plugin does in
 * its {@code stop()}; the host stops dependents first, so the minutes plugin never calls a stopped provider's code
 * through a stale registration as long as that rule is kept.
 * {@snippet :
 * Registration r = context.services().require(AgendaProviders.class).register(myProvider);
 * }
 */
public interface AgendaProviders {

    /** Adds a provider, asked after those registered before it. */
    Registration register(AgendaProvider provider);
}
