/**
 * What the polls plugin offers other plugins: the {@link org.plenum.polls.api.PollClosed} event. Exported by the bundle
 * at version 1.0.0; the rest of the plugin is private.
 */
package org.plenum.polls.api;
