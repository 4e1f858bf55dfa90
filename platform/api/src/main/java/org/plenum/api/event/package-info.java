/**
 * Typed, in-memory events between the core and plugins and between plugins; the core's own events are the sealed {@link org.plenum.api.event.CoreEvent} family.
 */
package org.plenum.api.event;
