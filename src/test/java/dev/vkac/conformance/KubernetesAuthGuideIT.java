package dev.vkac.conformance;

import static dev.vkac.conformance.VaultResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vkac.clients.VaultClient;
import dev.vkac.clients.VaultResponse;
import dev.vkac.fixtures.Fixture;
import dev.vkac.fixtures.Guide;
import dev.vkac.fixtures.Names;
import dev.vkac.fixtures.TokenKind;
import dev.vkac.junit.Check;
import dev.vkac.junit.ConformanceTest;
import dev.vkac.junit.SharedCluster;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The guide "Using the Kubernetes auth backend", step by step, against each server under test. */
@ConformanceTest(guidesOwnNames = true)
@ResourceLock(SharedCluster.GUIDES_OWN_NAMES) // one server at a time in namespace default, under the guide's names
public class KubernetesAuthGuideIT extends GuideConformance {

    @Test
    @Order(1)
    @Check(
            id = "REVIEWER-TOKENREVIEW",
            step = 1,
            must = "The reviewer ServiceAccount, bound to system:auth-delegator, can review a ServiceAccount token")
    void reviewerCanReviewTokens() {
        // Given the reviewer ServiceAccount and its binding (step 1), and a token of default/default
        String token = guide.serviceAccountToken(TokenKind.TOKEN_REQUEST);
        // When the reviewer asks the TokenReview API about it
        TokenReview review = guide.inKubernetes().reviewAsReviewer(token);
        // Then the token is authenticated as that ServiceAccount
        assertThat(review.getStatus().getError()).as("TokenReview error").isNullOrEmpty();
        assertThat(review.getStatus().getAuthenticated()).as("authenticated").isTrue();
        assertThat(review.getStatus().getUser().getUsername())
                .isEqualTo("system:serviceaccount:" + guide.names().namespace() + ":default");
    }

    @Test
    @Order(3)
    @Check(
            id = "AUTH-CONFIG",
            step = 3,
            must =
                    "The auth method's config reads back with the API server's address and CA; the reviewer JWT is never returned",
            parameters = {"config/kubernetes_host", "config/kubernetes_ca_cert"})
    void authMethodConfigReadsBack() {
        // Given the auth method enabled and configured (steps 2 and 3)
        // When the config is read back
        VaultResponse config = guide.vaultAsRoot().read("auth/" + guide.names().authPath() + "/config");
        // Then host and CA are as written and the reviewer JWT is not in the answer
        assertThat(config).hasStatus(200);
        assertThat(config.data())
                .containsEntry("kubernetes_host", guide.cluster().urlSeenByVault())
                .containsEntry("kubernetes_ca_cert", guide.cluster().caPem())
                .doesNotContainKey("token_reviewer_jwt");
        assertThat(config.toString()).doesNotContain(guide.reviewerJwt());
    }

    @Test
    @Order(2)
    @Check(id = "AUTH-MOUNT", step = 2, must = "The auth method is enabled at kubernetes/ with type kubernetes")
    void authMethodIsEnabled() {
        // When the auth mounts are listed
        VaultResponse mounts = guide.vaultAsRoot().read("sys/auth");
        // Then kubernetes/ is one of them, of type kubernetes
        String mount = guide.names().authPath() + "/";
        assertThat(mounts.data()).containsKey(mount);
        assertThat(mounts.data().get(mount))
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("type", "kubernetes");
    }

    @Test
    @Order(4)
    @Check(
            id = "POLICY-READBACK",
            step = 4,
            must = "The policy written from fixtures/vault/demo-policy.hcl reads back unchanged")
    void policyReadsBackUnchanged() {
        // When the policy is read back
        VaultResponse policy =
                guide.vaultAsRoot().read("sys/policy/" + guide.names().policy());
        // Then its rules are the file's, byte for byte (with secret/ as this guide's KV mount)
        assertThat(policy).hasStatus(200);
        assertThat(policy.body()).containsEntry("rules", guide.inVault().demoPolicy());
    }

    @Test
    @Order(5)
    @Check(
            id = "ROLE-READBACK",
            step = 5,
            must = "The role reads back with its bound names and namespaces, its policies and its TTL",
            parameters = {"role/policies", "role/ttl"})
    void roleReadsBack() {
        // When the role is read back
        VaultResponse role = guide.vaultAsRoot().read(guide.inVault().rolePath());
        // Then it binds default/default to demo-policy for one hour
        assertThat(role).hasStatus(200);
        assertThat(role.data())
                .containsEntry("bound_service_account_names", List.of("default"))
                .containsEntry(
                        "bound_service_account_namespaces",
                        List.of(guide.names().namespace()))
                .containsEntry("token_policies", List.of(guide.names().policy()))
                .containsEntry("token_ttl", 3600);
    }

    @ParameterizedTest(name = "with a {0}")
    @EnumSource(TokenKind.class)
    @Order(6)
    @Check(
            id = "LOGIN-METADATA",
            step = 6,
            must =
                    "Login with the ServiceAccount's token returns a renewable token for [default, demo-policy] with the role's TTL and exactly the ServiceAccount's metadata",
            parameters = {"config/kubernetes_host"})
    void loginReturnsTheServiceAccountsIdentity(TokenKind kind) {
        // Given a token of ServiceAccount default/default, and its UID as the API server reports it
        String uid = guide.inKubernetes().workload().getMetadata().getUid();
        // When it logs in through demo-role
        VaultResponse login = guide.login(kind);
        // Then
        assertThat(login).hasStatus(200);
        assertThat(login.auth().get("metadata"))
                .as("metadata")
                .isEqualTo(Map.of(
                        "role",
                        "demo-role",
                        "service_account_name",
                        "default",
                        "service_account_namespace",
                        guide.names().namespace(),
                        "service_account_uid",
                        uid,
                        "service_account_secret_name",
                        kind == TokenKind.LEGACY_SECRET ? Guide.LEGACY_TOKEN_SECRET : ""));
        assertThat(login.auth().get("token_policies"))
                .isEqualTo(List.of("default", guide.names().policy()));
        assertThat(login.auth().get("lease_duration")).isEqualTo(3600);
        assertThat(login.auth().get("renewable")).isEqualTo(true);
    }

    @Test
    @Order(6)
    @Check(
            id = "LOGIN-TOKEN-LOOKUP",
            step = 6,
            must =
                    "The login's token looks itself up as display name kubernetes-default-default, with the role's policies, TTL and the ServiceAccount's metadata")
    void loginTokenDescribesItself() {
        // Given a token from a login of default/default
        VaultResponse login = guide.login(TokenKind.TOKEN_REQUEST);
        // When the token looks itself up
        VaultResponse self = guide.vaultWith(login.clientToken()).read("auth/token/lookup-self");
        // Then
        assertThat(self).hasStatus(200);
        assertThat(self.data())
                .containsEntry("display_name", guide.names().displayName("default"))
                .containsEntry("policies", List.of("default", guide.names().policy()))
                .containsEntry("creation_ttl", 3600)
                .containsEntry("path", "auth/" + guide.names().authPath() + "/login")
                .containsEntry("meta", login.auth().get("metadata"));
    }

    @Test
    @Order(6)
    @Check(
            id = "LOGIN-ENTITY-ALIAS",
            step = 6,
            must =
                    "The login's entity has one alias on the kubernetes mount, named by the ServiceAccount's UID and carrying exactly"
                            + " the ServiceAccount's identity as metadata",
            parameters = {"role/alias_name_source"})
    void loginCreatesAnEntityAliasNamedByTheUid() {
        // Given a login of default/default, and the ServiceAccount's UID as the API server reports it
        String uid = guide.inKubernetes().workload().getMetadata().getUid();
        VaultResponse login = guide.login(TokenKind.TOKEN_REQUEST);
        // When its entity is read
        VaultResponse entity =
                guide.vaultAsRoot().read("identity/entity/id/" + login.auth().get("entity_id"));
        // Then it has one alias, on the kubernetes mount, whose name is the UID and whose metadata is the
        // ServiceAccount's
        assertThat(entity).hasStatus(200);
        assertThat(entity.data().get("aliases"))
                .asInstanceOf(InstanceOfAssertFactories.LIST)
                .singleElement()
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("name", uid)
                .containsEntry("mount_type", "kubernetes")
                .containsEntry("mount_path", "auth/" + guide.names().authPath() + "/")
                .containsEntry(
                        "metadata",
                        Map.of(
                                "service_account_uid",
                                uid,
                                "service_account_name",
                                "default",
                                "service_account_namespace",
                                guide.names().namespace(),
                                "service_account_secret_name",
                                ""));
    }

    @Test
    @Order(6)
    @Check(
            id = "LOGIN-TOKEN-RENEWABLE",
            step = 6,
            must = "The login's token renews itself, for at most the role's TTL",
            parameters = {"role/ttl"})
    void loginTokenRenews() {
        // Given a token from a login
        VaultResponse login = guide.login(TokenKind.TOKEN_REQUEST);
        // When it renews itself
        VaultResponse renewed = guide.vaultWith(login.clientToken()).write("auth/token/renew-self", Map.of());
        // Then the renewal is granted, bounded by the role's TTL of one hour
        assertThat(renewed).hasStatus(200);
        assertThat(renewed.auth().get("lease_duration"))
                .asInstanceOf(InstanceOfAssertFactories.INTEGER)
                .isBetween(1, 3600);
        assertThat(renewed.auth().get("renewable")).isEqualTo(true);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "create, secret/demo/foo",
        "read,   secret/demo/foo",
        "update, secret/demo/foo",
        "list,   secret/demo/foo",
        "delete, secret/demo/foo",
        "create, secret/demo/team/app/config",
        "read,   secret/demo/team/app/config",
        "update, secret/demo/team/app/config",
        "list,   secret/demo/team/app/config",
        "delete, secret/demo/team/app/config",
    })
    @Order(7)
    @Check(
            id = "POLICY-ALLOWS-DEMO",
            step = 7,
            must = "With the login's token, create, read, update, list and delete under secret/demo/ succeed",
            parameters = {"role/policies"})
    void loggedInTokenManagesSecretsUnderDemo(String operation, String pathInGuide) {
        String path = guide.names().inKvMount(pathInGuide);
        // Given a token from the login and, except for create, a secret it wrote at the path
        VaultClient workload = guide.loggedIn(TokenKind.TOKEN_REQUEST);
        if (!operation.equals("create")) {
            guide.inVault().writeSecret(workload, path, Map.of("password", "first"));
        }
        String parent = path.substring(0, path.lastIndexOf('/') + 1);
        String key = path.substring(path.lastIndexOf('/') + 1);
        // When it performs the operation, Then it succeeds and shows its effect
        switch (operation) {
            case "create" -> {
                assertThat(guide.inVault().writeSecret(workload, path, Map.of("password", "first")))
                        .hasStatus(204);
                assertThat(guide.vaultAsRoot().read(path).data()).containsEntry("password", "first");
            }
            case "read" -> {
                VaultResponse read = workload.read(path);
                assertThat(read).hasStatus(200);
                assertThat(read.data()).containsEntry("password", "first");
            }
            case "update" -> {
                assertThat(guide.inVault().writeSecret(workload, path, Map.of("password", "second")))
                        .hasStatus(204);
                assertThat(workload.read(path).data()).containsEntry("password", "second");
            }
            case "list" -> {
                VaultResponse listed = workload.list(parent);
                assertThat(listed).hasStatus(200);
                assertThat(listed.data().get("keys"))
                        .asInstanceOf(InstanceOfAssertFactories.LIST)
                        .contains(key);
            }
            case "delete" -> {
                assertThat(workload.delete(path)).hasStatus(204);
                assertThat(workload.read(path)).hasStatus(404);
            }
            default -> throw new IllegalArgumentException(operation);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "write, secret/foo",
        "read,  secret/foo",
        "write, secret/demo",
        "read,  secret/demo",
        "write, secret/demox/foo",
        "list,  secret/",
        "read,  sys/policy/demo-policy",
        "write, sys/policy/demo-policy",
        "read,  auth/kubernetes/role/demo-role",
        "write, auth/kubernetes/role/demo-role",
        "read,  auth/kubernetes/config",
        "read,  sys/mounts",
    })
    @Order(8)
    @Check(
            id = "POLICY-DENIES-ELSEWHERE",
            step = 7,
            must =
                    "With the login's token, every request outside secret/demo/ is refused with 403 and \"permission denied\"",
            parameters = {"role/policies"})
    void loggedInTokenIsDeniedElsewhere(String operation, String pathInGuide) {
        String path = guide.names().inGuidesPaths(pathInGuide);
        // Given a token from the login
        VaultClient workload = guide.loggedIn(TokenKind.TOKEN_REQUEST);
        // When it reaches outside secret/demo/
        VaultResponse response = switch (operation) {
            case "read" -> workload.read(path);
            case "list" -> workload.list(path);
            case "write" -> guide.inVault().writeSecret(workload, path, Map.of("value", "not allowed"));
            default -> throw new IllegalArgumentException(operation);
        };
        // Then it is refused
        assertThat(response).isRefusedWith(403, "permission denied");
    }

    @Test
    @Order(Integer.MAX_VALUE) // last, also after any check without an order (JUnit puts those at Order.DEFAULT)
    @Check(
            id = "TEARDOWN-COMPLETE",
            step = 8,
            must =
                    "Teardown removes every object the guide created, each verified gone by reading it back (with vkac.ownerRemovesEntities, the identity entity of a login is listed for Vault's owner instead)")
    void teardownLeavesNothingBehind() {
        // Given everything the guide created, a login's entity, and a written secret (as root: what the policy lets the
        // workload write is POLICY-ALLOWS-DEMO's concern, not this one's)
        Object entity = guide.entityOfLogin(TokenKind.LEGACY_SECRET);
        guide.inVault().writeSecret(guide.vaultAsRoot(), guide.kv("demo/left-behind"), Map.of("value", "x"));
        List<String> created =
                guide.fixtures().current().stream().map(Fixture::toString).toList();
        Names names = guide.names();
        // When the guide is torn down
        List<Fixture> removed = guide.tearDown();
        // Then everything created was removed and reads back as gone (the login's entity too, unless it is listed for
        // Vault's owner to remove, vkac.ownerRemovesEntities)
        assertThat(removed)
                .map(Fixture::toString)
                .containsExactlyInAnyOrderElementsOf(created)
                .contains(
                        "ServiceAccount " + names.namespace() + "/vault-tokenreview",
                        "ClusterRoleBinding " + names.reviewerBinding(),
                        "Secret " + names.namespace() + "/default-legacy-token",
                        "Vault role " + guide.inVault().rolePath(),
                        "Vault policy " + names.policy(),
                        "Vault auth mount " + names.authPath() + "/",
                        "Vault KV v1 mount " + names.kvMount() + "/",
                        "Vault secret " + guide.kv("demo/left-behind"));
        guide.entitiesForTheOwner()
                .ifPresentOrElse(
                        owner -> assertThat(owner.ids())
                                .as("the entities listed for the owner in %s", owner.file())
                                .contains(String.valueOf(entity)),
                        () -> assertThat(removed)
                                .map(Fixture::toString)
                                .contains("Vault entity identity/entity/id/" + entity));
        assertThat(removed)
                .allSatisfy(fixture ->
                        assertThat(fixture.isGone()).as("%s is gone", fixture).isTrue());
        assertThat(guide.fixtures().current()).isEmpty();
    }
}
