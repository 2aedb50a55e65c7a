package dev.vkac.targets.external;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vkac.config.ServerKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PreFlightTest {

    @Test
    void asksForEveryPathOfTheRightsFileWithItsGlobAsOneOfTheSuitesNames() throws Exception {
        Map<String, List<String>> required =
                PreFlight.requiredCapabilities(Files.readString(Path.of("fixtures/external/vault-rights.hcl")));

        assertThat(required)
                .hasSize(13)
                .containsEntry("sys/auth", List.of("read"))
                .containsEntry("sys/auth/vkac-preflight", List.of("create", "update", "delete", "sudo"))
                .containsEntry("identity/entity/id/preflight", List.of("read", "delete"));
    }

    @Test
    void whenTheOwnerRemovesEntitiesTheRunnerMayOnlyReadAnEntityByItsId() throws Exception {
        String policy = VaultRights.policy(Path.of("").toAbsolutePath(), true);
        Map<String, List<String>> required = PreFlight.requiredCapabilities(policy);

        assertThat(required)
                .hasSize(12)
                .containsEntry("identity/entity/id/preflight", List.of("read"))
                .doesNotContainKey("identity/entity/id")
                .containsEntry("sys/auth/vkac-preflight", List.of("create", "update", "delete", "sudo"));
        assertThat(policy)
                .doesNotContain("path \"identity/entity/id\" {")
                .contains("path \"identity/entity/id/*\" {\n  capabilities = [\"read\"]\n}");
        assertThat(VaultRights.policy(Path.of("").toAbsolutePath(), false)).isEqualTo(readRightsFile());
    }

    private static String readRightsFile() throws IOException {
        return Files.readString(Path.of("fixtures/external/vault-rights.hcl"));
    }

    @Test
    void ignoresCommentedOutPaths() {
        Map<String, List<String>> required = PreFlight.requiredCapabilities("""
                # path "sys/raw/*" { capabilities = ["read"] }
                path "auth/vkac-*" {
                  capabilities = ["create", "read"] # logins
                }
                """);

        assertThat(required).containsExactly(Map.entry("auth/vkac-preflight", List.of("create", "read")));
    }

    @Test
    void tellsVaultFromOpenBaoByWhatTheirSealStatusCarries() {
        // as Vault 1.14.8 and OpenBao 2.7.2 answered sys/seal-status (dev servers, 2026-12-07)
        Map<String, Object> vault = Map.of(
                "type",
                "shamir",
                "sealed",
                false,
                "version",
                "1.14.8",
                "build_date",
                "",
                "cluster_name",
                "vault-cluster-f88680bb",
                "storage_type",
                "inmem");
        Map<String, Object> openBao = Map.of(
                "type",
                "shamir",
                "sealed",
                false,
                "version",
                "2.7.2",
                "commit_date",
                "2026-10-26T20:32:27Z",
                "cluster_name",
                "vault-cluster-88bcaa9f",
                "storage_type",
                "inmem");

        assertThat(PreFlight.reportedKind(vault)).contains(ServerKind.VAULT);
        assertThat(PreFlight.reportedKind(openBao)).contains(ServerKind.OPENBAO);
        assertThat(PreFlight.reportedKind(Map.of("version", "2.7.2"))).isEqualTo(Optional.empty());
    }
}
