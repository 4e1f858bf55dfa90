package org.plenum.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.plenum.core.config.ConfigurationException;
import org.plenum.server.HttpConfig;

/** TLS for the HTTP connector from a keystore or from PEM files (certificate chain + PKCS#8 key). TLS 1.2+ only. */
public final class TlsContexts {

    private TlsContexts() {
    }

    public static SslContextFactory.Server from(HttpConfig http) {
        SslContextFactory.Server f = new SslContextFactory.Server();
        f.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        if (http.keystore().isPresent()) {
            f.setKeyStorePath(http.keystore().get().toString());
            f.setKeyStorePassword(http.keystorePassword());
            f.setKeyStoreType(http.keystoreType());
            return f;
        }
        if (http.pemKey().isEmpty()) {
            throw new ConfigurationException("http.tls.certificate is set but http.tls.key (PEM, PKCS#8) is missing");
        }
        try {
            f.setKeyStore(pemKeyStore(http));
            f.setKeyStorePassword("");
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigurationException("cannot load TLS certificate/key from PEM: " + e.getMessage());
        }
        return f;
    }

    private static KeyStore pemKeyStore(HttpConfig http) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> chain;
        try (InputStream in = Files.newInputStream(http.pemCertificate().orElseThrow())) {
            chain = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        String pem = Files.readString(http.pemKey().get());
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new GeneralSecurityException("the key must be PKCS#8 PEM (BEGIN PRIVATE KEY); convert with 'openssl pkcs8 -topk8 -nocrypt'");
        }
        String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64));
        PrivateKey key = null;
        for (String alg : new String[] {"EC", "RSA", "Ed25519"}) {
            try {
                key = KeyFactory.getInstance(alg).generatePrivate(spec);
                break;
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        if (key == null) {
            throw new GeneralSecurityException("the private key is neither EC, RSA nor Ed25519");
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", key, new char[0], chain.toArray(Certificate[]::new));
        return ks;
    }
}
