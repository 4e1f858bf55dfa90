/**
 * The plugin SPI's entry points: {@link org.plenum.api.Plugin}, its {@link org.plenum.api.PluginDescriptor} and {@link org.plenum.api.PluginContext}, plugin ids and semantic versions ({@link org.plenum.api.SemVer}, {@link org.plenum.api.VersionRange}, {@link org.plenum.api.PlenumApi#VERSION}). Everything in {@code org.plenum.api.*} is plain Java with no dependency but the JDK; plugins implement {@code Plugin}, {@code RoomModuleFactory}, {@code RoomModule} and {@code HttpHandler}, the host implements the rest.
 */
package org.plenum.api;
