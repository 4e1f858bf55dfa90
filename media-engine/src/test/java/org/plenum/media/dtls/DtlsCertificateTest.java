package org.plenum.media.dtls;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DtlsCertificateTest {

    private static final DtlsCertificate CERTIFICATE = DtlsPair.SERVER_CERTIFICATE;

    @Test
    void fingerprintIsWrittenAsSdpWritesIt() {
        assertThat(CERTIFICATE.fingerprintSha256()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    }

    @Test
    void fingerprintIsTheSha256OfTheDerCertificate() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(CERTIFICATE.encoded());

        assertThat(CERTIFICATE.fingerprintSha256().replace(":", "")).isEqualTo(HexFormat.of().withUpperCase().formatHex(digest));
    }

    @Test
    void certificateIsASelfSignedEcdsaP256CertificateValidForThirtyDays() throws Exception {
        X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(CERTIFICATE.encoded()));

        assertThat(x509.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(((ECPublicKey) x509.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        x509.verify(x509.getPublicKey()); // throws unless self-signed with its own key
        assertThat(x509.getIssuerX500Principal()).isEqualTo(x509.getSubjectX500Principal());
        assertThat(x509.getNotAfter().toInstant()).isCloseTo(Instant.now().plus(Duration.ofDays(30)), within(1, ChronoUnit.HOURS));
        assertThat(x509.getNotBefore().toInstant()).isBefore(Instant.now());
        assertThat(CERTIFICATE.notAfter()).isCloseTo(x509.getNotAfter().toInstant(), within(1, ChronoUnit.SECONDS));
    }

    @Test
    void everyGeneratedCertificateIsDifferent() {
        assertThat(DtlsCertificate.generate().fingerprintSha256()).isNotEqualTo(DtlsCertificate.generate().fingerprintSha256());
    }

    @Test
    void encodedReturnsACopy() {
        CERTIFICATE.encoded()[0] ^= 1;

        assertThat(Sha256Fingerprint.of(CERTIFICATE.encoded()).value()).isEqualTo(CERTIFICATE.fingerprintSha256());
    }
}
