package org.plenum.core.pluginstorage;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * A plugin's SQL migrations read straight from its jar file, for Flyway as a
 * {@link ResourceProvider}. This is the fallback for class loaders Flyway cannot scan: an OSGi
 * bundle's loader hands out {@code bundle://} URLs, and Flyway's OSGi scanner looks in Flyway's own
 * bundle rather than the plugin's. Resources are named as Flyway's classpath scan names them
 * (relative to the location), so a schema migrated one way validates the other way.
 *
 * <p>The files are read into memory once (migrations are small) and the jar is closed again, so
 * nothing keeps the plugin's file open after migration.
 */
final class JarMigrations implements ResourceProvider {

    /** Migrations larger than this are refused (a plugin's SQL, not a data dump). */
    static final int MAX_FILE_BYTES = 4 * 1024 * 1024;

    private final Path jar;
    private final Map<String, String> byRelativePath;
    private final String location;

    private JarMigrations(Path jar, String location, Map<String, String> byRelativePath) {
        this.jar = jar;
        this.location = location;
        this.byRelativePath = byRelativePath;
    }

    /**
     * Reads every {@code .sql} file under {@code location} (a directory in the jar such as
     * {@code db/voting}, subdirectories included).
     *
     * @throws java.io.UncheckedIOException if the jar cannot be read
     */
    static JarMigrations read(Path jar, String location) {
        String dir = location.endsWith("/") ? location : location + "/";
        Map<String, String> found = new TreeMap<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (entry.isDirectory() || !name.startsWith(dir) || !name.endsWith(".sql") || name.contains("..")) {
                    continue;
                }
                try (InputStream in = file.getInputStream(entry)) {
                    byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
                    if (bytes.length > MAX_FILE_BYTES) {
                        throw new IllegalArgumentException("migration " + name + " in " + jar + " is larger than " + MAX_FILE_BYTES + " bytes");
                    }
                    found.put(name.substring(dir.length()), new String(bytes, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read migrations from " + jar + ": " + e.getMessage(), e);
        }
        return new JarMigrations(jar, dir.substring(0, dir.length() - 1), Collections.unmodifiableMap(found));
    }

    /** Whether the location holds no migrations. */
    boolean isEmpty() {
        return byRelativePath.isEmpty();
    }

    /** The files found, relative to the location. */
    List<String> names() {
        return List.copyOf(byRelativePath.keySet());
    }

    @Override
    public LoadableResource getResource(String name) {
        String text = byRelativePath.get(name);
        return text == null ? null : new JarResource(name, text);
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        List<LoadableResource> matching = new ArrayList<>();
        byRelativePath.forEach((path, text) -> {
            String filename = path.substring(path.lastIndexOf('/') + 1);
            if (filename.startsWith(prefix) && endsWithAny(filename, suffixes)) {
                matching.add(new JarResource(path, text));
            }
        });
        return matching;
    }

    private static boolean endsWithAny(String name, String[] suffixes) {
        for (String s : suffixes) {
            if (name.endsWith(s)) {
                return true;
            }
        }
        return false;
    }

    /** One migration file held in memory. */
    private final class JarResource extends LoadableResource {
        private final String relativePath;
        private final String text;

        JarResource(String relativePath, String text) {
            this.relativePath = relativePath;
            this.text = text;
        }

        @Override
        public Reader read() {
            return new StringReader(text);
        }

        @Override
        public String getAbsolutePath() {
            return location + "/" + relativePath;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return jar + "!/" + location + "/" + relativePath;
        }

        @Override
        public String getFilename() {
            return relativePath.substring(relativePath.lastIndexOf('/') + 1);
        }

        @Override
        public String getRelativePath() {
            return relativePath;
        }
    }
}
