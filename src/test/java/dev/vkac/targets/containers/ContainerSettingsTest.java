package dev.vkac.targets.containers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vkac.config.ServerSpec;
import org.junit.jupiter.api.Test;

class ContainerSettingsTest {

    private final ContainerSettings settings = new ContainerSettings("rancher/k3s:v1.32.2-k3s1");

    @Test
    void k3sKeepsTraefikOffAndNamesTheDockerHostAndTheAliasInItsCertificate() {
        assertThat(settings.k3sCommand("192.168.5.2"))
                .containsExactly("server", "--disable=traefik", "--tls-san=192.168.5.2", "--tls-san=kubernetes");
        assertThat(settings.kubernetesHostSeenByVault()).isEqualTo("https://kubernetes:6443");
    }

    @Test
    void vaultRunsADevServerOverTlsWithTheGivenRootToken() {
        assertThat(settings.vaultCommand("t0ken")).containsExactly("server", "-dev", "-dev-tls",
                "-dev-tls-cert-dir=/tmp", "-dev-root-token-id=t0ken", "-dev-listen-address=0.0.0.0:8200");
    }

    @Test
    void imagesOutsideHashicorpVaultAreDeclaredCompatible() {
        assertThat(settings.needsCompatibilityDeclaration(ServerSpec.parse("vault:1.21.4"))).isFalse();
        assertThat(settings.needsCompatibilityDeclaration(ServerSpec.parse("openbao:2.6.2"))).isTrue();
        assertThat(settings.vaultImage(ServerSpec.parse("openbao:2.6.2"))).isEqualTo("openbao/openbao:2.6.2");
    }
}
