package org.plenum.server;

import java.nio.file.Path;
import java.util.Optional;
import org.plenum.core.config.Settings;

/**
 * Where and how the server listens. TLS is on when a keystore or a PEM certificate and key are given;
 * behind a TLS-terminating proxy it stays off and {@code http.public.url} names the outside address.
 */
public record HttpConfig(String host, int port, Optional<Path> keystore, String keystorePassword, String keystoreType,
                         Optional<Path> pemCertificate, Optional<Path> pemKey, String publicUrl, long maxRequestBytes) {

    public static HttpConfig from(Settings s) {
        String host = s.get("http.host", "127.0.0.1");
        int port = s.getInt("http.port", 8080);
        return new HttpConfig(host, port,
                s.find("http.tls.keystore").map(Path::of), s.get("http.tls.keystore.password", ""), s.get("http.tls.keystore.type", "PKCS12"),
                s.find("http.tls.certificate").map(Path::of), s.find("http.tls.key").map(Path::of),
                s.get("http.public.url", ""), s.getInt("http.max.request.bytes", 1024 * 1024));
    }

    public boolean tls() {
        return keystore.isPresent() || pemCertificate.isPresent();
    }
}
