package org.plenum.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The first-party plugin jars the reactor built and signed with its test CA, and that CA's trust store.
 * The it-tests module runs in {@code it-tests/}, so the other modules' outputs are one folder up.
 */
public final class SignedPlugins {

    public static final String TRUSTSTORE_PASSWORD = "plenum-test";

    private static final Path ROOT = Path.of(System.getProperty("plenum.root", "..")).toAbsolutePath().normalize();

    private SignedPlugins() {
    }

    public static Path truststore() {
        return ROOT.resolve("plugins/sdk/build-signing/target/test-ca/plenum-test-truststore.p12");
    }

    /** The built distribution ({@code distribution/target/plenum}). */
    public static Path distribution() {
        return Path.of(System.getProperty("plenum.distribution", ROOT.resolve("distribution/target/plenum").toString())).toAbsolutePath().normalize();
    }

    /** A first-party plugin as the distribution ships it, in its {@code plugins/} folder, e.g. {@code timer-0.1.0-SNAPSHOT.jar}. */
    public static Path shipped(String id) {
        Path dir = distribution().resolve("plugins");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches(id + "-[0-9].*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + id + " jar in " + dir + "; build the distribution first"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir + "; build the distribution first", e);
        }
    }

    /** The timer as version 1.1.0 ({@code plugins/timer-next}), signed like the others: for updates. */
    public static Path nextTimer() {
        Path jar = ROOT.resolve("plugins/timer-next/target/timer-1.1.0.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; build plugins/timer-next first");
        }
        return jar;
    }

    /** The built jar of {@code plugins/<module>}, e.g. {@code polls}. */
    public static Path jar(String module) {
        Path target = ROOT.resolve("plugins").resolve(module).resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches("plenum-plugin-" + module + "-[0-9].*\\.jar"))
                    .filter(f -> !f.getFileName().toString().endsWith("-sources.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no built jar in " + target + "; build plugins/" + module + " first"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + target + "; build plugins/" + module + " first", e);
        }
    }
}
