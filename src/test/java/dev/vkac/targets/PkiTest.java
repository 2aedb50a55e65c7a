package dev.vkac.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PkiTest {

    private final Pki.Authority ca = Pki.newAuthority("test-ca");

    @Test
    void servingCertificateChainsToTheCaAndNamesItsAddresses() throws Exception {
        Pki.Issued serving = ca.issueServer("kube-apiserver", List.of("localhost", "kubernetes"), List.of("127.0.0.1"));
        X509Certificate cert = serving.certificate();

        cert.verify(ca.issued().certificate().getPublicKey());
        assertThat(cert.getIssuerX500Principal())
                .isEqualTo(ca.issued().certificate().getSubjectX500Principal());
        assertThat(subjectAltNames(cert)).containsExactlyInAnyOrder("localhost", "kubernetes", "127.0.0.1");
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(ca.issued().certificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void clientCertificateCarriesKubernetesUserAndGroup() throws Exception {
        X509Certificate cert = ca.issueClient("vkac-admin", "system:masters").certificate();

        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=vkac-admin,O=system:masters");
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    }

    @Test
    void pemEncodingsAreTheOnesTheServersRead() {
        Pki.Issued admin = ca.issueClient("a", "b");

        assertThat(admin.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(admin.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Pki.pem(Pki.serviceAccountKeyPair().getPublic())).startsWith("-----BEGIN PUBLIC KEY-----");
    }

    @Test
    void anIpAddressSanMustBeAnAddress() {
        assertThatThrownBy(() -> ca.issueServer("x", List.of(), List.of("not-an-ip.invalid")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> subjectAltNames(X509Certificate cert) throws CertificateParsingException {
        return cert.getSubjectAlternativeNames().stream()
                .map(entry -> entry.get(1).toString())
                .toList();
    }
}
