package dev.vkac.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalSettingsTest {

    @TempDir
    Path dir;

    private Map<String, String> properties() throws IOException {
        Map<String, String> properties = new HashMap<>();
        properties.put("vkac.projectDir", Path.of("").toAbsolutePath().toString());
        properties.put("vkac.target", "external");
        properties.put("vkac.servers", "openbao:2.7.2");
        properties.put(
                "vkac.kubeconfig",
                Files.writeString(dir.resolve("kubeconfig"), "apiVersion: v1\n").toString());
        properties.put(
                "vkac.vaultCacert",
                Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n")
                        .toString());
        return properties;
    }

    private static final Map<String, String> ENV =
            Map.of("VAULT_ADDR", "https://vault.example:8200", "VAULT_TOKEN", "hvs.secret-token-value");

    @Test
    void aCompleteExternalConfigurationIsAcceptedAndNeverShowsTheToken() throws IOException {
        SuiteConfig config = SuiteConfig.from(properties(), ENV);

        assertThat(config.target()).isEqualTo(TargetKind.EXTERNAL);
        assertThat(config.external().vaultAddress()).isEqualTo("https://vault.example:8200");
        assertThat(config.external().vaultToken()).isEqualTo("hvs.secret-token-value");
        assertThat(config.toString())
                .contains("VAULT_TOKEN = set (not shown)")
                .doesNotContain("hvs.secret-token-value");
        assertThat(config.external().toString()).doesNotContain("hvs.secret-token-value");
    }

    @Test
    void theTokenIsReadFromTheEnvironmentOnly() throws IOException {
        Map<String, String> properties = properties();
        properties.put("vkac.vaultToken", "hvs.on-the-command-line");

        assertThatThrownBy(() -> SuiteConfig.from(properties, Map.of("VAULT_ADDR", "https://vault.example:8200")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("set VAULT_TOKEN (environment only)");
    }

    @Test
    void eachMissingOrWrongSettingIsNamed() throws IOException {
        Map<String, String> noServer = properties();
        noServer.remove("vkac.servers");
        assertThatThrownBy(() -> SuiteConfig.from(noServer, ENV))
                .hasMessageContaining("set vkac.servers / VKAC_SERVERS to its kind and version");

        Map<String, String> twoServers = with(properties(), "vkac.servers", "openbao:2.7.2,vault:1.14.8");
        assertThatThrownBy(() -> SuiteConfig.from(twoServers, ENV))
                .hasMessageContaining("tests the one server at VAULT_ADDR");

        assertThatThrownBy(() ->
                        SuiteConfig.from(properties(), Map.of("VAULT_ADDR", "http://vault:8200", "VAULT_TOKEN", "t")))
                .hasMessageContaining("VAULT_ADDR must be https://");

        assertThatThrownBy(() -> SuiteConfig.from(
                        with(
                                properties(),
                                "vkac.kubeconfig",
                                dir.resolve("none").toString()),
                        ENV))
                .hasMessageContaining("no readable kubeconfig at " + dir.resolve("none"));

        Map<String, String> noCa = properties();
        noCa.remove("vkac.vaultCacert");
        assertThatThrownBy(() -> SuiteConfig.from(noCa, ENV)).hasMessageContaining("set VAULT_CACERT");

        assertThatThrownBy(() -> SuiteConfig.from(
                        with(properties(), "vkac.kubernetesHostForVault", "kubernetes.default.svc"), ENV))
                .hasMessageContaining("vkac.kubernetesHostForVault must be https://");

        assertThatThrownBy(() -> SuiteConfig.from(with(properties(), "vkac.vaultInAPod", "true"), ENV))
                .hasMessageContaining("vkac.vaultInAPod=true needs vkac.kubernetesHostForVault");
    }

    @Test
    void aVaultInAPodReachesTheApiServerAtTheHostGiven() throws IOException {
        Map<String, String> inAPod = with(
                with(properties(), "vkac.vaultInAPod", "true"),
                "vkac.kubernetesHostForVault",
                "https://kubernetes.default.svc");

        ExternalSettings settings = SuiteConfig.from(inAPod, ENV).external();

        assertThat(settings.vaultInAPod()).isTrue();
        assertThat(settings.kubernetesHostForVault()).isEqualTo("https://kubernetes.default.svc");
        assertThat(SuiteConfig.from(properties(), ENV).external().vaultInAPod()).isFalse();
    }

    @Test
    void otherTargetsDoNotNeedTheExternalSettings() {
        SuiteConfig config = SuiteConfig.from(
                Map.of("vkac.projectDir", Path.of("").toAbsolutePath().toString(), "vkac.target", "local"), Map.of());

        assertThat(config.target()).isEqualTo(TargetKind.LOCAL);
        assertThat(config.toString()).doesNotContain("VAULT_TOKEN");
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> copy = new HashMap<>(base);
        copy.put(key, value);
        return copy;
    }
}
