package org.plenum.it.support;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * The Plenum server the end-to-end tests talk to. Tests see only its URL; how it runs is chosen by the
 * system property {@code plenum.it.server}: {@code distribution} (default: {@code bin/plenum} of the built
 * distribution as a process, as operators run it) or {@code in-process} (for stepping through with a debugger).
 */
public interface ServerUnderTest extends AutoCloseable {

    /** The base URL, e.g. {@code http://127.0.0.1:43121/}. */
    URI url();

    @Override
    void close();

    /**
     * Starts a server with these settings (keys as in docs/operations.md) on a free loopback port, with its
     * data in {@code workDir}, and waits until it is ready.
     */
    static ServerUnderTest start(Map<String, String> settings, Path workDir) {
        return switch (System.getProperty("plenum.it.server", "distribution")) {
            case "in-process" -> InProcessServer.start(settings, workDir);
            case "distribution" -> DistributionServer.start(Path.of(System.getProperty("plenum.distribution",
                    "../distribution/target/plenum")), settings, workDir);
            default -> throw new IllegalArgumentException("plenum.it.server must be distribution or in-process");
        };
    }
}
