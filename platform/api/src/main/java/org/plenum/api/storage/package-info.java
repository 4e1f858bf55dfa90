/**
 * A plugin's own PostgreSQL schema and the Flyway migrations that build it.
 */
package org.plenum.api.storage;
