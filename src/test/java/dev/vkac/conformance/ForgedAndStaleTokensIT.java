package dev.vkac.conformance;

import static dev.vkac.conformance.VaultResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vkac.clients.VaultResponse;
import dev.vkac.config.ServerKind;
import dev.vkac.config.Versions;
import dev.vkac.fixtures.ForgedJwt;
import dev.vkac.fixtures.Guide;
import dev.vkac.fixtures.ServiceAccountTokens;
import dev.vkac.fixtures.TokenKind;
import dev.vkac.junit.Check;
import dev.vkac.junit.ConformanceTest;
import dev.vkac.junit.DiffersBetweenReleases;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * Guide step 6 against an attacker: tokens that were never issued, or that no longer count because what they
 * stand for is gone. Without {@code pem_keys} Vault checks no signature itself: only the TokenReview API
 * stands between these tokens and a login. The API server caches a token's successful authentication for about
 * ten seconds, so the token a check expects refused is never presented before what it stands for is gone:
 * a second token of the same kind shows that the role admitted it until then.
 */
@ConformanceTest
public class ForgedAndStaleTokensIT extends GuideConformance {

    static final String OBSERVED_WITHOUT_IDENTITY =
            "observed: Vault 1.14.8 with its own auth method and with v0.16.0 to v0.24.1, and"
                    + " OpenBao 2.6.1 to 2.7.0, answer 500 naming the claim; OpenBao 2.7.1 and 2.7.2 answer 403 \"permission denied\"";

    static final String STALE_ROLE = "stale-token-role";
    static final String DELETED = "vkac-deleted";
    static final String RECREATED = "vkac-recreated";
    static final String LEGACY = "vkac-legacy";

    @BeforeParameterizedClassInvocation
    static void addARoleForTheServiceAccountsThatWillGo(Guide guide) {
        guide.inVault()
                .writeRole(
                        STALE_ROLE,
                        Map.of(
                                "bound_service_account_names",
                                List.of(DELETED, RECREATED, LEGACY),
                                "bound_service_account_namespaces",
                                List.of(guide.names().namespace()),
                                "policies",
                                List.of(guide.names().policy()),
                                "ttl",
                                "1h"));
    }

    @Test
    @Order(1)
    @Check(
            id = "FORGED-SIGNATURE-REFUSED",
            step = 6,
            must =
                    "A JWT with the claims and expiry of a genuine token of default/default but a signature nobody trusted is refused with 403 \"permission denied\"")
    void forgedSignatureIsRefused() {
        // Given a genuine token of default/default, and a copy of it signed by a key the cluster never saw
        String genuine = guide.serviceAccountToken(TokenKind.TOKEN_REQUEST);
        String forged = ForgedJwt.withUnknownKey().resign(genuine);
        // When both log in through demo-role
        VaultResponse genuineLogin = guide.login(Guide.ROLE, genuine);
        VaultResponse forgedLogin = guide.login(Guide.ROLE, forged);
        // Then only the genuine one is admitted
        assertThat(genuineLogin).as("the genuine token").hasStatus(200);
        assertThat(forgedLogin).isLoginRefusedWith(403, "permission denied");
    }

    @Test
    @Order(2)
    @Check(
            id = "DELETED-SA-TOKEN-REFUSED",
            step = 6,
            must = "A token of a ServiceAccount that was deleted is refused with 403 \"permission denied\"")
    void tokenOfADeletedServiceAccountIsRefused() {
        // Given a ServiceAccount the role binds (one of its tokens logs in) and another token of it, not yet used
        ServiceAccount account = guide.inKubernetes().createServiceAccount(DELETED);
        VaultResponse before = guide.login(STALE_ROLE, guide.inKubernetes().tokenFor(DELETED));
        String jwt = guide.inKubernetes().tokenFor(DELETED);
        // When the ServiceAccount is deleted, and the API server no longer authenticates its token
        guide.inKubernetes().objects().deleteNow(account);
        guide.inKubernetes().apiServer().awaitTokenNoLongerAuthenticated(jwt);
        // Then the token no longer logs in
        assertThat(before).as("login before the deletion").hasStatus(200);
        assertThat(guide.login(STALE_ROLE, jwt)).isLoginRefusedWith(403, "permission denied");
    }

    @Test
    @Order(3)
    @Check(
            id = "RECREATED-SA-TOKEN-REFUSED",
            step = 6,
            must =
                    "A token of a ServiceAccount that was deleted and re-created under the same name (a new UID) is refused with 403; the new one's token logs in with the new UID")
    void tokenOfAReplacedServiceAccountIsRefused() {
        // Given a token of a ServiceAccount the role binds
        ServiceAccount original = guide.inKubernetes().createServiceAccount(RECREATED);
        String oldJwt = guide.inKubernetes().tokenFor(RECREATED);
        // When the ServiceAccount is deleted and another is created under its name
        guide.inKubernetes().objects().deleteNow(original);
        ServiceAccount replacement = guide.inKubernetes().createServiceAccount(RECREATED);
        guide.inKubernetes().apiServer().awaitTokenNoLongerAuthenticated(oldJwt);
        // Then the old token is refused, and the new account's token logs in as the new UID
        assertThat(replacement.getMetadata().getUid())
                .isNotEqualTo(original.getMetadata().getUid());
        assertThat(guide.login(STALE_ROLE, oldJwt)).isLoginRefusedWith(403, "permission denied");
        VaultResponse fresh = guide.login(STALE_ROLE, guide.inKubernetes().tokenFor(RECREATED));
        assertThat(fresh).hasStatus(200);
        assertThat(fresh.auth().get("metadata"))
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("service_account_uid", replacement.getMetadata().getUid());
    }

    @Test
    @Order(4)
    @Check(
            id = "LEGACY-TOKEN-SECRET-DELETED",
            step = 6,
            must = "A legacy Secret token is refused with 403 \"permission denied\" once its Secret is deleted")
    void legacyTokenIsRefusedOnceItsSecretIsGone() {
        // Given a ServiceAccount the role binds (a legacy token of it logs in), and a second legacy token Secret, not
        // yet used
        guide.inKubernetes().createServiceAccount(LEGACY);
        VaultResponse before = guide.login(
                STALE_ROLE,
                ServiceAccountTokens.legacyTokenIn(guide.inKubernetes()
                        .objects()
                        .createLegacyTokenSecret(guide.names().namespace(), LEGACY, LEGACY + "-token")));
        Secret secret = guide.inKubernetes()
                .objects()
                .createLegacyTokenSecret(guide.names().namespace(), LEGACY, LEGACY + "-token-to-delete");
        String jwt = ServiceAccountTokens.legacyTokenIn(secret);
        // When that Secret is deleted, and the API server no longer authenticates its token
        guide.inKubernetes().objects().deleteNow(secret);
        guide.inKubernetes().apiServer().awaitTokenNoLongerAuthenticated(jwt);
        // Then the token no longer logs in
        assertThat(before).as("login before the deletion").hasStatus(200);
        assertThat(guide.login(STALE_ROLE, jwt)).isLoginRefusedWith(403, "permission denied");
    }

    @Test
    @Order(5)
    @Check(
            id = "POD-BOUND-TOKEN-LOGIN",
            step = 6,
            must =
                    "A token bound to a Pod logs in while the Pod exists, with the ServiceAccount's metadata and no Secret name")
    void podBoundTokenLogsInWhileThePodExists() {
        // Given a Pod of default/default and a token bound to it
        Pod pod = guide.inKubernetes()
                .objects()
                .createUnschedulablePod(guide.names().namespace(), "vkac-workload", Guide.SERVICE_ACCOUNT);
        String jwt = guide.inKubernetes().objects().tokens().tokenBoundTo(pod);
        // When it logs in through demo-role
        VaultResponse login = guide.login(Guide.ROLE, jwt);
        // Then
        assertThat(login).hasStatus(200);
        assertThat(login.auth().get("metadata"))
                .as("metadata")
                .isEqualTo(Map.of(
                        "role",
                        Guide.ROLE,
                        "service_account_name",
                        Guide.SERVICE_ACCOUNT,
                        "service_account_namespace",
                        guide.names().namespace(),
                        "service_account_uid",
                        guide.inKubernetes().workload().getMetadata().getUid(),
                        "service_account_secret_name",
                        ""));
    }

    @Test
    @Order(6)
    @Check(
            id = "POD-BOUND-TOKEN-AFTER-POD",
            step = 6,
            must = "A token bound to a Pod is refused with 403 \"permission denied\" once the Pod is deleted")
    void podBoundTokenIsRefusedOnceThePodIsGone() {
        // Given a Pod, and two tokens bound to it: one logs in, the other is not used yet
        Pod pod = guide.inKubernetes()
                .objects()
                .createUnschedulablePod(guide.names().namespace(), "vkac-deleted-workload", Guide.SERVICE_ACCOUNT);
        VaultResponse before =
                guide.login(Guide.ROLE, guide.inKubernetes().objects().tokens().tokenBoundTo(pod));
        String jwt = guide.inKubernetes().objects().tokens().tokenBoundTo(pod);
        // When the Pod is deleted, and the API server no longer authenticates the token
        guide.inKubernetes().objects().deleteNow(pod);
        guide.inKubernetes().apiServer().awaitTokenNoLongerAuthenticated(jwt);
        // Then the token no longer logs in
        assertThat(before).as("login while the Pod existed").hasStatus(200);
        assertThat(guide.login(Guide.ROLE, jwt)).isLoginRefusedWith(403, "permission denied");
    }

    @Test
    @Order(7)
    @Check(
            id = "FOREIGN-ISSUER-TOKEN-REFUSED",
            step = 6,
            must =
                    "A JWT with the claims of a genuine token of default/default but another issuer, which the API server does not"
                            + " take for one of its own, is refused with 403 \"permission denied\"")
    void tokenOfAnotherIssuerIsRefused() {
        // Given a genuine token of default/default, and a copy of it from another issuer (the API server answers such a
        // TokenReview "not authenticated" without an error)
        String genuine = guide.serviceAccountToken(TokenKind.TOKEN_REQUEST);
        String foreign = ForgedJwt.withUnknownKey().resign(genuine, Map.of("iss", "https://issuer.invalid"));
        // When both log in through demo-role, whose mount does not validate issuers
        VaultResponse genuineLogin = guide.login(Guide.ROLE, genuine);
        VaultResponse foreignLogin = guide.login(Guide.ROLE, foreign);
        // Then only the genuine one is admitted
        assertThat(genuineLogin).as("the genuine token").hasStatus(200);
        assertThat(foreignLogin).isLoginRefusedWith(403, "permission denied");
    }

    @Test
    @Order(8)
    @DiffersBetweenReleases(
            what = "a forged token without the claim the alias is named by",
            vault =
                    "500 naming the missing claim, before any TokenReview (every auth method release, v0.16.0 to v0.24.1)",
            openbao = "the same before 2.7.1; from 2.7.1, 403 \"permission denied\"",
            evidence = OBSERVED_WITHOUT_IDENTITY)
    @Check(
            id = "FORGED-TOKEN-WITHOUT-UID-REFUSED",
            step = 6,
            must =
                    "A JWT with the claims of a genuine token of default/default but no ServiceAccount UID (the alias's name) is"
                            + " refused: with 500 \"could not parse UID from claims\" before any TokenReview, or (OpenBao from 2.7.1) with 403"
                            + " \"permission denied\"; never an empty success",
            parameters = {"role/alias_name_source"})
    void tokenWithoutServiceAccountUidIsRefused() {
        // Given a genuine token of default/default, and a copy of it whose kubernetes.io claim names the ServiceAccount
        // without its UID, under a signature nobody trusts (the guide's mount checks none itself)
        String genuine = guide.serviceAccountToken(TokenKind.TOKEN_REQUEST);
        String withoutUid = ForgedJwt.withUnknownKey()
                .resign(
                        genuine,
                        Map.of(
                                "kubernetes.io",
                                Map.of(
                                        "namespace",
                                        guide.names().namespace(),
                                        "serviceaccount",
                                        Map.of("name", Guide.SERVICE_ACCOUNT))));
        // When both log in through demo-role
        VaultResponse genuineLogin = guide.login(Guide.ROLE, genuine);
        VaultResponse login = guide.login(Guide.ROLE, withoutUid);
        // Then only the genuine one is admitted; the other has no UID to name its alias by
        assertThat(genuineLogin).as("the genuine token").hasStatus(200);
        assertThat(login)
                .isLoginRefusedWith(
                        refusesTokensWithoutIdentityAsDenied() ? 403 : 500,
                        refusesTokensWithoutIdentityAsDenied()
                                ? "permission denied"
                                : "could not parse UID from claims");
    }

    @Test
    @Order(9)
    @DiffersBetweenReleases(
            what = "a forged token without the claim the alias is named by",
            vault =
                    "500 naming the missing claim, before any TokenReview (every auth method release, v0.16.0 to v0.24.1)",
            openbao = "the same before 2.7.1; from 2.7.1, 403 \"permission denied\"",
            evidence = OBSERVED_WITHOUT_IDENTITY)
    @Check(
            id = "FORGED-TOKEN-WITHOUT-NAMESPACE-REFUSED",
            step = 6,
            must =
                    "Through a role naming aliases by ServiceAccount name and bound to every namespace, a JWT with the claims of a"
                            + " genuine token of default/default but no namespace is refused: with 500 \"service account namespace and name"
                            + " must be set\", or (OpenBao from 2.7.1) with 403 \"permission denied\"; never an empty success",
            parameters = {"role/alias_name_source", "role/bound_service_account_namespaces"})
    void tokenWithoutNamespaceIsRefusedWhereAliasesAreNamedByName() {
        // Given a role like the guide's naming aliases by namespace/name and bound to every namespace, a genuine token
        // of
        // default/default, and a copy of it whose kubernetes.io claim has no namespace, under a signature nobody trusts
        String role = guide.inVault()
                .writeRoleLikeTheGuides(
                        "alias-by-name-any-namespace",
                        Map.of(
                                "alias_name_source",
                                "serviceaccount_name",
                                "bound_service_account_namespaces",
                                List.of("*")));
        String genuine = guide.serviceAccountToken(TokenKind.TOKEN_REQUEST);
        Map<?, ?> identity = (Map<?, ?>) ForgedJwt.claimsOf(genuine).get("kubernetes.io");
        String withoutNamespace = ForgedJwt.withUnknownKey()
                .resign(
                        genuine,
                        Map.of(
                                "kubernetes.io",
                                Map.of("namespace", "", "serviceaccount", identity.get("serviceaccount"))));
        // When both log in through that role
        VaultResponse genuineLogin = guide.login(role, genuine);
        VaultResponse login = guide.login(role, withoutNamespace);
        // Then only the genuine one is admitted; the other has no namespace to name its alias by
        assertThat(genuineLogin).as("the genuine token").hasStatus(200);
        assertThat(login)
                .isLoginRefusedWith(
                        refusesTokensWithoutIdentityAsDenied() ? 403 : 500,
                        refusesTokensWithoutIdentityAsDenied()
                                ? "permission denied"
                                : "service account namespace and name must be set");
    }

    @Test
    @Order(10)
    @Check(
            id = "FORGED-TOKEN-CLAIM-OF-WRONG-TYPE-REFUSED",
            step = 6,
            must =
                    "A JWT with the claims of a genuine token of default/default but its kubernetes.io claim a string, not an object,"
                            + " is refused with 500 saying the claim is no map (it cannot be decoded), never judged on what could be decoded")
    void tokenWithAClaimOfTheWrongTypeIsRefused() {
        // Given a genuine token of default/default, and a copy of it whose kubernetes.io claim is a string, under a
        // signature nobody trusts
        String genuine = guide.serviceAccountToken(TokenKind.TOKEN_REQUEST);
        String wrongType = ForgedJwt.withUnknownKey().resign(genuine, Map.of("kubernetes.io", "default/default"));
        // When both log in through demo-role
        VaultResponse genuineLogin = guide.login(Guide.ROLE, genuine);
        VaultResponse login = guide.login(Guide.ROLE, wrongType);
        // Then only the genuine one is admitted; the other's claims cannot be decoded
        assertThat(genuineLogin).as("the genuine token").hasStatus(200);
        assertThat(login).hasStatus(500).hasErrorContaining("expected a map");
    }

    /** OpenBao from 2.7.1 answers a token without the claim an alias is named by as any refused token. */
    private boolean refusesTokensWithoutIdentityAsDenied() {
        return guide.spec().kind() == ServerKind.OPENBAO
                && Versions.compare(guide.spec().version(), "2.7.1") >= 0;
    }
}
