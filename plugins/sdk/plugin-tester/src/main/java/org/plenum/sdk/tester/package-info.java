/**
 * {@link org.plenum.sdk.tester.PluginTester}: runs a plugin's room module with simulated
 * participants, virtual time and in-memory platform services, and captures what it sends.
 */
package org.plenum.sdk.tester;
