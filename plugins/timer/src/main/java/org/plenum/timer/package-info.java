/**
 * The timer plugin ({@code timer}): one countdown or stopwatch per room at a time, with a title, started and stopped by
 * moderators; participants say when they are ready and everyone sees how many (and who, unless anonymous). A PF4J
 * plugin: {@link org.plenum.timer.TimerPlugin} is its extension. The protocol is in {@code docs/plugins/timer.md}.
 */
package org.plenum.timer;
