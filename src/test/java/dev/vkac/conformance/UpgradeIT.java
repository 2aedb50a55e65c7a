package dev.vkac.conformance;

import static dev.vkac.conformance.VaultResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vkac.clients.VaultClient;
import dev.vkac.clients.VaultResponse;
import dev.vkac.config.ServerKind;
import dev.vkac.config.ServerSpec;
import dev.vkac.config.Versions;
import dev.vkac.fixtures.Guide;
import dev.vkac.fixtures.TokenKind;
import dev.vkac.junit.Check;
import dev.vkac.junit.ConformanceTest;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * What an installation carries across an upgrade (vkac.servers entries such as {@code vault:1.14.8->openbao:2.7.2}):
 * the guide set up on the installed release, its workload logged in, tokens issued and one revoked; then the server is
 * upgraded on the same storage, and each check compares what the new release does with what the old one did.
 */
@ConformanceTest(upgradesOnly = true)
public class UpgradeIT extends GuideConformance {

    /** A role using more of the role's parameters than the guide's, so that a parameter lost in the upgrade shows. */
    static final String FULL_ROLE = "upgrade-full-role";

    /**
     * Fields a later release reads back that the installed one did not, with the value they take for what the installed
     * release stored (each observed on an upgrade here); any other new field fails.
     */
    static final Map<String, Object> ADDED_BY_THE_NEW_RELEASE = Map.of(
            // config: whether a reviewer JWT is stored, never the JWT itself (the auth method from v0.18.0)
            "token_reviewer_jwt_set", true,
            // role: the namespace selector, empty for a role that binds namespaces by name (from v0.18.0)
            "bound_service_account_namespace_selector", "",
            // config: whether ServiceAccount annotations become alias metadata, off unless asked for (from v0.18.0;
            // seen on the plugin upgrades from v0.16.0 and from Vault 1.14.8's builtin)
            "use_annotations_as_alias_metadata", false,
            // role: the token parameter for an alias's own metadata, empty unless asked for (the auth method v0.24.x,
            // from the Vault SDK v0.24.0 it builds with)
            "alias_metadata", Map.of(),
            // role: OpenBao's token parameter binding a token to its client's address, off unless asked for
            "token_strictly_bind_ip", false);

    private static final Map<Guide, Before> BEFORE = new ConcurrentHashMap<>();

    /** What the installed release said and issued, read before the upgrade. */
    record Before(
            Map<String, Object> config,
            Map<String, Map<String, Object>> roles,
            String entityId,
            Map<String, String> workloadTokens,
            Map<String, Object> metadata,
            String keptToken,
            String revokedToken,
            List<String> leases,
            VaultResponse refusal) {}

    @BeforeParameterizedClassInvocation
    static void useTheInstalledReleaseThenUpgrade(Guide guide) {
        guide.inVault()
                .writeRoleLikeTheGuides(
                        FULL_ROLE,
                        Map.of(
                                "audience", "vault",
                                "alias_name_source", "serviceaccount_name",
                                "token_ttl", "20m",
                                "token_max_ttl", "1h",
                                "token_bound_cidrs", List.of("127.0.0.0/8"),
                                "token_type", "service"));
        VaultResponse refused = refusedLogin(guide);
        assertThat(refused)
                .as("the installed release refuses a ServiceAccount of another namespace")
                .hasStatus(403);
        Map<String, String> workloadTokens = workloadTokens(guide);
        Map<String, Object> metadata = new LinkedHashMap<>();
        workloadTokens.forEach((kind, jwt) -> {
            VaultResponse admitted = guide.login(Guide.ROLE, jwt);
            assertThat(admitted)
                    .as("the installed release admits a " + kind + " token")
                    .hasStatus(200);
            metadata.put(kind, admitted.auth().get("metadata"));
        });
        // the leases of the workload's logins, which no check touches after (the kept token's is renewed and revoked)
        List<String> leases = leases(guide);
        VaultResponse login = guide.login(TokenKind.TOKEN_REQUEST);
        VaultResponse revoked = guide.login(TokenKind.TOKEN_REQUEST);
        assertThat(guide.vaultWith(revoked.clientToken()).write("auth/token/revoke-self", Map.of()))
                .hasStatus(204);
        Before before = new Before(
                guide.vaultAsRoot().read(configPath(guide)).data(),
                roles(guide),
                String.valueOf(login.auth().get("entity_id")),
                workloadTokens,
                metadata,
                login.clientToken(),
                revoked.clientToken(),
                leases,
                refused);
        assertThat(before.leases())
                .as("the leases of the installed release's logins (their tokens' leases)")
                .isNotEmpty();
        BEFORE.put(guide, before);
        guide.upgradeServer();
    }

    @Test
    @Order(1)
    @Check(
            id = "UPGRADE-RUNS-THE-NEW-RELEASE",
            step = 2,
            must =
                    "After the upgrade the server reports the release it was upgraded to (and the auth mount the plugin release it was tuned to), and the installation's root token still holds")
    void theServerRunsTheNewRelease() {
        // When the upgraded server is asked its version
        VaultResponse status = guide.vaultAnonymous().read("sys/seal-status");
        // Then it is the new release, and the root token of the installation (in its token store) still holds
        assertThat(status).hasStatus(200);
        assertThat(String.valueOf(status.body().get("version"))
                        .replaceFirst("^v", "")
                        .split("[+ ]")[0])
                .as("the version it reports")
                .isEqualTo(guide.spec().upgradeTo().version());
        if (guide.spec().upgradeTo().hasAuthPlugin()) {
            Object mount = guide.vaultAsRoot()
                    .read("sys/auth")
                    .data()
                    .get(guide.names().authPath() + "/");
            assertThat(mount).as("the guide's auth mount").isInstanceOf(Map.class);
            assertThat(((Map<?, ?>) mount).get("running_plugin_version"))
                    .as("the plugin release the guide's auth mount runs")
                    .isEqualTo(guide.spec().upgradeTo().authMethod());
        }
        assertThat(guide.vaultAsRoot().read("auth/token/lookup-self")).hasStatus(200);
    }

    @Test
    @Order(2)
    @Check(
            id = "UPGRADE-CONFIG-KEPT",
            step = 3,
            must = "The auth method's config reads back after the upgrade as the installed release read it back")
    void configIsKept() {
        // When the config is read after the upgrade, Then every field reads as before
        assertKept(guide.vaultAsRoot().read(configPath(guide)).data(), before().config(), "config");
    }

    @Test
    @Order(3)
    @Check(
            id = "UPGRADE-ROLES-KEPT",
            step = 5,
            must = "Every role reads back after the upgrade as the installed release read it back, field by field")
    void rolesAreKept() {
        // When the roles are listed and read after the upgrade, Then they are the same roles, field by field
        Map<String, Map<String, Object>> roles = roles(guide);
        assertThat(roles.keySet()).as("roles").isEqualTo(before().roles().keySet());
        roles.forEach((name, role) -> assertKept(role, before().roles().get(name), "role " + name));
    }

    @Test
    @Order(4)
    @Check(
            id = "UPGRADE-SAME-ENTITY",
            step = 6,
            must =
                    "After the upgrade the workload's tokens the installed release admitted (TokenRequest, legacy Secret and Pod-bound) log in again with the same metadata, as the same identity entity, with one alias")
    void loginsMapToTheSameEntity() {
        before().workloadTokens().forEach((kind, jwt) -> {
            // When the workload logs in after the upgrade with a token the installed release admitted
            VaultResponse login = guide.login(Guide.ROLE, jwt);
            // Then it is admitted as before, as the entity the installed release created for it
            assertThat(login).as(kind + " token").hasStatus(200);
            assertThat(login.auth().get("metadata"))
                    .as(kind + " metadata")
                    .isEqualTo(before().metadata().get(kind));
            assertThat(login.auth().get("entity_id")).as(kind + " entity id").isEqualTo(before().entityId());
        });
        VaultResponse entity = guide.vaultAsRoot().read("identity/entity/id/" + before().entityId());
        assertThat(entity).hasStatus(200);
        assertThat((List<?>) entity.data().get("aliases")).as("aliases").hasSize(1);
    }

    @Test
    @Order(5)
    @Check(
            id = "UPGRADE-LEASES-KEPT",
            step = 7,
            must =
                    "Every lease the installed release held for the tokens of its logins is held after the upgrade, issued and expiring when it was")
    void leasesAreKept() {
        // When the leases of the tokens the guide's mount issued are looked up after the upgrade
        List<String> after = new ArrayList<>(leases(guide));
        // Then each lease held before is still held, expiring when it did (logins since add leases of their own)
        List<String> lost = new ArrayList<>();
        before().leases().forEach(lease -> {
            if (!after.remove(lease)) {
                lost.add(lease);
            }
        });
        assertThat(lost)
                .as("leases held before the upgrade and not after, as they were (of "
                        + before().leases().size() + ")")
                .isEmpty();
    }

    @Test
    @Order(6)
    @Check(
            id = "UPGRADE-TOKENS-KEPT",
            step = 7,
            must =
                    "A token issued before the upgrade still looks itself up, renews (or, upgraded to OpenBao 2.7.1 or later from a release before it, is refused renewal with 500 saying it must be re-issued) and revokes after it; a token revoked before stays revoked (403)")
    void tokensIssuedBeforeStillWork() {
        // Given the token kept and the token revoked before the upgrade
        VaultClient kept = guide.vaultWith(before().keptToken());
        VaultClient revoked = guide.vaultWith(before().revokedToken());
        // Then the kept one looks itself up with its policies, renews and revokes; the revoked one stays refused
        VaultResponse lookup = kept.read("auth/token/lookup-self");
        assertThat(lookup).hasStatus(200);
        assertThat(lookup.data().get("policies"))
                .asList()
                .contains(guide.names().policy());
        VaultResponse renewal = kept.write("auth/token/renew-self", Map.of());
        if (storesTheJwtForRenewal(guide.spec().upgradeTo())
                && !storesTheJwtForRenewal(guide.spec().installed())) {
            // the new release reviews the login's JWT again at renewal, which the installed one never stored
            assertThat(renewal).hasStatus(500).hasErrorContaining("existing auth tokens need to be re-issued");
        } else {
            assertThat(renewal).hasStatus(200);
        }
        assertThat(kept.write("auth/token/revoke-self", Map.of())).hasStatus(204);
        assertThat(kept.read("auth/token/lookup-self")).hasStatus(403);
        assertThat(revoked.read("auth/token/lookup-self")).hasStatus(403);
    }

    @Test
    @Order(7)
    @Check(
            id = "UPGRADE-REFUSALS-KEPT",
            step = 6,
            must =
                    "A workload the installed release refused (a ServiceAccount of another namespace) is refused after the upgrade with the same status and message")
    void refusalsAreKept() {
        // When the workload refused before tries again after the upgrade
        VaultResponse refusal = refusedLogin(guide);
        // Then it is refused as before
        assertThat(refusal.status()).isEqualTo(before().refusal().status());
        assertThat(refusal.errors()).isEqualTo(before().refusal().errors());
    }

    /**
     * What a release reads back after the upgrade is what the installed one read back, field by field, with only the
     * fields {@link #ADDED_BY_THE_NEW_RELEASE} added, at their value.
     */
    private static void assertKept(Map<String, Object> after, Map<String, Object> before, String what) {
        Map<String, Object> expected = new LinkedHashMap<>(before);
        after.keySet().stream()
                .filter(field -> !before.containsKey(field) && ADDED_BY_THE_NEW_RELEASE.containsKey(field))
                .forEach(field -> expected.put(field, ADDED_BY_THE_NEW_RELEASE.get(field)));
        assertThat(after).as(what + " after the upgrade").isEqualTo(expected);
    }

    /**
     * OpenBao from 2.7.1 keeps a login's JWT with the token it issues, and reviews it again at renewal (observed: 2.7.0
     * to 2.7.2 and 2.6.2 to 2.7.1 refuse renewals, 2.6.2 to 2.7.0 and 2.7.1 to 2.7.2 renew).
     */
    private static boolean storesTheJwtForRenewal(ServerSpec server) {
        return server.kind() == ServerKind.OPENBAO && Versions.compare(server.version(), "2.7.1") >= 0;
    }

    private Before before() {
        return BEFORE.get(guide);
    }

    private static String configPath(Guide guide) {
        return "auth/" + guide.names().authPath() + "/config";
    }

    /**
     * The leases of the tokens the guide's mount issued, each as its issue time and expiry, sorted (their ids, derived
     * from the tokens, are neither kept nor shown).
     */
    private static List<String> leases(Guide guide) {
        String prefix = "auth/" + guide.names().authPath() + "/login/";
        List<String> leases = new ArrayList<>();
        for (String id : guide.vaultAsRoot().list("sys/leases/lookup/" + prefix).listedKeys()) {
            VaultResponse lease = guide.vaultAsRoot().write("sys/leases/lookup", Map.of("lease_id", prefix + id));
            assertThat(lease).as("a lease's lookup").hasStatus(200);
            leases.add("issued " + instant(lease.data().get("issue_time")) + ", expiring "
                    + instant(lease.data().get("expire_time")));
        }
        Collections.sort(leases);
        return leases;
    }

    /** A time as an instant (the products write them with different offsets and precisions), or as it was. */
    private static String instant(Object time) {
        try {
            return OffsetDateTime.parse(String.valueOf(time)).toInstant().toString();
        } catch (DateTimeParseException notATime) {
            return String.valueOf(time);
        }
    }

    /** Every role of the guide's mount, as the server reads it back. */
    private static Map<String, Map<String, Object>> roles(Guide guide) {
        Map<String, Map<String, Object>> roles = new LinkedHashMap<>();
        String mount = "auth/" + guide.names().authPath() + "/role";
        for (String role : guide.vaultAsRoot().list(mount).listedKeys()) {
            roles.put(role, guide.vaultAsRoot().read(mount + "/" + role).data());
        }
        return roles;
    }

    /** The workload's tokens, one of each kind: a TokenRequest token, a legacy Secret token and a Pod-bound token. */
    private static Map<String, String> workloadTokens(Guide guide) {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("TokenRequest", guide.serviceAccountToken(TokenKind.TOKEN_REQUEST));
        tokens.put("legacy Secret", guide.serviceAccountToken(TokenKind.LEGACY_SECRET));
        Pod pod = guide.inKubernetes()
                .objects()
                .createUnschedulablePod(guide.names().namespace(), "vkac-upgrade-workload", Guide.SERVICE_ACCOUNT);
        tokens.put("Pod-bound", guide.inKubernetes().objects().tokens().tokenBoundTo(pod));
        return tokens;
    }

    /** A login through the guide's role with a token of default in another namespace, which the role does not bind. */
    private static VaultResponse refusedLogin(Guide guide) {
        String other = guide.inKubernetes().otherNamespace();
        return guide.login(Guide.ROLE, guide.inKubernetes().tokenIn(other, Guide.SERVICE_ACCOUNT, List.of()));
    }
}
