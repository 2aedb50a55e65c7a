package dev.vkac.conformance;

import static dev.vkac.conformance.VaultResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vkac.clients.VaultClient;
import dev.vkac.clients.VaultResponse;
import dev.vkac.fixtures.Guide;
import dev.vkac.junit.Check;
import dev.vkac.junit.ConformanceTest;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Guide step 7 on KV version 2, as dev servers and many installations mount {@code secret/}: the guide's
 * policy rewritten for KV v2 (fixtures/vault/demo-policy-kv2.hcl) lets the workload manage secrets under
 * demo/ through data/ and metadata/, and nothing else (no destroy, no undelete, no other path).
 */
@ConformanceTest
public class KvVersion2IT extends GuideConformance {

    @BeforeParameterizedClassInvocation
    static void mountKvVersion2(Guide guide) {
        guide.inVault().useKvVersion2();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "create, demo/foo",
        "read,   demo/foo",
        "update, demo/foo",
        "list,   demo/foo",
        "delete, demo/foo",
        "create, demo/team/app/config",
        "read,   demo/team/app/config",
        "update, demo/team/app/config",
        "list,   demo/team/app/config",
        "delete, demo/team/app/config",
    })
    @Order(1)
    @Check(
            id = "KV2-POLICY-ALLOWS-DEMO",
            step = 7,
            must =
                    "On KV version 2, with the login's token, create, read, update (a new version), list and delete under secret/data|metadata/demo/ succeed")
    void loggedInTokenManagesKv2SecretsUnderDemo(String operation, String path) {
        // Given a token from a login through the KV v2 role and, except for create, a secret it wrote at the path
        VaultClient workload = guide.loggedInThrough(Guide.ROLE_KV2);
        VaultResponse written = operation.equals("create")
                ? null
                : guide.inVault().writeKv2Secret(workload, mount(), path, Map.of("password", "first"));
        String parent = path.substring(0, path.lastIndexOf('/') + 1);
        String key = path.substring(path.lastIndexOf('/') + 1);
        // When it performs the operation, Then it succeeds and shows its effect
        switch (operation) {
            case "create" -> {
                assertThat(guide.inVault().writeKv2Secret(workload, mount(), path, Map.of("password", "first")))
                        .hasStatus(200);
                assertThat(kv2Data(guide.vaultAsRoot().read(mount() + "/data/" + path)))
                        .containsEntry("password", "first");
            }
            case "read" -> {
                VaultResponse read = workload.read(mount() + "/data/" + path);
                assertThat(read).hasStatus(200);
                assertThat(kv2Data(read)).containsEntry("password", "first");
            }
            case "update" -> {
                VaultResponse updated =
                        guide.inVault().writeKv2Secret(workload, mount(), path, Map.of("password", "second"));
                assertThat(updated).hasStatus(200);
                assertThat(updated.data().get("version"))
                        .as("the new version")
                        .isEqualTo((Integer) written.data().get("version") + 1);
                assertThat(kv2Data(workload.read(mount() + "/data/" + path))).containsEntry("password", "second");
            }
            case "list" -> {
                VaultResponse listed = workload.list(mount() + "/metadata/" + parent);
                assertThat(listed).hasStatus(200);
                assertThat(listed.data().get("keys"))
                        .asInstanceOf(InstanceOfAssertFactories.LIST)
                        .contains(key);
            }
            case "delete" -> {
                assertThat(workload.delete(mount() + "/metadata/" + path)).hasStatus(204);
                assertThat(workload.read(mount() + "/data/" + path)).hasStatus(404);
            }
            default -> throw new IllegalArgumentException(operation);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "write,  secret/data/foo",
        "read,   secret/data/foo",
        "write,  secret/data/demox/foo",
        "write,  secret/demo/foo",
        "list,   secret/metadata/",
        "read,   secret/metadata/foo",
        "write,  secret/destroy/demo/foo",
        "write,  secret/undelete/demo/foo",
        "read,   secret/config",
        "write,  secret/config",
        "read,   sys/policy/demo-policy-kv2",
    })
    @Order(2)
    @Check(
            id = "KV2-POLICY-DENIES-ELSEWHERE",
            step = 7,
            must =
                    "On KV version 2, with the login's token, every request outside secret/data|metadata/demo/ (destroy and undelete included) is refused with 403 \"permission denied\"")
    void loggedInTokenIsDeniedElsewhereOnKv2(String operation, String pathInGuide) {
        String path = guide.names().inGuidesPaths(pathInGuide);
        // Given a token from a login through the KV v2 role
        VaultClient workload = guide.loggedInThrough(Guide.ROLE_KV2);
        // When it reaches outside demo/
        VaultResponse response = switch (operation) {
            case "read" -> workload.read(path);
            case "list" -> workload.list(path);
            case "write" ->
                workload.write(path, Map.of("data", Map.of("value", "not allowed"), "versions", List.of(1)));
            default -> throw new IllegalArgumentException(operation);
        };
        // Then it is refused
        assertThat(response).isRefusedWith(403, "permission denied");
    }

    /** The guide's KV mount, version 2 in this class. */
    private String mount() {
        return guide.names().kvMount();
    }

    /** A KV v2 read's secret: {@code data.data}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> kv2Data(VaultResponse read) {
        Object data = read.data().get("data");
        return data instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
