/**
 * A plugin's part of the web client: static files under {@code /plugins/{id}/ui/}, an ES-module entry and the slots its custom elements appear in.
 */
package org.plenum.api.ui;
