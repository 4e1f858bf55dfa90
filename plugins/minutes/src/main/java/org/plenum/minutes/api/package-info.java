/**
 * What the minutes plugin offers other plugins: the {@link org.plenum.minutes.api.AgendaProvider} contract through
 * which a council-session module supplies agendas. Exported by the bundle at version 1.0.0; the rest of the plugin is
 * private.
 */
package org.plenum.minutes.api;
