/**
 * Services one plugin exports and another, which declares the dependency, uses.
 */
package org.plenum.api.service;
