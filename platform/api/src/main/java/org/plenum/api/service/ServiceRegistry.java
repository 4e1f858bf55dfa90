package org.plenum.api.service;

import java.util.Optional;
import org.plenum.api.Registration;

/**
 * Services one plugin exports and others use. A service is a Java interface in a package the
 * exporting plugin makes visible to its dependents (an exported OSGi package, or a PF4J
 * dependency's classes), and an implementation registered at start.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>A plugin finds a service only if the core exports it or a plugin it <em>declares a
 *       dependency on</em> does ({@link org.plenum.api.PluginDescriptor#dependencies()}); anything
 *       else is not found, even when it is installed. If several visible providers export one
 *       type, the core's comes first, then dependencies in declaration order.</li>
 *   <li>The host starts dependencies before their dependents and stops dependents first. So a
 *       service looked up in {@code start} stays valid until the user's own {@code stop}; it need
 *       not be looked up again per call.</li>
 *   <li>Services are called from any thread, including room threads: implementations must be
 *       thread-safe, and a method that blocks must say so in its javadoc (or return a
 *       {@link java.util.concurrent.CompletionStage}) so that room modules call it through
 *       {@code offload}/{@code onComplete}.</li>
 *   <li>Parameters and results should be records, JSON values and JDK types, so that neither side
 *       depends on the other's internals.</li>
 * </ul>
 * {@snippet :
 * // the council-session plugin, in its exported package org.plenum.council.api:
 * public interface QuorumProvider {
 *     // non-blocking: answers from memory
 *     Quorum current(UUID tenantId, String roomId);
 * }
 * // ... and in its start():
 * context.services().export(QuorumProvider.class, new LiveQuorum(...));
 *
 * // the voting plugin, which declares .dependsOn("council-session", "[1.0,2.0)"):
 * QuorumProvider quorum = context.services().require(QuorumProvider.class);
 * }
 * Implemented by the host.
 */
public interface ServiceRegistry {

    /**
     * Exports {@code implementation} as {@code type} until the plugin stops (or the registration
     * is closed).
     *
     * @throws IllegalArgumentException if {@code type} is not an interface or this plugin exports it already
     */
    <S> Registration export(Class<S> type, S implementation);

    /** The service of {@code type}, if the core or a declared dependency exports it. */
    <S> Optional<S> find(Class<S> type);

    /**
     * The service of {@code type}.
     *
     * @throws ServiceUnavailableException saying which plugin would provide it and whether the
     *                                     dependency is undeclared or the provider is not running
     */
    <S> S require(Class<S> type);
}
