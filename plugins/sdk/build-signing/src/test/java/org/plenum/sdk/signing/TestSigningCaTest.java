package org.plenum.sdk.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestSigningCaTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void theSigningKeyIsCertifiedByTheCaOfTheTrustStore() throws Exception {
        assertThat(TestSigningCa.ensure(dir, NOW)).isTrue();

        List<X509Certificate> chain = TestSigningCa.signerChain(dir);
        KeyStore trust = TestSigningCa.load(dir.resolve(TestSigningCa.TRUST_STORE));
        PKIXParameters params = new PKIXParameters(trust);
        params.setRevocationEnabled(false);
        params.setDate(Date.from(NOW.plus(Duration.ofDays(1))));
        // the anchor is not part of the path a jar signature carries: validate the signing certificate against it
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(chain.subList(0, 1)), params);

        assertThat(chain.get(1)).isEqualTo(trust.getCertificate(TestSigningCa.CA_ALIAS));
        assertThat(chain.get(1).getSubjectX500Principal().getName()).contains("not for production");
    }

    @Test
    void theCaMayOnlyCertifyAndTheSignerMayOnlySignCode() throws Exception {
        TestSigningCa.ensure(dir, NOW);
        List<X509Certificate> chain = TestSigningCa.signerChain(dir);
        X509Certificate signer = chain.get(0);
        X509Certificate ca = chain.get(1);

        assertThat(ca.getBasicConstraints()).isZero();
        assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(ca.getKeyUsage()[0]).as("digitalSignature").isFalse();
        assertThat(signer.getBasicConstraints()).isEqualTo(-1);
        assertThat(signer.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(signer.getKeyUsage()[5]).as("keyCertSign").isFalse();
        assertThat(signer.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.3");
        assertThat(signer.getNotBefore().toInstant()).isBefore(NOW);
    }

    @Test
    void noCaPrivateKeyIsWrittenAnywhere() throws Exception {
        TestSigningCa.ensure(dir, NOW);

        KeyStore signing = TestSigningCa.load(dir.resolve(TestSigningCa.SIGNING_STORE));
        assertThat(Collections.list(signing.aliases())).containsExactlyInAnyOrder(TestSigningCa.SIGNER_ALIAS, TestSigningCa.CA_ALIAS);
        assertThat(signing.isKeyEntry(TestSigningCa.SIGNER_ALIAS)).isTrue();
        assertThat(signing.isCertificateEntry(TestSigningCa.CA_ALIAS)).isTrue();
        KeyStore trust = TestSigningCa.load(dir.resolve(TestSigningCa.TRUST_STORE));
        assertThat(Collections.list(trust.aliases())).containsExactly(TestSigningCa.CA_ALIAS);
        assertThat(trust.isCertificateEntry(TestSigningCa.CA_ALIAS)).isTrue();
        assertThat(Files.readString(dir.resolve(TestSigningCa.CA_PEM))).startsWith("-----BEGIN CERTIFICATE-----\n")
                .doesNotContain("PRIVATE KEY");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    TestSigningCa.SIGNING_STORE, TestSigningCa.TRUST_STORE, TestSigningCa.CA_PEM);
        }
    }

    @Test
    void aLaterBuildKeepsUsableStores() throws Exception {
        TestSigningCa.ensure(dir, NOW);
        byte[] before = Files.readAllBytes(dir.resolve(TestSigningCa.SIGNING_STORE));

        assertThat(TestSigningCa.ensure(dir, NOW.plus(Duration.ofDays(100)))).isFalse();

        assertThat(Files.readAllBytes(dir.resolve(TestSigningCa.SIGNING_STORE))).isEqualTo(before);
    }

    @Test
    void storesCloseToExpiryOrIncompleteAreMadeAnew() throws Exception {
        TestSigningCa.ensure(dir, NOW);
        X509Certificate first = TestSigningCa.signerChain(dir).getFirst();

        Instant nearExpiry = first.getNotAfter().toInstant().minus(Duration.ofDays(10));
        assertThat(TestSigningCa.ensure(dir, nearExpiry)).isTrue();
        X509Certificate second = TestSigningCa.signerChain(dir).getFirst();
        assertThat(second).isNotEqualTo(first);

        Files.delete(dir.resolve(TestSigningCa.CA_PEM));
        assertThat(TestSigningCa.ensure(dir, nearExpiry)).isTrue();

        Files.writeString(dir.resolve(TestSigningCa.TRUST_STORE), "garbage");
        assertThat(TestSigningCa.ensure(dir, nearExpiry)).isTrue();
        assertThat(TestSigningCa.signerChain(dir).get(1))
                .isEqualTo(TestSigningCa.load(dir.resolve(TestSigningCa.TRUST_STORE)).getCertificate(TestSigningCa.CA_ALIAS));
    }
}
