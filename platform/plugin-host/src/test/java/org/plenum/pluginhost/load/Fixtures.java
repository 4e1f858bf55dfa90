package org.plenum.pluginhost.load;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.plenum.api.PlenumApi;

/**
 * The fixture plugins the reactor built ({@code platform/plugin-host/fixtures}), and variants of
 * them: the same classes with manifest headers or descriptor values changed.
 */
public final class Fixtures {

    private Fixtures() {
    }

    /** The OSGi bundle {@code osgi-hello} 1.0.0: imports org.plenum.api [1.0,2.0), registers a Plugin in its activator. */
    public static Path osgiHello() {
        return fixture("plenum-fixture-osgi-hello.jar");
    }

    /** The PF4J plugin {@code pf4j-hello} 1.0.0: Plugin-Requires {@code >=1.0.0 & <2.0.0}, one {@code @Extension} Plugin. */
    public static Path pf4jHello() {
        return fixture("plenum-fixture-pf4j-hello.jar");
    }

    /**
     * The PF4J plugin {@code misbehaving} 1.0.0, which misbehaves as its descriptor's {@code mode} says (throw,
     * throw-start, hang, flood, leak-thread, leak-stubborn-thread); {@link #misbehaving} derives one per mode.
     */
    public static Path pf4jMisbehaving() {
        return fixture("plenum-fixture-pf4j-misbehaving.jar");
    }

    /** A copy of the misbehaving fixture as plugin {@code id} with {@code mode}, unsigned, at {@code target}. */
    public static Path misbehaving(String id, String mode, Path target) throws IOException {
        return variant(pf4jMisbehaving()).header("Plugin-Id", id).descriptor("id", id).descriptor("mode", mode).writeTo(target);
    }

    private static Path fixture(String name) {
        Path dir = Path.of(System.getProperty("plenum.fixtures.dir", "target/fixtures"));
        Path jar = dir.resolve(name);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: build the fixtures with "
                    + "./mvnw test -pl platform/plugin-host -am (they are copied there in process-test-resources)");
        }
        return jar;
    }

    /** Starts a variant of {@code jar}. */
    public static Variant variant(Path jar) {
        return new Variant(jar);
    }

    /** A copy of a fixture jar with some manifest headers and descriptor values replaced. */
    public static final class Variant {

        private final Path original;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final Map<String, String> descriptor = new LinkedHashMap<>();
        private boolean withoutExtensionIndex;
        private boolean withApiCopy;

        private Variant(Path original) {
            this.original = original;
        }

        /** Sets a main manifest header; {@code null} removes it. */
        public Variant header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** Sets a value of the fixture's {@code descriptor.properties}: id, version, name, requires. */
        public Variant descriptor(String key, String value) {
            descriptor.put(key, value);
            return this;
        }

        /** Leaves out PF4J's {@code META-INF/extensions.idx}. */
        public Variant withoutExtensionIndex() {
            withoutExtensionIndex = true;
            return this;
        }

        /** Adds a copy of the plugin API's classes to the jar, as a badly built plugin would. */
        public Variant withApiCopy() {
            withApiCopy = true;
            return this;
        }

        public Path writeTo(Path target) throws IOException {
            try (JarFile in = new JarFile(original.toFile(), false)) {
                Manifest manifest = new Manifest(in.getManifest());
                Attributes main = manifest.getMainAttributes();
                headers.forEach((name, value) -> {
                    if (value == null) {
                        main.remove(new Attributes.Name(name));
                    } else {
                        main.putValue(name, value);
                    }
                });
                Files.createDirectories(target.getParent());
                try (OutputStream file = Files.newOutputStream(target); JarOutputStream out = new JarOutputStream(file, manifest)) {
                    for (JarEntry entry : Collections.list(in.entries())) {
                        String name = entry.getName();
                        if (name.equalsIgnoreCase(JarFile.MANIFEST_NAME) || name.equalsIgnoreCase("META-INF/")) {
                            continue;
                        }
                        if (withoutExtensionIndex && name.equals("META-INF/extensions.idx")) {
                            continue;
                        }
                        out.putNextEntry(new JarEntry(name));
                        try (InputStream content = in.getInputStream(entry)) {
                            if (name.endsWith("/descriptor.properties") && !descriptor.isEmpty()) {
                                out.write(rewrite(content));
                            } else {
                                content.transferTo(out);
                            }
                        }
                        out.closeEntry();
                    }
                    if (withApiCopy) {
                        copyApiClasses(out);
                    }
                }
            }
            return target;
        }

        private static void copyApiClasses(JarOutputStream out) throws IOException {
            Path classes;
            try {
                classes = Path.of(PlenumApi.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
            String prefix = "org/plenum/api/";
            if (Files.isDirectory(classes)) {
                try (Stream<Path> files = Files.walk(classes.resolve(prefix))) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(java.io.File.separatorChar, '/')));
                        Files.copy(f, out);
                        out.closeEntry();
                    }
                }
            } else {
                try (JarFile api = new JarFile(classes.toFile(), false)) {
                    for (JarEntry e : Collections.list(api.entries())) {
                        if (e.getName().startsWith(prefix) && !e.isDirectory()) {
                            out.putNextEntry(new JarEntry(e.getName()));
                            try (InputStream in = api.getInputStream(e)) {
                                in.transferTo(out);
                            }
                            out.closeEntry();
                        }
                    }
                }
            }
        }

        private byte[] rewrite(InputStream content) throws IOException {
            Properties p = new Properties();
            p.load(new ByteArrayInputStream(content.readAllBytes()));
            descriptor.forEach(p::setProperty);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            p.store(new java.io.OutputStreamWriter(bytes, StandardCharsets.ISO_8859_1), null);
            return bytes.toByteArray();
        }
    }
}
