/**
 * The quick polls plugin ({@code polls}): one open poll per room at a time, single or multiple choice, anonymous or
 * named, results live or hidden until it closes, an optional time limit. The protocol is in {@code docs/plugins/polls.md}.
 * <ul>
 *   <li>{@link org.plenum.polls.PollsPlugin}: descriptor, room modules, the REST route with the results of closed polls;</li>
 *   <li>{@link org.plenum.polls.PollsActivator}: registers the plugin as an OSGi service;</li>
 *   <li>{@link org.plenum.polls.PollsModule}: one room's polls, on the room's thread;</li>
 *   <li>{@link org.plenum.polls.PollQuestion} and {@link org.plenum.polls.Poll}: what was asked, and the ballots;</li>
 *   <li>{@link org.plenum.polls.PollArchive}: results of closed polls, for the REST route.</li>
 * </ul>
 */
package org.plenum.polls;
