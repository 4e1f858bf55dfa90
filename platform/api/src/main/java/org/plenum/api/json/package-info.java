/**
 * The SPI's own immutable JSON values, with a canonical text form; see {@link org.plenum.api.json.JsonValue} for why the SPI does not use a JSON library.
 */
package org.plenum.api.json;
