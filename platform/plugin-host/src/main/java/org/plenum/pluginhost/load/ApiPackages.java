package org.plenum.pluginhost.load;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.plenum.api.PlenumApi;
import org.plenum.api.SemVer;

/**
 * The packages of the plugin API ({@code org.plenum.api} and below), read from the jar or class
 * directory that {@link PlenumApi} was loaded from, so that a package added to the API is shared
 * with plugins without anyone editing a list here.
 */
final class ApiPackages {

    static final String ROOT = PlenumApi.class.getPackageName();

    private ApiPackages() {
    }

    /** Whether {@code className} belongs to the plugin API. */
    static boolean isApiClass(String className) {
        return className.startsWith(ROOT + ".");
    }

    /** Whether {@code packageName} is the API's root package or one below it. */
    static boolean isApiPackage(String packageName) {
        return packageName.equals(ROOT) || packageName.startsWith(ROOT + ".");
    }

    /**
     * The API's packages, sorted.
     *
     * @throws IllegalStateException if the API's classes cannot be listed (an unusual class loader)
     */
    static SortedSet<String> list() {
        Path location = location();
        String prefix = ROOT.replace('.', '/') + "/";
        SortedSet<String> packages = new TreeSet<>();
        try {
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location.resolve(prefix))) {
                    files.filter(f -> f.getFileName().toString().endsWith(".class"))
                            .map(f -> location.relativize(f.getParent()).toString().replace(location.getFileSystem().getSeparator(), "."))
                            .forEach(packages::add);
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    for (JarEntry e : Collections.list(jar.entries())) {
                        String name = e.getName();
                        if (name.startsWith(prefix) && name.endsWith(".class")) {
                            packages.add(name.substring(0, name.lastIndexOf('/')).replace('/', '.'));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the plugin API's packages in " + location + ": " + e.getMessage(), e);
        }
        if (!packages.contains(ROOT)) {
            throw new IllegalStateException("the plugin API's classes were not found in " + location);
        }
        return Collections.unmodifiableSortedSet(packages);
    }

    /** The version at which the API's packages are shared: {@code major.minor.patch} of {@link PlenumApi#VERSION}. */
    static String osgiVersion() {
        SemVer v = PlenumApi.VERSION;
        return v.major() + "." + v.minor() + "." + v.patch();
    }

    /** The value of {@code org.osgi.framework.system.packages.extra}: every API package at the API's version. */
    static String exportClause() {
        StringBuilder clause = new StringBuilder();
        for (String p : list()) {
            if (!clause.isEmpty()) {
                clause.append(',');
            }
            clause.append(p).append(";version=\"").append(osgiVersion()).append('"');
        }
        return clause.toString();
    }

    private static Path location() {
        CodeSource source = PlenumApi.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalStateException("cannot tell where the plugin API's classes were loaded from");
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException("the plugin API's classes come from " + source.getLocation()
                    + ", which is no file or directory: " + e.getMessage(), e);
        }
    }
}
