/**
 * RSA blind signatures (RFC 9474, RSABSSA-SHA384-PSS-Randomized and -Deterministic): the protocol steps written
 * out on the JDK's big-integer arithmetic and SHA-384, with the JDK's RSASSA-PSS verifier checking every final
 * signature. Both sides are here: the server signs, the client side is used by tests and tools (the browser uses
 * an npm implementation of the same RFC).
 */
package org.plenum.voting.blind;
