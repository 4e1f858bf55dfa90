package org.plenum.media.dtls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The engine's DTLS identity: a self-signed ECDSA P-256 certificate and its private key.
 *
 * <p>WebRTC does not use certificate chains; each side only checks that the peer's certificate hashes
 * to the fingerprint announced in SDP. One certificate serves every transport (server or client role)
 * for its lifetime; rotate by generating a new one before {@link #notAfter()}.
 *
 * <pre>{@code
 * DtlsCertificate certificate = DtlsCertificate.generate();
 * String sdpLine = "a=fingerprint:sha-256 " + certificate.fingerprintSha256();
 * }</pre>
 */
public final class DtlsCertificate {

    /** Long enough for any meeting, short enough that a leaked key does not live forever. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(30);

    private static final SignatureAndHashAlgorithm ECDSA_SHA256 =
            SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa);

    private final byte[] der;
    private final AsymmetricKeyParameter privateKey;
    private final Sha256Fingerprint fingerprint;
    private final Instant notAfter;

    private DtlsCertificate(byte[] der, AsymmetricKeyParameter privateKey, Instant notAfter) {
        this.der = der;
        this.privateKey = privateKey;
        this.fingerprint = Sha256Fingerprint.of(der);
        this.notAfter = notAfter;
    }

    /** A fresh key pair and certificate valid for {@link #DEFAULT_VALIDITY}. */
    public static DtlsCertificate generate() {
        return generate(DEFAULT_VALIDITY);
    }

    /** A fresh key pair and certificate valid from one hour ago (clock skew) for {@code validity}. */
    public static DtlsCertificate generate(Duration validity) {
        try {
            SecureRandom random = new SecureRandom();
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair keys = generator.generateKeyPair();

            Instant now = Instant.now();
            Instant notAfter = now.plus(validity);
            // The name carries no meaning in WebRTC; browsers use a random one, so do we (no host name leaks).
            X500Name name = new X500Name("CN=plenum-" + Long.toHexString(random.nextLong() >>> 1));
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(63, random), Date.from(now.minus(Duration.ofHours(1))), Date.from(notAfter),
                    name, keys.getPublic());
            byte[] der = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()))
                    .getEncoded();
            return new DtlsCertificate(der, PrivateKeyFactory.createKey(keys.getPrivate().getEncoded()), notAfter);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot generate an ECDSA P-256 certificate: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SHA-256 fingerprint as SDP writes it: uppercase hex pairs separated by ':'. */
    public String fingerprintSha256() {
        return fingerprint.value();
    }

    /** When the certificate expires; peers may reject it afterwards. */
    public Instant notAfter() {
        return notAfter;
    }

    /** The DER encoding of the certificate. */
    public byte[] encoded() {
        return der.clone();
    }

    /** The certificate and private key as the signing credentials of one handshake. */
    TlsCredentialedSigner signerFor(TlsContext context, BcTlsCrypto crypto) throws IOException {
        TlsCertificate certificate = crypto.createCertificate(der);
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, privateKey,
                new Certificate(new TlsCertificate[] {certificate}), ECDSA_SHA256);
    }
}
