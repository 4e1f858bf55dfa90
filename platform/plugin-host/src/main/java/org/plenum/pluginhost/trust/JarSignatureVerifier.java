package org.plenum.pluginhost.trust;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.PKIXParameters;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipException;

/**
 * Checks a plugin jar before any of its classes is loaded: every entry must be signed, unchanged since
 * signing, and signed by a certificate whose path leads to an anchor of the configured trust store.
 *
 * <p>Since JDK 24 removed the SecurityManager, a class loader is no security boundary; this check is
 * what decides which code runs inside the server. Only the signature files themselves and the manifest
 * are exempt — stricter than "everything outside META-INF", because {@code META-INF/services} files
 * decide which classes get instantiated.
 */
public final class JarSignatureVerifier {

    private final KeyStore trustStore;

    public JarSignatureVerifier(KeyStore trustStore) {
        this.trustStore = trustStore;
    }

    public TrustVerdict verify(Path jar) {
        Set<CertPath> signerPaths = new LinkedHashSet<>();
        int checked = 0;
        try (JarFile file = new JarFile(jar.toFile(), true)) {
            byte[] buffer = new byte[8192];
            for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                if (entry.isDirectory() || isSignatureMaterial(entry.getName())) {
                    continue;
                }
                // the digest is only checked while the entry is read to its end
                try (InputStream in = file.getInputStream(entry)) {
                    while (in.read(buffer) >= 0) {
                        // reading is the check
                    }
                } catch (SecurityException tampered) {
                    return new TrustVerdict.Refused(TrustVerdict.Reason.TAMPERED,
                            "entry " + entry.getName() + " was changed after the jar was signed");
                }
                CodeSigner[] signers = entry.getCodeSigners();
                if (signers == null || signers.length == 0) {
                    return new TrustVerdict.Refused(TrustVerdict.Reason.UNSIGNED, "entry " + entry.getName() + " is not signed"
                            + (checked == 0 && signerPaths.isEmpty() ? " (the jar carries no signature)" : ""));
                }
                TrustVerdict.Refused untrusted = null;
                boolean anyTrusted = false;
                for (CodeSigner signer : signers) {
                    String problem = chainProblem(signer);
                    if (problem == null) {
                        anyTrusted = true;
                        signerPaths.add(signer.getSignerCertPath());
                    } else {
                        untrusted = new TrustVerdict.Refused(TrustVerdict.Reason.UNTRUSTED,
                                "entry " + entry.getName() + " is signed by " + subject(signer) + ", " + problem);
                    }
                }
                if (!anyTrusted) {
                    return untrusted;
                }
                checked++;
            }
        } catch (ZipException | SecurityException e) {
            return new TrustVerdict.Refused(TrustVerdict.Reason.MALFORMED, "not a valid jar: " + e.getMessage());
        } catch (IOException e) {
            return new TrustVerdict.Refused(TrustVerdict.Reason.MALFORMED, "cannot read the jar: " + e.getMessage());
        }
        if (checked == 0) {
            return new TrustVerdict.Refused(TrustVerdict.Reason.MALFORMED, "the jar contains no classes or resources");
        }
        List<X509Certificate> leaves = new ArrayList<>();
        for (CertPath p : signerPaths) {
            leaves.add((X509Certificate) p.getCertificates().getFirst());
        }
        return new TrustVerdict.Trusted(List.copyOf(leaves));
    }

    /** Null when the signer's path validates against the trust store, else what is wrong with it. */
    private String chainProblem(CodeSigner signer) {
        try {
            PKIXParameters params = new PKIXParameters(trustStore);
            params.setRevocationEnabled(false);
            // a time-stamped signature stays valid after the signing certificate expires
            if (signer.getTimestamp() != null) {
                params.setDate(new Date(signer.getTimestamp().getTimestamp().getTime()));
            }
            CertPathValidator.getInstance("PKIX").validate(signer.getSignerCertPath(), params);
            return null;
        } catch (CertPathValidatorException e) {
            return "which does not chain to a trusted certificate (" + e.getReason() + ")";
        } catch (GeneralSecurityException e) {
            return "which cannot be checked: " + e.getMessage();
        }
    }

    private static String subject(CodeSigner signer) {
        List<? extends Certificate> certs = signer.getSignerCertPath().getCertificates();
        return certs.isEmpty() ? "an unknown signer" : "'" + ((X509Certificate) certs.getFirst()).getSubjectX500Principal().getName() + "'";
    }

    static boolean isSignatureMaterial(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("META-INF/") || upper.indexOf('/', 9) >= 0) {
            return false;
        }
        return upper.equals("META-INF/MANIFEST.MF") || upper.startsWith("META-INF/SIG-") || upper.endsWith(".SF")
                || upper.endsWith(".RSA") || upper.endsWith(".DSA") || upper.endsWith(".EC");
    }
}
