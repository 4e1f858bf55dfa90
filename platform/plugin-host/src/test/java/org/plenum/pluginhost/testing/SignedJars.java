package org.plenum.pluginhost.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.CertPath;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipFile;
import jdk.security.jarsigner.JarSigner;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Plugin jars for tests: a throw-away certificate authority (keys in memory only), a trust store file
 * for {@code plugins.truststore}, and jars whose manifest names a plugin class on the test class path
 * ({@link ClasspathCodeLoader#PLUGIN_CLASS}), signed or not.
 */
public final class SignedJars {

    public static final String TRUST_STORE_PASSWORD = "trust-store-password";
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final KeyPair caKeys;
    private final X509Certificate caCertificate;
    private final KeyPair signerKeys;
    private final List<X509Certificate> signerChain;

    public SignedJars(String caName) {
        try {
            caKeys = ecKeys();
            caCertificate = certificate(caName, caKeys, caName, caKeys, true);
            signerKeys = ecKeys();
            signerChain = List.of(certificate(caName + " Plugin Signer", signerKeys, caName, caKeys, false), caCertificate);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a PKCS12 trust store with the authority's certificate. */
    public Path trustStore(Path dir) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("plenum-test-ca", caCertificate);
            Path file = dir.resolve("plugin-trust-" + SERIAL.incrementAndGet() + ".p12");
            try (OutputStream out = Files.newOutputStream(file)) {
                ks.store(out, TRUST_STORE_PASSWORD.toCharArray());
            }
            return file;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsigned jar naming {@code pluginClass}, with extra entries (path → text). */
    public static Path unsigned(Path dir, Class<?> pluginClass, Map<String, String> entries) {
        Path file = dir.resolve(pluginClass.getSimpleName() + "-" + SERIAL.incrementAndGet() + ".jar");
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().putValue(ClasspathCodeLoader.PLUGIN_CLASS, pluginClass.getName());
        Map<String, String> all = new LinkedHashMap<>(entries);
        all.putIfAbsent("README.txt", "test plugin " + pluginClass.getName());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file), m)) {
            for (Map.Entry<String, String> e : all.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return file;
    }

    /** A jar naming {@code pluginClass}, signed by this authority's signer. */
    public Path signed(Path dir, Class<?> pluginClass, Map<String, String> entries) {
        return sign(unsigned(dir, pluginClass, entries));
    }

    public Path signed(Path dir, Class<?> pluginClass) {
        return signed(dir, pluginClass, Map.of());
    }

    public Path sign(Path unsigned) {
        Path signed = unsigned.resolveSibling("signed-" + unsigned.getFileName());
        try {
            CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(signerChain);
            JarSigner js = new JarSigner.Builder(signerKeys.getPrivate(), path).digestAlgorithm("SHA-256")
                    .signatureAlgorithm("SHA256withECDSA").build();
            try (ZipFile in = new ZipFile(unsigned.toFile()); OutputStream out = Files.newOutputStream(signed)) {
                js.sign(in, out);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return signed;
    }

    /** A copy of a signed jar with one entry's content changed after signing. */
    public static Path tamper(Path signed, String entry, String newContent) {
        Path out = signed.resolveSibling("tampered-" + signed.getFileName());
        try (ZipFile in = new ZipFile(signed.toFile());
             java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(out))) {
            for (var e : java.util.Collections.list(in.entries())) {
                zip.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                if (e.getName().equals(entry)) {
                    zip.write(newContent.getBytes(StandardCharsets.UTF_8));
                } else {
                    try (var s = in.getInputStream(e)) {
                        s.transferTo(zip);
                    }
                }
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static KeyPair ecKeys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        return g.generateKeyPair();
    }

    private static X509Certificate certificate(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys, boolean ca)
            throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name("CN=" + issuer),
                BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(1, ChronoUnit.DAYS)),
                new X500Name("CN=" + subject), subjectKeys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    }
}
