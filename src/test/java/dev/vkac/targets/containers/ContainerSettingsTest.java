package dev.vkac.targets.containers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vkac.config.ServerKind;
import dev.vkac.config.ServerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContainerSettingsTest {

    private final ContainerSettings settings = new ContainerSettings("rancher/k3s:v1.32.2-k3s1");

    @Test
    void k3sKeepsTraefikAndMetricsServerOffAndNamesTheDockerHostAndTheAliasInItsCertificate() {
        assertThat(settings.k3sCommand("192.168.5.2"))
                .containsExactly(
                        "server",
                        "--disable=traefik",
                        "--disable=metrics-server",
                        "--tls-san=192.168.5.2",
                        "--tls-san=kubernetes");
        assertThat(settings.kubernetesHostSeenByVault()).isEqualTo("https://kubernetes:6443");
    }

    @Test
    void vaultRunsADevServerWithTheGivenRootTokenBehindATlsListenerOfItsOwn() {
        assertThat(settings.vaultCommand("t0ken"))
                .containsExactly("server", "-dev", "-dev-root-token-id=t0ken", "-dev-listen-address=127.0.0.1:8210");
        assertThat(settings.tlsListenerConfig())
                .contains(
                        "address       = \"0.0.0.0:8200\"",
                        "tls_cert_file = \"/tmp/vkac-tls/server.pem\"",
                        "tls_key_file  = \"/tmp/vkac-tls/server-key.pem\"");
        assertThat(settings.configFile(ServerKind.OPENBAO, "vkac-listener.hcl"))
                .isEqualTo("/openbao/config/vkac-listener.hcl");
    }

    @ParameterizedTest(name = "Docker host {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "localhost      | localhost         | 127.0.0.1,::1",
                "127.0.0.2      | localhost         | 127.0.0.1,::1,127.0.0.2",
                "172.17.0.1     | localhost         | 127.0.0.1,::1,172.17.0.1",
                "docker         | localhost,docker  | 127.0.0.1,::1",
                "build-host.example.org | localhost,build-host.example.org | 127.0.0.1,::1",
                "[fd00::2]      | localhost         | 127.0.0.1,::1,fd00::2",
                "fd00::2        | localhost         | 127.0.0.1,::1,fd00::2",
            })
    void vaultsCertificateNamesTheDockerHostTheSuiteUses(String dockerHost, String dnsNames, String ipAddresses) {
        ContainerSettings.ServingNames names = ContainerSettings.servingNames(dockerHost);

        assertThat(names.dnsNames()).containsExactly(dnsNames.split(","));
        assertThat(names.ipAddresses()).containsExactly(ipAddresses.split(","));
    }

    @Test
    void imagesOutsideHashicorpVaultAreDeclaredCompatible() {
        assertThat(settings.needsCompatibilityDeclaration(ServerSpec.parse("vault:1.21.4")))
                .isFalse();
        assertThat(settings.needsCompatibilityDeclaration(ServerSpec.parse("openbao:2.6.2")))
                .isTrue();
        assertThat(settings.vaultImage(ServerSpec.parse("openbao:2.6.2"))).isEqualTo("openbao/openbao:2.6.2");
    }
}
