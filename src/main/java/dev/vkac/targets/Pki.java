package dev.vkac.targets;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The local control plane's certificates, made fresh for every run: a CA, the API server's serving
 * certificate, the admin client certificate and the service-account signing key.
 */
public final class Pki {

    private static final Duration VALIDITY = Duration.ofDays(2);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Pki() {}

    /** A key pair and its certificate, both PEM-encodable. */
    public record Issued(KeyPair keyPair, X509Certificate certificate) {
        public String certificatePem() {
            return pem(certificate);
        }

        public String privateKeyPem() {
            return pem(keyPair.getPrivate());
        }
    }

    /** A self-signed certificate authority that issues server and client certificates. */
    public static final class Authority {
        private final Issued self;

        private Authority(Issued self) {
            this.self = self;
        }

        public Issued issued() {
            return self;
        }

        public String certificatePem() {
            return self.certificatePem();
        }

        /** A serving certificate for the given DNS names and IP addresses. */
        public Issued issueServer(String commonName, List<String> dnsNames, List<String> ipAddresses) {
            List<GeneralName> names = new ArrayList<>();
            dnsNames.forEach(dns -> names.add(new GeneralName(GeneralName.dNSName, dns)));
            ipAddresses.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, checkedIp(ip))));
            return sign(
                    commonName,
                    null,
                    KeyPurposeId.id_kp_serverAuth,
                    new GeneralNames(names.toArray(GeneralName[]::new)));
        }

        /** A client certificate; Kubernetes reads the user from CN and the groups from O. */
        public Issued issueClient(String commonName, String organization) {
            return sign(commonName, organization, KeyPurposeId.id_kp_clientAuth, null);
        }

        /**
         * A certificate of someone else's public key (this authority never holds its private key): how a key is
         * often handed around, and one of the two forms {@code pem_keys} takes.
         */
        public X509Certificate certify(String commonName, PublicKey subjectKey) {
            return certify(commonName, subjectKey, new BigInteger(64, RANDOM).abs());
        }

        /**
         * The same with a serial number of one's choice: a negative one is what some older tools issued, what Go's
         * x509 accepted before Go 1.23 and refuses since (unless built with godebug x509negativeserial=1).
         */
        public X509Certificate certify(String commonName, PublicKey subjectKey, BigInteger serial) {
            try {
                X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                                X500Name.getInstance(self.certificate()
                                        .getSubjectX500Principal()
                                        .getEncoded()),
                                serial,
                                Date.from(Instant.now().minus(Duration.ofMinutes(5))),
                                Date.from(Instant.now().plus(VALIDITY)),
                                name(commonName, null),
                                subjectKey)
                        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                return signWith(builder, self.keyPair());
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("cannot certify a key for " + commonName, e);
            }
        }

        private Issued sign(String commonName, String organization, KeyPurposeId purpose, GeneralNames sans) {
            KeyPair keyPair = ecKeyPair();
            try {
                JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
                X509v3CertificateBuilder builder = builder(
                                X500Name.getInstance(self.certificate()
                                        .getSubjectX500Principal()
                                        .getEncoded()),
                                name(commonName, organization),
                                keyPair)
                        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                        .addExtension(
                                Extension.keyUsage,
                                true,
                                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                        .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                        .addExtension(
                                Extension.authorityKeyIdentifier,
                                false,
                                utils.createAuthorityKeyIdentifier(self.certificate()))
                        .addExtension(
                                Extension.subjectKeyIdentifier,
                                false,
                                utils.createSubjectKeyIdentifier(keyPair.getPublic()));
                if (sans != null) {
                    builder.addExtension(Extension.subjectAlternativeName, false, sans);
                }
                return new Issued(keyPair, signWith(builder, self.keyPair()));
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("cannot issue a certificate for " + commonName, e);
            }
        }
    }

    public static Authority newAuthority(String commonName) {
        KeyPair keyPair = ecKeyPair();
        try {
            X500Name subject = name(commonName, null);
            X509v3CertificateBuilder builder = builder(subject, subject, keyPair)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(
                            Extension.keyUsage,
                            true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
                    .addExtension(
                            Extension.subjectKeyIdentifier,
                            false,
                            new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keyPair.getPublic()));
            return new Authority(new Issued(keyPair, signWith(builder, keyPair)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the certificate authority", e);
        }
    }

    /** The RSA key pair the API server signs service-account tokens with. */
    public static KeyPair serviceAccountKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PEM text of a certificate, private key (PKCS#8) or public key. */
    public static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object instanceof PrivateKey key ? new JcaPKCS8Generator(key, null).generate() : object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keyPair) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(
                issuer,
                new BigInteger(64, RANDOM).abs(),
                Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(VALIDITY)),
                subject,
                keyPair.getPublic());
    }

    private static X509Certificate signWith(X509v3CertificateBuilder builder, KeyPair signer)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static X500Name name(String commonName, String organization) {
        X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE);
        if (organization != null) {
            name.addRDN(BCStyle.O, organization);
        }
        return name.addRDN(BCStyle.CN, commonName).build();
    }

    private static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String checkedIp(String ip) {
        try {
            return InetAddress.getByName(ip).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + ip, e);
        }
    }
}
