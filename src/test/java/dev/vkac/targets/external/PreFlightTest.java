package dev.vkac.targets.external;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreFlightTest {

    @Test
    void asksForEveryPathOfTheRightsFileWithItsGlobAsOneOfTheSuitesNames() throws Exception {
        Map<String, List<String>> required = PreFlight.requiredCapabilities(Files.readString(Path.of("fixtures/external/vault-rights.hcl")));

        assertThat(required).hasSize(13)
                .containsEntry("sys/auth", List.of("read"))
                .containsEntry("sys/auth/vkac-preflight", List.of("create", "update", "delete", "sudo"))
                .containsEntry("identity/entity/id/preflight", List.of("read", "delete"));
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
}
