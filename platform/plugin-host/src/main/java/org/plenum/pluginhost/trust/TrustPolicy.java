package org.plenum.pluginhost.trust;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.plenum.core.config.ConfigurationException;
import org.plenum.core.error.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a plugin jar may run in this server: {@link JarSignatureVerifier} against the
 * configured trust store ({@code plugins.truststore}), with the development exception
 * {@code plugins.allow.unsigned} for jars that carry no signature at all. Tampered jars and jars
 * signed by an unknown key are refused whatever the configuration says.
 */
public final class TrustPolicy {

    private static final Logger log = LoggerFactory.getLogger(TrustPolicy.class);

    /** What was accepted: the signers' subjects, or none for an unsigned jar let in by the development flag. */
    public record Admission(List<String> signers, boolean unsigned) {
        public Admission {
            signers = List.copyOf(signers);
        }
    }

    private final JarSignatureVerifier verifier;
    private final boolean trustStoreConfigured;
    private final boolean allowUnsigned;

    public TrustPolicy(KeyStore trustStore, boolean trustStoreConfigured, boolean allowUnsigned) {
        this.verifier = new JarSignatureVerifier(trustStore);
        this.trustStoreConfigured = trustStoreConfigured;
        this.allowUnsigned = allowUnsigned;
        if (allowUnsigned) {
            log.warn("plugins.allow.unsigned=true: UNSIGNED PLUGIN JARS WILL BE LOADED INTO THIS SERVER. Plugins run with the server's "
                    + "rights; use this only on a developer's machine, never in production.");
        }
    }

    /**
     * Loads the trust store from {@code path} (or an empty one when there is none).
     *
     * @throws ConfigurationException if the file cannot be read or the password is wrong
     */
    public static TrustPolicy load(Optional<Path> path, String password, String type, boolean allowUnsigned) {
        try {
            KeyStore ks = KeyStore.getInstance(type);
            if (path.isPresent()) {
                try (InputStream in = Files.newInputStream(path.get())) {
                    ks.load(in, password.toCharArray());
                }
                if (Collections.list(ks.aliases()).stream().noneMatch(a -> isCertificate(ks, a))) {
                    throw new ConfigurationException("the plugin trust store " + path.get() + " (plugins.truststore) holds no certificate");
                }
            } else {
                ks.load(null, null);
            }
            return new TrustPolicy(ks, path.isPresent(), allowUnsigned);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigurationException("cannot read the plugin trust store " + path.map(Path::toString).orElse("") + " (plugins.truststore, "
                    + "type " + type + "): " + e.getMessage());
        }
    }

    private static boolean isCertificate(KeyStore ks, String alias) {
        try {
            return ks.isCertificateEntry(alias) || ks.getCertificate(alias) != null;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    public boolean allowsUnsigned() {
        return allowUnsigned;
    }

    /**
     * Checks the jar.
     *
     * @throws Problem (invalid request) saying why the jar is refused and what to do
     */
    public Admission admit(Path jar, String what) {
        TrustVerdict verdict = verifier.verify(jar);
        return switch (verdict) {
            case TrustVerdict.Trusted t -> new Admission(t.signers().stream().map(c -> c.getSubjectX500Principal().getName()).toList(), false);
            case TrustVerdict.Refused r -> switch (r.kind()) {
                case UNSIGNED -> {
                    if (allowUnsigned && carriesNoSignature(jar)) {
                        log.atWarn().setMessage("UNSIGNED plugin jar accepted because plugins.allow.unsigned=true; never do this in production")
                                .addKeyValue("jar", what).log();
                        yield new Admission(List.of(), true);
                    }
                    throw Problem.invalid(what + " is refused: it is not signed (" + r.reason() + "). Sign the jar with a key whose "
                            + "certificate chains to the plugin trust store (plugins.truststore)"
                            + (allowUnsigned ? "; a partly signed jar is never accepted" : ""));
                }
                case TAMPERED -> throw Problem.invalid(what + " is refused: it was changed after it was signed (" + r.reason()
                        + "). Do not install it; get the jar again from its publisher");
                case UNTRUSTED -> throw Problem.invalid(what + " is refused: it is signed by a key this server does not trust (" + r.reason()
                        + "). " + (trustStoreConfigured ? "Add the publisher's certificate authority to the plugin trust store (plugins.truststore) "
                        + "if you trust it" : "No plugin trust store is configured: set plugins.truststore to a PKCS12 file with the certificates "
                        + "of the authorities whose plugins may run"));
                case MALFORMED -> throw Problem.invalid(what + " is refused: " + r.reason() + ". Upload the plugin's .jar file");
            };
        };
    }

    /** Only a jar without any signature file counts as unsigned; a signed jar with an unsigned entry has a smuggled entry. */
    private static boolean carriesNoSignature(Path jar) {
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile(), false)) {
            return file.stream().map(e -> e.getName().toUpperCase(java.util.Locale.ROOT))
                    .noneMatch(n -> n.startsWith("META-INF/") && (n.endsWith(".SF") || n.startsWith("META-INF/SIG-")));
        } catch (IOException e) {
            return false;
        }
    }
}
