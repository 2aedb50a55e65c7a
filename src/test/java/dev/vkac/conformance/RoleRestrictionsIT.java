package dev.vkac.conformance;

import static dev.vkac.conformance.VaultResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vkac.clients.VaultClient;
import dev.vkac.clients.VaultResponse;
import dev.vkac.fixtures.TokenKind;
import dev.vkac.junit.Check;
import dev.vkac.junit.ConformanceTest;
import dev.vkac.targets.ClientAddresses;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Guide step 5 with the restrictions an operator adds to a role: where its tokens may be used from, how long
 * they live, how often they may be used, and what kind of token it issues.
 */
@ConformanceTest
public class RoleRestrictionsIT extends GuideConformance {

    /** TEST-NET-1 (RFC 5737): documentation addresses that no caller ever has. */
    static final String NOBODYS_CIDR = "192.0.2.0/24";

    @Test
    @Order(1)
    @Check(
            id = "CIDR-LOGIN-REFUSED",
            step = 5,
            must =
                    "Login through a role whose token_bound_cidrs exclude the caller is refused with 403 \"permission denied\"",
            parameters = {"role/token_bound_cidrs"})
    void loginFromOutsideTheBoundCidrsIsRefused() {
        // Given a role whose tokens are bound to addresses the caller does not have, and a token that the same role
        // bound to every address admits
        String role = guide.inVault()
                .writeRoleLikeTheGuides("role-bound-elsewhere", Map.of("token_bound_cidrs", List.of(NOBODYS_CIDR)));
        String everywhere = guide.inVault()
                .writeRoleLikeTheGuides(
                        "role-bound-everywhere", Map.of("token_bound_cidrs", List.of("0.0.0.0/0", "::/0")));
        String token = guide.serviceAccountToken(TokenKind.TOKEN_REQUEST);
        assertThat(guide.login(everywhere, token))
                .as("the same token through the role bound to every address")
                .hasStatus(200);
        // When default/default logs in with it through the role bound elsewhere
        VaultResponse login = guide.login(role, token);
        // Then
        assertThat(login).isLoginRefusedWith(403, "permission denied");
    }

    @Test
    @Order(2)
    @Check(
            id = "CIDR-TOKEN-OUTSIDE-REFUSED",
            step = 7,
            must =
                    "A token issued under token_bound_cidrs works from inside them and is refused with 403 from any other address",
            parameters = {"role/token_bound_cidrs"})
    void tokenUsedFromOutsideItsCidrsIsRefused() {
        ClientAddresses addresses = guide.target().clientAddresses();
        Assumptions.assumeTrue(addresses.atLeastTwo(), addresses.whyNotTwo()); // a skip, with the target's reason
        List<InetAddress> sources = addresses.toldApart();
        // Given a token issued through a role bound to the first address only
        String role = guide.inVault()
                .writeRoleLikeTheGuides(
                        "role-bound-to-one-address",
                        Map.of("token_bound_cidrs", List.of(sources.get(0).getHostAddress() + "/32")));
        VaultClient workload = guide.loggedInThrough(role);
        // When it is used from the bound address and from another
        int inside = guide.http(workload)
                .givenFrom(sources.get(0))
                .when()
                .get("/v1/auth/token/lookup-self")
                .statusCode();
        int outside = guide.http(workload)
                .givenFrom(sources.get(1))
                .when()
                .get("/v1/auth/token/lookup-self")
                .statusCode();
        // Then only the bound address may use it
        assertThat(inside).as("status from %s", sources.get(0).getHostAddress()).isEqualTo(200);
        assertThat(outside)
                .as("status from %s", sources.get(1).getHostAddress())
                .isEqualTo(403);
    }

    @Test
    @Order(3)
    @Check(
            id = "MAX-TTL-CAPS-RENEWAL",
            step = 5,
            must =
                    "token_max_ttl caps the login's lease (without it a role with no TTL gets the mount's default, 768h) and every renewal, whatever increment is asked for",
            parameters = {"role/token_max_ttl"})
    void maxTtlCapsRenewals() {
        // Given a token from a role without a TTL of its own but with a max TTL of two minutes
        String role =
                guide.inVault().writeRoleLikeTheGuides("role-with-max-ttl", Map.of("ttl", "0", "token_max_ttl", "2m"));
        VaultResponse login = guide.login(role, guide.serviceAccountToken(TokenKind.TOKEN_REQUEST));
        // When it asks to be renewed for an hour
        VaultResponse renewal =
                guide.vaultWith(login.clientToken()).write("auth/token/renew-self", Map.of("increment", "1h"));
        // Then neither the login nor the renewal outlives the max TTL
        assertThat(login).hasStatus(200);
        assertThat(login.auth().get("lease_duration"))
                .as("login lease_duration")
                .asInstanceOf(InstanceOfAssertFactories.INTEGER)
                .isBetween(1, 120);
        assertThat(renewal).hasStatus(200);
        assertThat(renewal.auth().get("lease_duration"))
                .as("renewed lease_duration")
                .asInstanceOf(InstanceOfAssertFactories.INTEGER)
                .isBetween(1, 120);
    }

    @Test
    @Order(4)
    @Check(
            id = "NUM-USES-HONOURED",
            step = 5,
            must =
                    "A token from a role with token_num_uses=2 serves two requests; the third is refused with 403 \"permission denied\"",
            parameters = {"role/token_num_uses"})
    void numUsesIsHonoured() {
        // Given a token from a role that allows two uses
        VaultClient workload = guide.loggedInThrough(
                guide.inVault().writeRoleLikeTheGuides("role-with-two-uses", Map.of("token_num_uses", 2)));
        // When it is used three times
        VaultResponse first = guide.inVault().writeSecret(workload, guide.kv("demo/num-uses"), Map.of("value", "x"));
        VaultResponse second = workload.read(guide.kv("demo/num-uses"));
        VaultResponse third = workload.read(guide.kv("demo/num-uses"));
        // Then
        assertThat(first).as("first use").hasStatus(204);
        assertThat(second).as("second use").hasStatus(200);
        assertThat(third).as("third use").isRefusedWith(403, "permission denied");
    }

    @Test
    @Order(5)
    @Check(
            id = "BATCH-TOKEN-NOT-RENEWABLE",
            step = 5,
            must =
                    "A role with token_type=batch issues a non-renewable batch token that works under the policy and whose renewal is refused",
            parameters = {"role/token_type"})
    void batchTokensCannotRenew() {
        // Given a login through a role that issues batch tokens
        VaultResponse login = guide.login(
                guide.inVault().writeRoleLikeTheGuides("role-with-batch-tokens", Map.of("token_type", "batch")),
                guide.serviceAccountToken(TokenKind.TOKEN_REQUEST));
        VaultClient workload = guide.vaultWith(login.clientToken());
        // When the token writes under secret/demo/ and then tries to renew itself
        VaultResponse written = guide.inVault().writeSecret(workload, guide.kv("demo/batch"), Map.of("value", "x"));
        VaultResponse renewal = workload.write("auth/token/renew-self", Map.of());
        // Then
        assertThat(login).hasStatus(200);
        assertThat(login.auth()).containsEntry("token_type", "batch").containsEntry("renewable", false);
        assertThat(written).hasStatus(204);
        assertThat(renewal).isRefusedWith(400, "batch tokens cannot be renewed");
    }

    @Test
    @Order(6)
    @Check(
            id = "RATE-LIMIT-QUOTA-PER-ROLE",
            step = 6,
            must =
                    "A rate-limit quota on one role of the mount refuses that role's second login within its minute with 429, and leaves another role of the mount,"
                            + " and logins through a role that does not exist (or whose name Vault's storage refuses), alone")
    void rateLimitQuotaAppliesToItsRoleOnly() {
        // Given two copies of the guide's role, one limited to a login a minute by a quota naming it (Vault asks the
        // auth method which role a login request is for)
        String limited = guide.inVault().writeRoleLikeTheGuides("role-rate-limited", Map.of());
        String free = guide.inVault().writeRoleLikeTheGuides("role-not-limited", Map.of());
        guide.inVault().limitLoginsPerMinute(limited, 1);
        guide.inVault().limitLoginsPerMinute("role-that-does-not-exist", 1);
        String token = guide.serviceAccountToken(TokenKind.TOKEN_REQUEST);
        // When default/default logs in twice through each, and through a role that does not exist
        List<VaultResponse> limitedLogins = List.of(guide.login(limited, token), guide.login(limited, token));
        List<VaultResponse> freeLogins = List.of(guide.login(free, token), guide.login(free, token));
        List<VaultResponse> ghostLogins =
                List.of(guide.login("role-that-does-not-exist", token), guide.login("role-that-does-not-exist", token));
        VaultResponse unreadableRoleLogin = guide.login("role..not-a-storage-key", token);
        // Then the limited role admits the first login only, and the other role both; a role that does not exist is
        // no role of the login (the auth method says so), so its quota never applies
        assertThat(limitedLogins.get(0))
                .as("the first login through the limited role")
                .hasStatus(200);
        assertThat(limitedLogins.get(1)).as("the second").isRefusedWith(429, "rate limit quota exceeded");
        assertThat(freeLogins.get(0))
                .as("the first login through the other role")
                .hasStatus(200);
        assertThat(freeLogins.get(1)).as("the second").hasStatus(200);
        // (how such a login is refused is LOGIN-UNKNOWN-ROLE's to say; here, that no quota answers either of them)
        assertThat(ghostLogins.get(0).status())
                .as("the first login through a role that does not exist: %s", ghostLogins.get(0))
                .isBetween(400, 499)
                .isNotEqualTo(429);
        assertThat(ghostLogins.get(1))
                .as("the second login through a role that does not exist")
                .isAnsweredLike(ghostLogins.get(0));
        // (Vault resolves the role of every login on a mount with role quotas: an unreadable role is no role either)
        assertThat(unreadableRoleLogin.status())
                .as("a login through a role name Vault's storage refuses: %s", unreadableRoleLogin)
                .isBetween(400, 499)
                .isNotEqualTo(429);
    }
}
