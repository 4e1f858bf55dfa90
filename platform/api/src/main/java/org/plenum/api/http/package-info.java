/**
 * REST routes a plugin adds under {@code /api/v1/plugins/{id}/}, without any JAX-RS or servlet types, and the caller's identity.
 */
package org.plenum.api.http;
