package org.plenum.pluginhost.load;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.framework.Bundle;
import org.osgi.framework.namespace.BundleNamespace;
import org.osgi.framework.namespace.ExecutionEnvironmentNamespace;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.resource.Namespace;
import org.plenum.api.PlenumApi;

/**
 * Explains why a bundle did not resolve: which of its mandatory requirements nothing in the
 * framework provides, in words (package, version range, what to do) rather than as LDAP filters.
 */
final class UnresolvedBundle {

    private static final Pattern PACKAGE = Pattern.compile("\\(" + Pattern.quote(PackageNamespace.PACKAGE_NAMESPACE) + "=([^)]+)\\)");
    private static final Pattern BUNDLE = Pattern.compile("\\(" + Pattern.quote(BundleNamespace.BUNDLE_NAMESPACE) + "=([^)]+)\\)");
    private static final Pattern NOT_VERSION = Pattern.compile("\\(!\\(version(>=|<=)([^)]+)\\)\\)");
    private static final Pattern VERSION = Pattern.compile("\\(version(>=|<=|=)([^)]+)\\)");

    private UnresolvedBundle() {
    }

    /** One sentence per requirement that has no provider; empty if every requirement has one (a conflict of "uses" constraints). */
    static List<String> missingRequirements(Bundle bundle, FrameworkWiring wiring) {
        List<String> problems = new ArrayList<>();
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null) {
            return problems;
        }
        for (BundleRequirement requirement : revision.getDeclaredRequirements(null)) {
            String resolution = requirement.getDirectives().get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE);
            String effective = requirement.getDirectives().get(Namespace.REQUIREMENT_EFFECTIVE_DIRECTIVE);
            if (Namespace.RESOLUTION_OPTIONAL.equals(resolution)
                    || (effective != null && !Namespace.EFFECTIVE_RESOLVE.equals(effective))) {
                continue;
            }
            if (wiring.findProviders(requirement).isEmpty()) {
                problems.add(describe(requirement));
            }
        }
        return problems;
    }

    static String describe(BundleRequirement requirement) {
        String filter = requirement.getDirectives().getOrDefault(Namespace.REQUIREMENT_FILTER_DIRECTIVE, "");
        switch (requirement.getNamespace()) {
            case PackageNamespace.PACKAGE_NAMESPACE -> {
                Matcher m = PACKAGE.matcher(filter);
                String pkg = m.find() ? m.group(1) : filter;
                String range = versionRange(filter);
                if (ApiPackages.isApiPackage(pkg)) {
                    return "it imports " + pkg + " " + range + ", but this server provides Plenum API " + PlenumApi.VERSION
                            + " (" + pkg + " " + ApiPackages.osgiVersion() + "); build the plugin against Plenum API "
                            + PlenumApi.VERSION.major() + ".x, or install it on a server with a matching API";
                }
                return "it imports package " + pkg + " " + range
                        + ", which no loaded bundle exports; load the plugin that exports it first, or embed that library in the bundle";
            }
            case BundleNamespace.BUNDLE_NAMESPACE -> {
                Matcher m = BUNDLE.matcher(filter);
                return "it requires bundle " + (m.find() ? m.group(1) : filter) + " " + versionRange(filter)
                        + ", which is not loaded; load it first, or import packages instead of requiring bundles";
            }
            case ExecutionEnvironmentNamespace.EXECUTION_ENVIRONMENT_NAMESPACE -> {
                return "it needs a Java runtime matching " + filter + ", but this server runs Java " + Runtime.version().feature()
                        + "; build the plugin for Java " + Runtime.version().feature() + " or older";
            }
            default -> {
                return "it requires " + requirement.getNamespace() + " " + filter + ", which nothing in this server provides";
            }
        }
    }

    /** {@code version [2.0.0,3.0.0)} from Felix's filter form, or {@code (any version)}. */
    static String versionRange(String filter) {
        String lower = null;
        String upper = null;
        boolean lowerInclusive = true;
        boolean upperInclusive = false;
        Matcher not = NOT_VERSION.matcher(filter);
        while (not.find()) {
            if (not.group(1).equals(">=")) {
                upper = not.group(2);
                upperInclusive = false;
            } else {
                lower = not.group(2);
                lowerInclusive = false;
            }
        }
        Matcher v = VERSION.matcher(NOT_VERSION.matcher(filter).replaceAll(""));
        while (v.find()) {
            switch (v.group(1)) {
                case ">=" -> {
                    lower = v.group(2);
                    lowerInclusive = true;
                }
                case "<=" -> {
                    upper = v.group(2);
                    upperInclusive = true;
                }
                default -> {
                    return "version " + v.group(2) + " exactly";
                }
            }
        }
        if (lower == null && upper == null) {
            return "(any version)";
        }
        if (upper == null) {
            return "version " + (lowerInclusive ? "" : "above ") + lower + (lowerInclusive ? " or later" : "");
        }
        return "version " + (lowerInclusive ? "[" : "(") + (lower == null ? "0.0.0" : lower) + "," + upper + (upperInclusive ? "]" : ")");
    }
}
