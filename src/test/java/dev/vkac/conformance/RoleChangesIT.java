package dev.vkac.conformance;

import static dev.vkac.conformance.VaultResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vkac.clients.VaultClient;
import dev.vkac.clients.VaultResponse;
import dev.vkac.fixtures.TokenKind;
import dev.vkac.junit.Check;
import dev.vkac.junit.ConformanceTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Guide step 5, changed after step 6: what a role's deletion or rewrite does to the tokens it already issued
 * and to later logins. An operator who deletes a role expects its workloads to lose access.
 */
@ConformanceTest
public class RoleChangesIT extends GuideConformance {

    @Test
    @Order(1)
    @Check(
            id = "ROLE-DELETED-NO-RENEWAL",
            step = 5,
            must =
                    "Once its role is deleted, a token the role issued can no longer be renewed (500, \"role ... does not exist during renewal\")")
    void tokenOfADeletedRoleCannotRenew() {
        // Given a token issued through a role
        VaultClient workload =
                guide.loggedInThrough(guide.inVault().writeRoleLikeTheGuides("role-to-delete", Map.of()));
        // When the role is deleted and the token renews itself
        guide.inVault().deleteRole(guide.names().authPath(), "role-to-delete");
        VaultResponse renewal = workload.write("auth/token/renew-self", Map.of());
        // Then the renewal is refused
        assertThat(renewal).isRefusedWith(500, "role role-to-delete does not exist during renewal");
    }

    @Test
    @Order(2)
    @Check(
            id = "ROLE-DELETED-LOGIN-REFUSED",
            step = 5,
            must = "Login through a role that was deleted is refused with 400 \"invalid role name\"")
    void loginThroughADeletedRoleIsRefused() {
        // Given a role that admitted default/default, then was deleted
        String role = guide.inVault().writeRoleLikeTheGuides("role-deleted-before-login", Map.of());
        assertThat(guide.login(role, guide.serviceAccountToken(TokenKind.TOKEN_REQUEST)))
                .as("login before the deletion")
                .hasStatus(200);
        guide.inVault().deleteRole(guide.names().authPath(), role);
        // When default/default logs in through it again
        VaultResponse login = guide.login(role, guide.serviceAccountToken(TokenKind.TOKEN_REQUEST));
        // Then
        assertThat(login).isLoginRefusedWith(400, "invalid role name \"role-deleted-before-login\"");
    }

    @Test
    @Order(3)
    @Check(
            id = "ROLE-REWRITTEN-RENEWAL",
            step = 5,
            must =
                    "After its role is rewritten with another policy and a shorter TTL, a renewal gets the new TTL and keeps the policies the token was issued with",
            parameters = {"role/policies", "role/ttl"})
    void renewalAfterARewriteTakesTheNewTtl() {
        // Given a token issued through a role granting demo-policy for an hour
        String role = guide.inVault().writeRoleLikeTheGuides("role-to-rewrite", Map.of());
        VaultClient workload = guide.loggedInThrough(role);
        // When the role is rewritten (default policy only, 5 minutes) and the token renews itself
        guide.inVault().writeRoleLikeTheGuides(role, Map.of("policies", List.of("default"), "ttl", "5m"));
        VaultResponse renewal = workload.write("auth/token/renew-self", Map.of());
        // Then
        assertThat(renewal).hasStatus(200);
        assertThat(renewal.auth().get("lease_duration")).as("lease_duration").isEqualTo(300);
        assertThat(renewal.auth().get("token_policies"))
                .as("token_policies")
                .isEqualTo(List.of("default", guide.names().policy()));
    }

    @Test
    @Order(5)
    @Check(
            id = "ROLE-REWRITTEN-PERIOD",
            step = 5,
            must =
                    "After its role is rewritten with a longer token_period, a renewal of a periodic token the role issued gets the new period",
            parameters = {"role/token_period"})
    void renewalAfterARewriteTakesTheNewPeriod() {
        // Given a periodic token (10 minutes) issued through a role without a TTL
        Map<String, Object> periodic = new LinkedHashMap<>(guide.inVault().demoRole());
        periodic.remove("ttl");
        periodic.put("token_period", "10m");
        String role = "role-period-to-rewrite";
        guide.inVault().writeRole(role, periodic);
        VaultResponse login = guide.login(role, guide.serviceAccountToken(TokenKind.TOKEN_REQUEST));
        assertThat(login).hasStatus(200);
        assertThat(login.auth().get("lease_duration")).as("the login's lease").isEqualTo(600);
        // When the role's period is rewritten to 20 minutes and the token renews itself
        periodic.put("token_period", "20m");
        guide.inVault().writeRole(role, periodic);
        VaultResponse renewal =
                guide.vaultAsRoot().withToken(login.clientToken()).write("auth/token/renew-self", Map.of());
        // Then the renewal gets the new period
        assertThat(renewal).hasStatus(200);
        assertThat(renewal.auth().get("lease_duration"))
                .as("the renewal's lease")
                .isEqualTo(1200);
    }

    @Test
    @Order(4)
    @Check(
            id = "ROLE-REWRITTEN-MAX-TTL",
            step = 5,
            must =
                    "After its role is rewritten with a shorter token_max_ttl, a renewal asking for more is capped by the new max TTL",
            parameters = {"role/token_max_ttl"})
    void renewalAfterARewriteTakesTheNewMaxTtl() {
        // Given a token issued through a role with a max TTL of two hours
        String role = guide.inVault().writeRoleLikeTheGuides("role-max-ttl-to-rewrite", Map.of("token_max_ttl", "2h"));
        VaultClient workload = guide.loggedInThrough(role);
        // When the role's max TTL is cut to two minutes and the token asks to be renewed for an hour
        Map<String, Object> rewritten = new LinkedHashMap<>(guide.inVault().demoRole());
        rewritten.remove("ttl");
        rewritten.putAll(Map.of("token_ttl", "1m", "token_max_ttl", "2m"));
        guide.inVault().writeRole(role, rewritten);
        VaultResponse renewal = workload.write("auth/token/renew-self", Map.of("increment", "1h"));
        // Then the renewal is capped by the new max TTL
        assertThat(renewal).hasStatus(200);
        assertThat(renewal.auth().get("lease_duration"))
                .as("lease_duration")
                .asInstanceOf(InstanceOfAssertFactories.INTEGER)
                .isBetween(1, 120);
    }
}
