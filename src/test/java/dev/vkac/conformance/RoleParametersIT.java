package dev.vkac.conformance;

import static dev.vkac.conformance.VaultResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vkac.clients.VaultClient;
import dev.vkac.clients.VaultResponse;
import dev.vkac.config.ServerKind;
import dev.vkac.config.Versions;
import dev.vkac.fixtures.Guide;
import dev.vkac.fixtures.TokenKind;
import dev.vkac.junit.Check;
import dev.vkac.junit.ConformanceTest;
import dev.vkac.junit.DiffersBetweenReleases;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Guide step 5 with the role parameters the guide does not set: each must reach the token it issues, survive an
 * update of another field, and bind exactly what it lists. A server that ignores one of them would pass the guide.
 */
@ConformanceTest
public class RoleParametersIT extends GuideConformance {

    /** An audience for roles that should draw no warning for lacking one (from Vault 1.20). */
    static final String AUDIENCE = "vkac-audience";

    @Test
    @Order(1)
    @Check(
            id = "TOKEN-POLICIES-WITHOUT-DEFAULT",
            step = 5,
            must =
                    "token_policies with token_no_default_policy=true give the token exactly those policies; without it the default policy is added",
            parameters = {"role/token_policies", "role/token_no_default_policy"})
    void tokenPoliciesWithoutTheDefaultPolicy() {
        // Given two roles granting the guide's policy as token_policies, one without the default policy
        String withDefault = writeRole(
                "role-token-policies",
                Map.of("token_policies", List.of(guide.names().policy())));
        String withoutDefault = writeRole(
                "role-no-default-policy",
                Map.of("token_policies", List.of(guide.names().policy()), "token_no_default_policy", true));
        String token = guide.serviceAccountToken(TokenKind.TOKEN_REQUEST);
        // When default/default logs in through each
        VaultResponse loginWithDefault = guide.login(withDefault, token);
        VaultResponse loginWithoutDefault = guide.login(withoutDefault, token);
        // Then
        assertThat(loginWithDefault).hasStatus(200);
        assertThat(loginWithDefault.auth().get("token_policies"))
                .isEqualTo(List.of("default", guide.names().policy()));
        assertThat(loginWithoutDefault).hasStatus(200);
        assertThat(loginWithoutDefault.auth().get("token_policies"))
                .isEqualTo(List.of(guide.names().policy()));
    }

    @Test
    @Order(2)
    @Check(
            id = "TOKEN-PERIOD",
            step = 5,
            must =
                    "A role with token_period issues a periodic token: its lease is the period, and a renewal asking for more gets the period again",
            parameters = {"role/token_period"})
    void periodicTokens() {
        // Given a token from a role with a period of ten minutes
        VaultResponse login = guide.login(
                guide.inVault().writeRoleLikeTheGuides("role-periodic", Map.of("ttl", "0", "token_period", "10m")),
                guide.serviceAccountToken(TokenKind.TOKEN_REQUEST));
        VaultClient workload = guide.vaultWith(login.clientToken());
        // When it looks itself up and renews itself asking for an hour
        VaultResponse self = workload.read("auth/token/lookup-self");
        VaultResponse renewal = workload.write("auth/token/renew-self", Map.of("increment", "1h"));
        // Then
        assertThat(login).hasStatus(200);
        assertThat(login.auth().get("lease_duration"))
                .as("login lease_duration")
                .isEqualTo(600);
        assertThat(self.data().get("period")).as("period").isEqualTo(600);
        assertThat(renewal).hasStatus(200);
        assertThat(renewal.auth().get("lease_duration"))
                .as("renewed lease_duration")
                .isEqualTo(600);
    }

    @Test
    @Order(3)
    @Check(
            id = "TOKEN-EXPLICIT-MAX-TTL",
            step = 5,
            must = "token_explicit_max_ttl caps the token's life below the role's TTL, and the token carries it",
            parameters = {"role/token_explicit_max_ttl"})
    void explicitMaxTtlCapsTheToken() {
        // Given a role with the guide's TTL (1h) and an explicit max TTL of two minutes
        VaultResponse login = guide.login(
                guide.inVault().writeRoleLikeTheGuides("role-explicit-max-ttl", Map.of("token_explicit_max_ttl", "2m")),
                guide.serviceAccountToken(TokenKind.TOKEN_REQUEST));
        // When the token looks itself up
        VaultResponse self = guide.vaultWith(login.clientToken()).read("auth/token/lookup-self");
        // Then
        assertThat(login).hasStatus(200);
        assertThat(login.auth().get("lease_duration"))
                .as("login lease_duration")
                .asInstanceOf(InstanceOfAssertFactories.INTEGER)
                .isBetween(1, 120);
        assertThat(self.data().get("explicit_max_ttl")).as("explicit_max_ttl").isEqualTo(120);
    }

    @Test
    @Order(4)
    @Check(
            id = "LEGACY-ROLE-PARAMETERS",
            step = 5,
            must =
                    "A role written with the legacy names (policies, ttl, num_uses, max_ttl, period, bound_cidrs) reads back under both names and its token carries them",
            parameters = {
                "role/policies",
                "role/ttl",
                "role/max_ttl",
                "role/period",
                "role/num_uses",
                "role/bound_cidrs"
            })
    void legacyParameterNamesStillWork() {
        // Given a role written with the legacy names of four token parameters
        String role = guide.inVault()
                .writeRoleLikeTheGuides(
                        "role-legacy-names",
                        Map.of(
                                "policies",
                                List.of(guide.names().policy()),
                                "ttl",
                                1,
                                "num_uses",
                                1,
                                "max_ttl",
                                "3m",
                                "period",
                                "2m",
                                "bound_cidrs",
                                List.of("0.0.0.0/0")));
        // When it is read back and default/default logs in through it
        VaultResponse read = guide.vaultAsRoot().read("auth/" + guide.names().authPath() + "/role/" + role);
        VaultResponse login = guide.login(role, guide.serviceAccountToken(TokenKind.TOKEN_REQUEST));
        VaultResponse self = guide.vaultWith(login.clientToken()).read("auth/token/lookup-self");
        // Then each reads back under its token_ name, and the token carries it
        assertThat(read).hasStatus(200);
        assertThat(read.data())
                .containsEntry("token_ttl", 1)
                .containsEntry("ttl", 1)
                .containsEntry("token_num_uses", 1)
                .containsEntry("token_max_ttl", 180)
                .containsEntry("token_period", 120)
                .containsEntry("token_bound_cidrs", List.of("0.0.0.0/0"))
                .containsEntry("token_policies", List.of(guide.names().policy()))
                .containsEntry("policies", List.of(guide.names().policy()))
                .containsEntry("num_uses", 1)
                .containsEntry("max_ttl", 180)
                .containsEntry("period", 120)
                .containsEntry("bound_cidrs", List.of("0.0.0.0/0"));
        assertThat(login).hasStatus(200);
        assertThat(login.auth().get("lease_duration"))
                .as("login lease_duration (the period)")
                .isEqualTo(120);
        assertThat(self.data()).containsEntry("period", 120).containsEntry("bound_cidrs", List.of("0.0.0.0/0"));
        // observed on Vault 1.14.8 and OpenBao: a token on its last use reads back num_uses -1
        assertThat(self.data().get("num_uses"))
                .as("num_uses of a token on its one use")
                .isEqualTo(-1);
        assertThat(guide.vaultWith(login.clientToken()).read("auth/token/lookup-self"))
                .as("a second use")
                .hasStatus(403);
    }

    @Test
    @Order(5)
    @Check(
            id = "ROLE-UPDATE-KEEPS-OTHER-FIELDS",
            step = 5,
            must = "Updating one field of a role leaves every other field as it was",
            parameters = {
                "role/token_ttl",
                "role/token_num_uses",
                "role/token_max_ttl",
                "role/token_bound_cidrs",
                "role/audience",
                "role/alias_name_source"
            })
    void updatingOneFieldKeepsTheOthers() {
        // Given a role with many fields set, as read back
        String role = guide.inVault()
                .writeRoleLikeTheGuides(
                        "role-to-update",
                        Map.of(
                                "token_num_uses",
                                5,
                                "token_max_ttl",
                                "2h",
                                "token_bound_cidrs",
                                List.of("0.0.0.0/0"),
                                "audience",
                                "vkac-audience",
                                "alias_name_source",
                                "serviceaccount_name"));
        String path = "auth/" + guide.names().authPath() + "/role/" + role;
        Map<String, Object> before =
                new LinkedHashMap<>(guide.vaultAsRoot().read(path).data());
        assertThat(before)
                .as("the role as written")
                .containsEntry("token_num_uses", 5)
                .containsEntry("token_max_ttl", 7200)
                .containsEntry("token_bound_cidrs", List.of("0.0.0.0/0"))
                .containsEntry("audience", "vkac-audience")
                .containsEntry("alias_name_source", "serviceaccount_name");
        // When only its TTL is updated
        guide.inVault().writeRole(role, Map.of("token_ttl", "20m"));
        Map<String, Object> after =
                new LinkedHashMap<>(guide.vaultAsRoot().read(path).data());
        // Then the TTL changed and nothing else did
        assertThat(after.remove("token_ttl")).as("token_ttl").isEqualTo(1200);
        after.remove("ttl"); // the legacy name of the same field
        before.remove("token_ttl");
        before.remove("ttl");
        assertThat(after).isEqualTo(before);
    }

    @Test
    @Order(6)
    @Check(
            id = "SEVERAL-NAMES-AND-NAMESPACES",
            step = 5,
            must =
                    "A role bound to several names and namespaces admits each listed pair and refuses a name or namespace it does not list",
            parameters = {"role/bound_service_account_names", "role/bound_service_account_namespaces"})
    void severalBoundNamesAndNamespaces() {
        // Given a role bound to two names and two namespaces, and ServiceAccounts in and out of those lists
        String namespace = guide.names().namespace();
        String role = guide.inVault()
                .writeRoleLikeTheGuides(
                        "role-bound-to-several",
                        Map.of(
                                "bound_service_account_names", List.of("vkac-listed", "default"),
                                "bound_service_account_namespaces",
                                        List.of(guide.names().prefix() + "-unused", namespace)));
        guide.inKubernetes().createServiceAccount("vkac-listed");
        guide.inKubernetes().createServiceAccount("vkac-unlisted");
        String other = guide.inKubernetes().otherNamespace();
        // When each logs in through it
        VaultResponse listedFirst =
                guide.login(role, guide.inKubernetes().tokenIn(namespace, "vkac-listed", List.of()));
        VaultResponse listedSecond = guide.login(role, guide.serviceAccountToken(TokenKind.TOKEN_REQUEST));
        VaultResponse unlistedName =
                guide.login(role, guide.inKubernetes().tokenIn(namespace, "vkac-unlisted", List.of()));
        VaultResponse unlistedNamespace = guide.login(role, guide.inKubernetes().tokenIn(other, "default", List.of()));
        // Then
        assertThat(listedFirst).as("the first listed name").hasStatus(200);
        assertThat(listedSecond).as("the second listed name").hasStatus(200);
        assertThat(unlistedName).as("a name not listed").isLoginRefusedWith(403, "service account name not authorized");
        assertThat(unlistedNamespace).as("a namespace not listed").isLoginRefusedWith(403, "namespace not authorized");
    }

    @Test
    @Order(7)
    @Check(
            id = "ALIAS-NAME-SOURCE-NAME",
            step = 6,
            must =
                    "With alias_name_source=serviceaccount_name, the entity alias of a ServiceAccount named otherwise than its namespace"
                            + " is named <namespace>/<name>, not by the UID, and carries its name and namespace, each under its own key, as metadata",
            parameters = {"role/alias_name_source"})
    void aliasNamedByTheServiceAccountsName() {
        // Given a ServiceAccount named otherwise than its namespace, and a role for it naming aliases by the
        // ServiceAccount's name
        String owner = "vkac-alias-owner";
        String uid =
                guide.inKubernetes().createServiceAccount(owner).getMetadata().getUid();
        String role = guide.inVault()
                .writeRoleLikeTheGuides(
                        "role-alias-by-name",
                        Map.of(
                                "alias_name_source",
                                "serviceaccount_name",
                                "bound_service_account_names",
                                List.of(owner)));
        // When it logs in through that role and its entity is read
        VaultResponse login = guide.login(role, guide.inKubernetes().tokenFor(owner));
        VaultResponse entity =
                guide.vaultAsRoot().read("identity/entity/id/" + login.auth().get("entity_id"));
        // Then its alias is named by namespace and name, and its metadata says which is which
        assertThat(entity).hasStatus(200);
        assertThat(entity.data().get("aliases"))
                .asInstanceOf(InstanceOfAssertFactories.LIST)
                .singleElement()
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("name", guide.names().namespace() + "/" + owner)
                .containsEntry(
                        "metadata",
                        Map.of(
                                "service_account_uid",
                                uid,
                                "service_account_name",
                                owner,
                                "service_account_namespace",
                                guide.names().namespace(),
                                "service_account_secret_name",
                                ""));
    }

    @Test
    @Order(8)
    @Check(
            id = "ISSUER-VALIDATION-OFF",
            step = 3,
            must =
                    "With disable_iss_validation=true, a configured issuer the API server does not use does not refuse a genuine token",
            parameters = {"config/issuer", "config/disable_iss_validation"})
    void issuerIgnoredWhenValidationIsOff() {
        // Given a mount with an issuer the API server does not use, and issuer validation off
        String mount = guide.inVault()
                .mountLikeTheGuide(
                        "issuer-not-validated",
                        Map.of("disable_iss_validation", true, "issuer", "https://issuer.invalid"));
        // When default/default logs in there with a genuine token
        VaultResponse login = guide.login(mount, Guide.ROLE, guide.serviceAccountToken(TokenKind.TOKEN_REQUEST));
        // Then
        assertThat(login).hasStatus(200);
    }

    @Test
    @Order(9)
    @Check(
            id = "ROLE-REQUIRES-BINDINGS",
            step = 5,
            must =
                    "A role without bound ServiceAccount names, or without bound namespaces (and no selector), is refused with 400 naming what is missing",
            parameters = {"role/bound_service_account_names", "role/bound_service_account_namespaces"})
    void roleWithoutBindingsIsRefused() {
        // Given the guide's role, which is accepted, and the same without names or without namespaces
        Map<String, Object> withoutNames = new LinkedHashMap<>(guide.inVault().demoRole());
        withoutNames.remove("bound_service_account_names");
        Map<String, Object> withoutNamespaces =
                new LinkedHashMap<>(guide.inVault().demoRole());
        withoutNamespaces.remove("bound_service_account_namespaces");
        String rolePath = "auth/" + guide.names().authPath() + "/role/";
        // When each is written
        guide.inVault().writeRole("role-complete", guide.inVault().demoRole());
        VaultResponse noNames = guide.vaultAsRoot().write(rolePath + "role-without-names", withoutNames);
        VaultResponse noNamespaces = guide.vaultAsRoot().write(rolePath + "role-without-namespaces", withoutNamespaces);
        // Then only the complete one is kept
        assertThat(noNames).isRefusedWith(400, "\"bound_service_account_names\" can not be empty");
        assertThat(noNamespaces).isRefusedWith(400, "\"bound_service_account_namespaces\" can not be empty");
        assertThat(guide.vaultAsRoot().read(rolePath + "role-without-names")).hasStatus(404);
    }

    @Test
    @Order(10)
    @Check(
            id = "ROLE-MAX-TTL-WARNING",
            step = 5,
            must =
                    "A role whose token_max_ttl exceeds the mount's maximum is kept, with a warning that issued tokens' max TTL will be truncated;"
                            + " one within it, or equal to it, without",
            parameters = {"role/token_max_ttl"})
    void maxTtlAboveTheMountsIsKeptWithAWarning() {
        // Given a max TTL within the mount's maximum (768h), one beyond it, and one equal to the maximum of a mount
        // tuned to 100h (with an audience: from Vault 1.20 a role
        // without one is warned about, ROLE-WITHOUT-AUDIENCE-WARNING)
        // When a role is written with each
        VaultResponse within = guide.inVault()
                .writeRole("role-max-ttl-within", roleWith(Map.of("token_max_ttl", "2h", "audience", AUDIENCE)));
        VaultResponse beyond = guide.inVault()
                .writeRole("role-max-ttl-beyond", roleWith(Map.of("token_max_ttl", "10000h", "audience", AUDIENCE)));
        String tuned = guide.inVault().mountLikeTheGuide("max-ttl-100h", Map.of());
        VaultResponse tune = guide.vaultAsRoot().write("sys/auth/" + tuned + "/tune", Map.of("max_lease_ttl", "100h"));
        VaultResponse atMaximum = guide.inVault()
                .writeRole(
                        tuned,
                        "role-max-ttl-at-maximum",
                        roleWith(Map.of("token_max_ttl", "100h", "audience", AUDIENCE)));
        // Then all are kept, and only the one beyond the maximum is warned about (on a mount tuned to 100h, not at
        // 100h)
        assertThat(tune)
                .as("tuning a mount like the guide's to a maximum of 100h")
                .hasStatus(204);
        assertThat(within.body().get("warnings"))
                .as("warnings of the role within")
                .isNull();
        assertThat(atMaximum.body().get("warnings"))
                .as("warnings of a role at its mount's maximum (100h)")
                .isNull();
        assertThat(beyond.body().get("warnings"))
                .asInstanceOf(InstanceOfAssertFactories.LIST)
                .anySatisfy(warning -> assertThat(warning.toString())
                        .contains("max_ttl is greater than the system or backend mount's maximum TTL value"));
    }

    @Test
    @Order(11)
    @Check(
            id = "ROLE-INVALID-VALUES-REFUSED",
            step = 5,
            must =
                    "A role with an unknown alias_name_source or token_type, mixing \"*\" with names or namespaces, or with a legacy bound_cidrs that is no address, is refused with 400 saying why",
            parameters = {
                "role/alias_name_source",
                "role/token_type",
                "role/bound_service_account_names",
                "role/bound_service_account_namespaces",
                "role/bound_cidrs"
            })
    void invalidRoleValuesAreRefused() {
        // Given the guide's role, accepted, and copies of it with one invalid value each
        String rolePath = "auth/" + guide.names().authPath() + "/role/";
        guide.inVault().writeRole("role-valid", guide.inVault().demoRole());
        // When each copy is written
        VaultResponse aliasSource = guide.vaultAsRoot()
                .write(rolePath + "role-bad-alias", roleWith(Map.of("alias_name_source", "serviceaccount_nickname")));
        VaultResponse tokenType =
                guide.vaultAsRoot().write(rolePath + "role-bad-type", roleWith(Map.of("token_type", "platinum")));
        VaultResponse names = guide.vaultAsRoot()
                .write(
                        rolePath + "role-mixed-names",
                        roleWith(Map.of("bound_service_account_names", List.of("*", "default"))));
        VaultResponse namespaces = guide.vaultAsRoot()
                .write(
                        rolePath + "role-mixed-namespaces",
                        roleWith(Map.of(
                                "bound_service_account_namespaces",
                                List.of("*", guide.names().namespace()))));
        VaultResponse legacyCidrs = guide.vaultAsRoot()
                .write(rolePath + "role-bad-cidrs", roleWith(Map.of("bound_cidrs", List.of("not-a-cidr"))));
        // Then each is refused, saying what is wrong
        assertThat(aliasSource)
                .isRefusedWith(
                        400, "invalid alias_name_source, must be one of: serviceaccount_uid, serviceaccount_name");
        assertThat(tokenType).isRefusedWith(400, "invalid 'token_type' value \"platinum\"");
        assertThat(names).isRefusedWith(400, "can not mix \"*\" with values");
        assertThat(namespaces).isRefusedWith(400, "can not mix \"*\" with values");
        assertThat(legacyCidrs).isRefusedWith(400, "not-a-cidr");
    }

    @Test
    @Order(12)
    @Check(
            id = "ROLE-UPDATE-BINDINGS",
            step = 5,
            must =
                    "Updating a role's bound namespaces, then its bound names, takes effect at the next login: the newly bound namespace is admitted,"
                            + " the one no longer bound refused, and then the name no longer bound refused",
            parameters = {"role/bound_service_account_namespaces", "role/bound_service_account_names"})
    void updatedBindingsTakeEffect() {
        // Given a role bound to the guide's namespace, which admits default/default there
        String role = guide.inVault().writeRoleLikeTheGuides("role-to-rebind", Map.of());
        String other = guide.inKubernetes().otherNamespace();
        assertThat(guide.login(role, guide.serviceAccountToken(TokenKind.TOKEN_REQUEST)))
                .as("before the update")
                .hasStatus(200);
        // When only its namespaces are updated to the other namespace
        guide.inVault().writeRole(role, Map.of("bound_service_account_namespaces", List.of(other)));
        // Then the other namespace's default logs in, and the guide's no longer does
        assertThat(guide.login(role, guide.inKubernetes().tokenIn(other, "default", List.of())))
                .as("the newly bound namespace")
                .hasStatus(200);
        assertThat(guide.login(role, guide.serviceAccountToken(TokenKind.TOKEN_REQUEST)))
                .as("the namespace no longer bound")
                .isLoginRefusedWith(403, "namespace not authorized");
        // And when only its names are updated, to a ServiceAccount that is not default, the other namespace's default
        // is refused
        guide.inVault().writeRole(role, Map.of("bound_service_account_names", List.of("vkac-someone-else")));
        assertThat(guide.vaultAsRoot()
                        .read("auth/" + guide.names().authPath() + "/role/" + role)
                        .data())
                .containsEntry("bound_service_account_names", List.of("vkac-someone-else"))
                .containsEntry("bound_service_account_namespaces", List.of(other));
        assertThat(guide.login(role, guide.inKubernetes().tokenIn(other, "default", List.of())))
                .as("the name no longer bound")
                .isLoginRefusedWith(403, "service account name not authorized");
    }

    @Test
    @Order(13)
    @Check(
            id = "ROLE-TOKEN-NAMES-ONLY",
            step = 5,
            must =
                    "A role written with the token_ names, or written with the legacy names (ttl, max_ttl, period, num_uses, bound_cidrs, policies) and"
                            + " updated with the token_ names, reads back without the legacy names",
            parameters = {
                "role/token_ttl",
                "role/token_max_ttl",
                "role/token_period",
                "role/token_num_uses",
                "role/token_bound_cidrs",
                "role/token_policies"
            })
    void tokenNamesReadBackAlone() {
        // Given a role written with token_ names only, and one written with the legacy names
        String role = writeRole(
                "role-token-names",
                Map.of(
                        "token_ttl",
                        "10m",
                        "token_max_ttl",
                        "20m",
                        "token_num_uses",
                        3,
                        "token_bound_cidrs",
                        List.of("0.0.0.0/0"),
                        "token_policies",
                        List.of(guide.names().policy())));
        String legacy = writeRole(
                "role-legacy-then-token-names",
                Map.of(
                        "ttl",
                        "5m",
                        "max_ttl",
                        "15m",
                        "period",
                        "2m",
                        "num_uses",
                        2,
                        "bound_cidrs",
                        List.of("0.0.0.0/0"),
                        "policies",
                        List.of(guide.names().policy())));
        // When the second is updated with the token_ names of the same fields, and both are read back
        guide.inVault()
                .writeRole(
                        legacy,
                        Map.of(
                                "token_ttl",
                                "10m",
                                "token_max_ttl",
                                "20m",
                                "token_period",
                                "3m",
                                "token_num_uses",
                                3,
                                "token_bound_cidrs",
                                List.of("0.0.0.0/0"),
                                "token_policies",
                                List.of(guide.names().policy())));
        VaultResponse read = guide.vaultAsRoot().read("auth/" + guide.names().authPath() + "/role/" + role);
        VaultResponse updated = guide.vaultAsRoot().read("auth/" + guide.names().authPath() + "/role/" + legacy);
        // Then both have the token_ names and none of the legacy ones: a token_ name replaces its legacy twin
        assertThat(read.data())
                .containsEntry("token_ttl", 600)
                .containsEntry("token_max_ttl", 1200)
                .containsEntry("token_num_uses", 3)
                .doesNotContainKeys("ttl", "max_ttl", "period", "num_uses", "bound_cidrs", "policies");
        assertThat(updated.data())
                .as("the legacy role updated with the token_ names")
                .containsEntry("token_ttl", 600)
                .containsEntry("token_max_ttl", 1200)
                .containsEntry("token_period", 180)
                .containsEntry("token_num_uses", 3)
                .doesNotContainKeys("ttl", "max_ttl", "period", "num_uses", "bound_cidrs", "policies");
    }

    @Test
    @Order(14)
    @Check(
            id = "ROLE-NAME-CASE-INSENSITIVE",
            step = 5,
            must =
                    "Role names are case-insensitive: a role written as Role-Mixed-Case lists, reads, logs in and is deleted under any case, and is listed in lower case")
    void roleNamesIgnoreCase() {
        // Given a role written under a mixed-case name
        String rolePath = "auth/" + guide.names().authPath() + "/role/";
        guide.inVault().writeRoleLikeTheGuides("Role-Mixed-Case", Map.of());
        // When it is listed, read and used under other cases, then deleted under another one
        VaultResponse list = guide.vaultAsRoot().list(rolePath);
        VaultResponse read = guide.vaultAsRoot().read(rolePath + "ROLE-MIXED-CASE");
        VaultResponse login = guide.login("role-mixed-case", guide.serviceAccountToken(TokenKind.TOKEN_REQUEST));
        guide.vaultAsRoot().delete(rolePath + "rOLE-mIXED-cASE");
        // Then every case names the same role, listed in lower case, and it is gone after the delete
        assertThat(list.data().get("keys"))
                .asInstanceOf(InstanceOfAssertFactories.LIST)
                .contains("role-mixed-case")
                .doesNotContain("Role-Mixed-Case");
        assertThat(read.data()).containsEntry("bound_service_account_names", List.of("default"));
        assertThat(login).hasStatus(200);
        assertThat(guide.vaultAsRoot().read(rolePath + "role-mixed-case")).hasStatus(404);
    }

    @Test
    @Order(15)
    @Check(
            id = "ROLE-TTL-LIMITS-REFUSED",
            step = 5,
            must =
                    "A role whose token_ttl exceeds its token_max_ttl (under their token_ or legacy names), or whose token_period exceeds the mount's maximum lease TTL, is refused with 400;"
                            + " token_ttl equal to token_max_ttl, and token_period equal to the mount's maximum, are kept",
            parameters = {"role/token_ttl", "role/token_max_ttl", "role/token_period", "role/ttl", "role/max_ttl"})
    void ttlsBeyondTheirLimitsAreRefused() {
        // Given the guide's role with token_ttl equal to token_max_ttl, and with token_period equal to the mount's
        // 768h, accepted
        String rolePath = "auth/" + guide.names().authPath() + "/role/";
        assertThat(guide.vaultAsRoot()
                        .write(
                                rolePath + "role-ttl-at-max",
                                roleWith(
                                        Map.of("token_ttl", "1h", "token_max_ttl", "1h", "audience", AUDIENCE), "ttl")))
                .as("token_ttl equal to token_max_ttl")
                .hasStatus(204);
        assertThat(guide.vaultAsRoot()
                        .write(
                                rolePath + "role-period-at-mount",
                                roleWith(Map.of("token_period", "2764800s", "audience", AUDIENCE))))
                .as("token_period equal to the mount's maximum lease TTL")
                .hasStatus(204);
        // When copies go one second beyond: token_ttl over token_max_ttl, and token_period over the mount's 768h
        VaultResponse ttl = guide.vaultAsRoot()
                .write(
                        rolePath + "role-ttl-over-max",
                        roleWith(Map.of("token_ttl", "3601s", "token_max_ttl", "1h"), "ttl"));
        VaultResponse period = guide.vaultAsRoot()
                .write(rolePath + "role-period-over-mount", roleWith(Map.of("token_period", "2764801s")));
        VaultResponse legacyTtl = guide.vaultAsRoot()
                .write(rolePath + "role-legacy-ttl-over-max", roleWith(Map.of("ttl", "3601s", "max_ttl", "1h")));
        // Then all are refused, saying which limit (the legacy names are checked by the auth method itself)
        assertThat(ttl).isRefusedWith(400, "'token_ttl' cannot be greater than 'token_max_ttl'");
        assertThat(legacyTtl)
                .as("ttl over max_ttl, by their legacy names")
                .isRefusedWith(400, "token ttl should not be greater than token max ttl");
        assertThat(period).isRefusedWith(400, "is greater than the backend's maximum lease TTL");
        assertThat(guide.vaultAsRoot().read(rolePath + "role-ttl-over-max")).hasStatus(404);
    }

    @Test
    @Order(16)
    @DiffersBetweenReleases(
            what = "the warning on a role written without an audience",
            vault =
                    "none before 1.20; from 1.20 (auth method v0.22.2) that 1.21 will require one; from 1.21 (v0.23.0) that one is advised",
            openbao = "none",
            evidence =
                    "observed: Vault 1.14.8 with auth method v0.16.0 to v0.21.0 and OpenBao 2.6.1 to 2.7.2 give none; with v0.22.2,"
                            + " v0.23.1 and v0.24.1 the two wordings")
    @Check(
            id = "ROLE-WITHOUT-AUDIENCE-WARNING",
            step = 5,
            must =
                    "A role written without an audience is kept; from Vault 1.20 with a warning naming it and advising an audience, and never one"
                            + " with an audience",
            parameters = {"role/audience"})
    void roleWithoutAnAudienceIsWarnedAboutFromVault120() {
        // Given the guide's role (no audience), and a copy of it with one
        // When both are written
        VaultResponse without =
                guide.inVault().writeRole("role-no-audience", guide.inVault().demoRole());
        VaultResponse with = guide.inVault().writeRole("role-with-audience", roleWith(Map.of("audience", AUDIENCE)));
        // Then only the one without an audience may be warned about, as the release says
        String release = guide.spec().releaseOfItsAuthMethod();
        boolean vault = guide.spec().kind() == ServerKind.VAULT;
        Object expected = !vault || Versions.compare(release, "1.20.0") < 0
                ? null
                : List.of(
                        Versions.compare(release, "1.21.0") < 0
                                ? "Role role-no-audience does not have an audience. In Vault v1.21+, specifying an audience on roles will be required."
                                : "Role role-no-audience does not have an audience configured. While audiences are not required, consider specifying one"
                                        + " if your use case would benefit from additional JWT claim verification.");
        assertThat(without.body().get("warnings"))
                .as("warnings of the role without an audience")
                .isEqualTo(expected);
        assertThat(with.body().get("warnings"))
                .as("warnings of the role with one")
                .isNull();
        assertThat(guide.vaultAsRoot().read("auth/" + guide.names().authPath() + "/role/role-no-audience"))
                .hasStatus(200);
    }

    @Test
    @Order(17)
    @Check(
            id = "ALIAS-NAME-SOURCE-DEFAULT",
            step = 5,
            must =
                    "A role written without alias_name_source, or with it empty, names aliases by the ServiceAccount's UID (serviceaccount_uid)",
            parameters = {"role/alias_name_source"})
    void aliasNameSourceDefaultsToTheUid() {
        // Given roles written without alias_name_source and with it empty
        String rolePath = "auth/" + guide.names().authPath() + "/role/";
        VaultResponse unset =
                guide.inVault().writeRole("role-alias-source-unset", roleWith(Map.of("audience", AUDIENCE)));
        VaultResponse empty = guide.inVault()
                .writeRole("role-alias-source-empty", roleWith(Map.of("audience", AUDIENCE, "alias_name_source", "")));
        // When they are read back
        VaultResponse unsetRead = guide.vaultAsRoot().read(rolePath + "role-alias-source-unset");
        VaultResponse emptyRead = guide.vaultAsRoot().read(rolePath + "role-alias-source-empty");
        // Then both are kept with the default
        assertThat(unset).as("the role without alias_name_source").hasStatus(204);
        assertThat(empty).as("the role with an empty alias_name_source").hasStatus(204);
        assertThat(unsetRead.data()).containsEntry("alias_name_source", "serviceaccount_uid");
        assertThat(emptyRead.data()).containsEntry("alias_name_source", "serviceaccount_uid");
    }

    @Test
    @Order(18)
    @Check(
            id = "LEGACY-STORED-ROLE-READ",
            step = 5,
            must =
                    "A role stored as releases before the token_ parameters stored it (policies, ttl, max_ttl, num_uses, period and"
                            + " bound CIDRs under their old names only) reads back with each under its token_ name, and its logins carry them; one"
                            + " stored with negative legacy durations (kept up to Vault 0.10) reads back with none",
            parameters = {
                "role/policies",
                "role/ttl",
                "role/max_ttl",
                "role/num_uses",
                "role/period",
                "role/bound_cidrs"
            })
    void roleStoredByAnOlderReleaseReadsAsTokenParameters() {
        // Given a role of the guide's mount stored with the legacy fields alone (durations in nanoseconds), as an older
        // release left it in storage, written there through sys/raw (dev servers enable it); it goes with the mount
        String role = "role-stored-by-an-older-release";
        VaultResponse stored = guide.inVault()
                .writeMountStorageAsAnOlderRelease(
                        guide.names().authPath(),
                        "role/" + role,
                        Map.of(
                                "bound_service_account_names",
                                List.of(Guide.SERVICE_ACCOUNT),
                                "bound_service_account_namespaces",
                                List.of(guide.names().namespace()),
                                "policies",
                                List.of(guide.names().policy()),
                                "ttl",
                                600_000_000_000L,
                                "max_ttl",
                                3_600_000_000_000L,
                                "num_uses",
                                1,
                                "period",
                                900_000_000_000L,
                                "BoundCIDRs",
                                List.of("0.0.0.0/0")));
        // When it is read back and default/default logs in through it
        VaultResponse read = guide.vaultAsRoot().read("auth/" + guide.names().authPath() + "/role/" + role);
        VaultResponse login = guide.login(role, guide.serviceAccountToken(TokenKind.TOKEN_REQUEST));
        // Then each legacy field reads back under its token_ name, and the token carries them
        assertThat(stored).hasStatus(204);
        assertThat(read).hasStatus(200);
        assertThat(read.data())
                .containsEntry("token_policies", List.of(guide.names().policy()))
                .containsEntry("token_ttl", 600)
                .containsEntry("token_max_ttl", 3600)
                .containsEntry("token_num_uses", 1)
                .containsEntry("token_period", 900)
                .containsEntry("token_bound_cidrs", List.of("0.0.0.0/0"));
        assertThat(login).hasStatus(200);
        assertThat(login.auth().get("token_policies"))
                .isEqualTo(List.of("default", guide.names().policy()));
        assertThat(login.auth().get("lease_duration"))
                .as("login lease_duration (the period)")
                .isEqualTo(900);
        // And a role stored with negative legacy durations, as releases up to Vault 0.10 kept them, reads back with
        // none
        VaultResponse negative = guide.inVault()
                .writeMountStorageAsAnOlderRelease(
                        guide.names().authPath(),
                        "role/" + role + "-negative",
                        Map.of(
                                "bound_service_account_names",
                                List.of(Guide.SERVICE_ACCOUNT),
                                "bound_service_account_namespaces",
                                List.of(guide.names().namespace()),
                                "ttl",
                                -60_000_000_000L,
                                "max_ttl",
                                -120_000_000_000L,
                                "period",
                                -30_000_000_000L));
        assertThat(negative).hasStatus(204);
        assertThat(guide.vaultAsRoot()
                        .read("auth/" + guide.names().authPath() + "/role/" + role + "-negative")
                        .data())
                .as("the role stored with negative legacy durations")
                .containsEntry("token_ttl", 0)
                .containsEntry("token_max_ttl", 0)
                .containsEntry("token_period", 0);
    }

    /** The guide's role without the named parameters, and with these changed or added. */
    private Map<String, Object> roleWith(Map<String, ?> changes, String... dropped) {
        Map<String, Object> role = new LinkedHashMap<>(guide.inVault().demoRole());
        for (String key : dropped) {
            role.remove(key);
        }
        role.putAll(changes);
        return role;
    }

    @Test
    @Order(30)
    @Check(
            id = "ROLE-UNREADABLE-IS-AN-ERROR",
            step = 5,
            must =
                    "A role whose token_bound_cidrs hold a value that is no address (\".x\", taken for a Unix socket path) is refused with 400,"
                            + " or, once stored, every read, login and renewal through it fails with 500 naming the value: it is never answered as if the"
                            + " role did not exist",
            parameters = {"role/token_bound_cidrs"})
    void roleStoredWithAnAddressItCannotReadIsAnErrorNotAnAbsence() {
        // Given a token issued through a role like the guide's, which admits the workload
        String role = guide.inVault().writeRoleLikeTheGuides("role-cidr-socket-path", Map.of());
        VaultClient workload = guide.loggedInThrough(role);
        // When the role is rewritten with a bound CIDR ".x", and read, logged in through and renewed through
        VaultResponse rewrite = guide.inVault().writeRole(role, Map.of("token_bound_cidrs", List.of(".x")));
        VaultResponse read = guide.vaultAsRoot().read("auth/" + guide.names().authPath() + "/role/" + role);
        VaultResponse login = guide.login(role, guide.serviceAccountToken(TokenKind.TOKEN_REQUEST));
        VaultResponse renewal = workload.write("auth/token/renew-self", Map.of());
        // Then either the value was refused and the role is as it was, or each answer is an error naming it
        if (rewrite.status() == 400) {
            assertThat(read).hasStatus(200);
            assertThat(login).hasStatus(200);
        } else {
            assertThat(rewrite.status())
                    .as("the rewrite (204, or 200 with warnings from Vault 1.20)")
                    .isIn(200, 204);
            assertThat(read).as("the read").isRefusedWith(500, "Unable to convert \"\\\".x\\\"\"");
            assertThat(login).as("the login").isRefusedWith(500, "Unable to convert \"\\\".x\\\"\"");
            assertThat(renewal)
                    .as("the renewal")
                    .isRefusedWith(500, "failed to validate role " + role + " during renewal");
            assertThat(renewal).as("the renewal").isRefusedWith(500, "Unable to convert \"\\\".x\\\"\"");
        }
    }

    /** A role of the guide's namespace and bound name, with these parameters instead of the guide's policies and TTL. */
    private String writeRole(String name, Map<String, ?> parameters) {
        guide.inVault().writeRole(name, roleWith(parameters, "policies", "ttl"));
        return name;
    }
}
