package dev.vkac.conformance;

import static dev.vkac.conformance.VaultResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vkac.clients.VaultClient;
import dev.vkac.clients.VaultResponse;
import dev.vkac.config.ServerKind;
import dev.vkac.config.Versions;
import dev.vkac.fixtures.ForgedJwt;
import dev.vkac.fixtures.Guide;
import dev.vkac.fixtures.TokenKind;
import dev.vkac.junit.Check;
import dev.vkac.junit.ConformanceTest;
import dev.vkac.junit.DiffersBetweenReleases;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * Guide step 6, the other way round: logins that must be refused, each with the status and message
 * real servers give.
 */
@ConformanceTest
public class LoginErrorsIT extends GuideConformance {

    /** A namespace every cluster has, whose default ServiceAccount demo-role does not bind. */
    static final String AUDIENCE_ROLE = "demo-role-with-audience";

    static final String AUDIENCE = "vault";

    @BeforeParameterizedClassInvocation
    static void addARoleWithAnAudience(Guide guide) {
        guide.inVault()
                .writeRole(
                        AUDIENCE_ROLE,
                        Map.of(
                                "bound_service_account_names",
                                List.of("default"),
                                "bound_service_account_namespaces",
                                List.of(guide.names().namespace()),
                                "policies",
                                List.of(guide.names().policy()),
                                "audience",
                                AUDIENCE,
                                "ttl",
                                "1h"));
    }

    @Test
    @Order(1)
    @Check(
            id = "LOGIN-UNKNOWN-ROLE",
            step = 6,
            must = "Login through a role that does not exist is refused with 400 and names the role")
    void loginThroughAnUnknownRoleIsRefused() {
        // Given a valid token of default/default
        String jwt = guide.serviceAccountToken(TokenKind.TOKEN_REQUEST);
        // When it logs in through a role that does not exist
        VaultResponse login = guide.login("no-such-role", jwt);
        // Then
        assertThat(login).isLoginRefusedWith(400, "invalid role name \"no-such-role\"");
    }

    @Test
    @Order(2)
    @Check(id = "LOGIN-MISSING-JWT", step = 6, must = "Login without a JWT is refused with 400 \"missing jwt\"")
    void loginWithoutAJwtIsRefused() {
        // When a login names the role but sends no JWT
        VaultResponse login =
                guide.vaultAnonymous().write("auth/" + guide.names().authPath() + "/login", Map.of("role", Guide.ROLE));
        // Then
        assertThat(login).isLoginRefusedWith(400, "missing jwt");
    }

    @Test
    @Order(2)
    @Check(
            id = "LOGIN-MISSING-ROLE",
            step = 6,
            must =
                    "Login without a role is refused with 400 \"missing role\"; the same JWT through demo-role is admitted")
    void loginWithoutARoleIsRefused() {
        // Given a valid token of default/default, which demo-role admits
        String jwt = guide.serviceAccountToken(TokenKind.TOKEN_REQUEST);
        assertThat(guide.login(Guide.ROLE, jwt))
                .as("the same JWT through demo-role")
                .hasStatus(200);
        // When a login sends the JWT but names no role
        VaultResponse login =
                guide.vaultAnonymous().write("auth/" + guide.names().authPath() + "/login", Map.of("jwt", jwt));
        // Then
        assertThat(login).isLoginRefusedWith(400, "missing role");
    }

    @Test
    @Order(2)
    @DiffersBetweenReleases(
            what = "a role name holding \"..\"",
            vault =
                    "refused by Vault's storage: 400 \"relative paths not supported\" to login, read and delete (every auth method release)",
            openbao = "its storage takes the key: an unknown role (login 400 invalid role name, read 404, delete 204)",
            evidence =
                    "observed: Vault 1.14.8 with its own auth method and with v0.16.0 to v0.24.1; OpenBao 2.6.1 to 2.7.2")
    @Check(
            id = "ROLE-NAME-NOT-A-STORAGE-KEY",
            step = 6,
            must =
                    "A role name holding \"..\" is refused by login, read and delete with Vault storage's 400 \"relative paths not"
                            + " supported\" (never an empty success), or, where the storage takes such keys, answered as any unknown role;"
                            + " the same JWT through demo-role is admitted")
    void roleNameThatIsNoStorageKeyIsRefused() {
        // Given a valid token of default/default, which demo-role admits
        String jwt = guide.serviceAccountToken(TokenKind.TOKEN_REQUEST);
        assertThat(guide.login(Guide.ROLE, jwt))
                .as("the same JWT through demo-role")
                .hasStatus(200);
        // When it logs in through a role name holding "..", and that role is read and deleted
        VaultResponse login = guide.login("demo..role", jwt);
        VaultResponse read = guide.vaultAsRoot().read("auth/" + guide.names().authPath() + "/role/demo..role");
        VaultResponse delete =
                guide.vaultAsRoot().delete("auth/" + guide.names().authPath() + "/role/demo..role");
        // Then the storage's refusal reaches the caller each time, or the name is that of a role that does not exist
        if (guide.spec().kind() == ServerKind.VAULT) {
            assertThat(login).isLoginRefusedWith(400, "relative paths not supported");
            assertThat(read).as("the read").isRefusedWith(400, "relative paths not supported");
            assertThat(delete).as("the delete").isRefusedWith(400, "relative paths not supported");
        } else {
            assertThat(login).isLoginRefusedWith(400, "invalid role name \"demo..role\"");
            assertThat(read).as("the read").hasStatus(404);
            assertThat(delete).as("the delete").hasStatus(204);
        }
    }

    @Test
    @Order(3)
    @Check(
            id = "LOGIN-MALFORMED-JWT",
            step = 6,
            must =
                    "Login with a string that is not a JWT, or with a genuine token whose claims are not JSON, is refused with 403 \"permission denied\"")
    void loginWithAMalformedJwtIsRefused() {
        // Given a genuine token of default/default, which demo-role admits, and a copy whose claims part is not JSON
        String genuine = guide.serviceAccountToken(TokenKind.TOKEN_REQUEST);
        assertThat(guide.login(Guide.ROLE, genuine)).as("the genuine token").hasStatus(200);
        String[] parts = genuine.split("\\.");
        String claimsNotJson = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString("not json".getBytes(StandardCharsets.US_ASCII))
                + "." + parts[2];
        // When a login sends something that is not a JWT, and one sends that copy
        VaultResponse notAJwt = guide.login(Guide.ROLE, "not-a-jwt");
        VaultResponse notJsonClaims = guide.login(Guide.ROLE, claimsNotJson);
        // Then
        assertThat(notAJwt).isLoginRefusedWith(403, "permission denied");
        assertThat(notJsonClaims).as("claims that are not JSON").isLoginRefusedWith(403, "permission denied");
    }

    @Test
    @Order(4)
    @Check(
            id = "LOGIN-SA-NOT-BOUND",
            step = 6,
            must =
                    "Login with a token of a ServiceAccount the role does not name is refused with 403 \"service account name not authorized\"",
            parameters = {"role/bound_service_account_names"})
    void loginAsAnotherServiceAccountIsRefused() {
        // Given a valid token of another ServiceAccount in the bound namespace (the reviewer)
        String jwt = guide.inKubernetes().tokenFor(Guide.REVIEWER);
        // When it logs in through demo-role
        VaultResponse login = guide.login(Guide.ROLE, jwt);
        // Then
        assertThat(login).isLoginRefusedWith(403, "service account name not authorized");
    }

    @Test
    @Order(5)
    @Check(
            id = "LOGIN-NAMESPACE-NOT-BOUND",
            step = 6,
            must =
                    "Login with a token of ServiceAccount default from another namespace is refused with 403 \"namespace not authorized\"",
            parameters = {"role/bound_service_account_namespaces"})
    void loginFromAnotherNamespaceIsRefused() {
        // Given a valid token of the ServiceAccount default in another namespace
        String jwt = guide.inKubernetes().tokenIn(guide.inKubernetes().otherNamespace(), "default", List.of());
        // When it logs in through demo-role
        VaultResponse login = guide.login(Guide.ROLE, jwt);
        // Then
        assertThat(login).isLoginRefusedWith(403, "namespace not authorized");
    }

    @Test
    @Order(5)
    @DiffersBetweenReleases(
            what = "which binding is checked first",
            vault = "the namespace before 1.16.0, the name from 1.16.0 (auth method v0.18)",
            openbao = "the name",
            evidence =
                    "observed: Vault 1.14.8 403 \"namespace not authorized\"; OpenBao 2.6.1 to 2.7.2 403 \"service account name not"
                            + " authorized\". Vault 1.16 and later: read in the auth method's source, not yet observed here")
    @Check(
            id = "LOGIN-NAME-AND-NAMESPACE-NOT-BOUND",
            step = 6,
            must =
                    "Login with a token whose ServiceAccount and namespace are both unbound is refused with 403, naming the binding checked first: the namespace before Vault 1.16, the name from Vault 1.16 and on OpenBao")
    void loginWithNeitherNameNorNamespaceBoundIsRefused() {
        // Given a valid token of a ServiceAccount demo-role does not name, in a namespace it does not bind
        guide.inKubernetes().objects().createServiceAccount(guide.inKubernetes().otherNamespace(), "vkac-elsewhere");
        String jwt = guide.inKubernetes().tokenIn(guide.inKubernetes().otherNamespace(), "vkac-elsewhere", List.of());
        // When it logs in through demo-role
        VaultResponse login = guide.login(Guide.ROLE, jwt);
        // Then (the order changed with the auth method v0.18, in Vault 1.16; OpenBao checks the name first)
        boolean namespaceFirst = guide.spec().kind() == ServerKind.VAULT
                && Versions.compare(guide.spec().releaseOfItsAuthMethod(), "1.16.0") < 0;
        assertThat(login)
                .isLoginRefusedWith(
                        403, namespaceFirst ? "namespace not authorized" : "service account name not authorized");
    }

    @Test
    @Order(6)
    @Check(
            id = "LOGIN-AUDIENCE-MATCH",
            step = 6,
            must = "A role with an audience accepts a token issued for that audience",
            parameters = {"role/audience"})
    void loginWithTheRolesAudienceSucceeds() {
        // Given a token of default/default issued for the role's audience
        String jwt = guide.inKubernetes().tokenFor(Guide.SERVICE_ACCOUNT, List.of(AUDIENCE));
        // When it logs in through the role with an audience
        VaultResponse login = guide.login(AUDIENCE_ROLE, jwt);
        // Then
        assertThat(login).hasStatus(200);
        assertThat(login.auth().get("token_policies"))
                .isEqualTo(List.of("default", guide.names().policy()));
    }

    @Test
    @Order(7)
    @Check(
            id = "LOGIN-AUDIENCE-MISMATCH",
            step = 6,
            must =
                    "A role with an audience refuses a token issued for another audience with 403 \"invalid audience (aud) claim\"",
            parameters = {"role/audience"})
    void loginWithAnotherAudienceIsRefused() {
        // Given a token of default/default issued for the API server's default audience only
        String jwt = guide.inKubernetes().tokenFor(Guide.SERVICE_ACCOUNT);
        // When it logs in through the role with an audience
        VaultResponse login = guide.login(AUDIENCE_ROLE, jwt);
        // Then
        assertThat(login)
                .isLoginRefusedWith(
                        403, "invalid audience (aud) claim: audience claim does not match any expected audience");
    }

    @Test
    @Order(7)
    @Check(
            id = "LOGIN-LEGACY-TOKEN-AUDIENCE",
            step = 6,
            must =
                    "A role with an audience refuses a legacy Secret token, which carries no audience, with 403 \"invalid audience (aud) claim\"",
            parameters = {"role/audience"})
    void legacyTokenIsRefusedByARoleWithAnAudience() {
        // Given a legacy Secret token of default/default (no aud claim)
        String jwt = guide.serviceAccountToken(TokenKind.LEGACY_SECRET);
        // When it logs in through the role with an audience
        VaultResponse login = guide.login(AUDIENCE_ROLE, jwt);
        // Then
        assertThat(login)
                .isLoginRefusedWith(
                        403, "invalid audience (aud) claim: audience claim does not match any expected audience");
    }

    @Test
    @Order(8)
    @Check(
            id = "LOGIN-EXPIRED-JWT",
            step = 6,
            must = "Login with an expired JWT is refused with 403 and says the token is expired")
    void loginWithAnExpiredJwtIsRefused() {
        // Given the claims of a genuine token of default/default, expired an hour ago, under a forger's signature
        // (without pem_keys Vault checks no signature itself, so the expiry check is what refuses it)
        long now = Instant.now().getEpochSecond();
        String jwt = ForgedJwt.withUnknownKey()
                .resign(
                        guide.serviceAccountToken(TokenKind.TOKEN_REQUEST),
                        Map.of("iat", now - 7200, "nbf", now - 7200, "exp", now - 3600));
        // When it logs in through demo-role
        VaultResponse login = guide.login(Guide.ROLE, jwt);
        // Then
        assertThat(login).isLoginRefusedWith(403, "invalid expiration time (exp) claim: token is expired");
    }

    @Test
    @Order(9)
    @Check(
            id = "REVOKED-TOKEN-REFUSED",
            step = 7,
            must = "A token from a login, once revoked, is refused with 403 \"permission denied\"")
    void revokedTokenIsRefused() {
        // Given a token from a login, and a secret it wrote
        VaultClient workload = guide.loggedIn(TokenKind.TOKEN_REQUEST);
        VaultResponse written =
                guide.inVault().writeSecret(workload, guide.kv("demo/before-revocation"), Map.of("value", "x"));
        // When the token revokes itself and reads the secret again
        VaultResponse revoked = workload.write("auth/token/revoke-self", Map.of());
        VaultResponse afterwards = workload.read(guide.kv("demo/before-revocation"));
        // Then it worked before and is refused after
        assertThat(written).as("write before revocation").hasStatus(204);
        assertThat(revoked).hasStatus(204);
        assertThat(afterwards).isRefusedWith(403, "permission denied");
    }
}
