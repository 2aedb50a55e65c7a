package dev.vkac.conformance;

import static dev.vkac.conformance.VaultResponseAssert.assertThat;

import dev.vkac.clients.VaultResponse;
import dev.vkac.fixtures.Guide;
import dev.vkac.fixtures.TokenKind;
import dev.vkac.junit.Check;
import dev.vkac.junit.ConformanceTest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Guide step 5's bindings, matched exactly: identities that look like the bound ones (longer, shorter, other
 * case) are refused, whichever side the look-alike is on, and globs admit exactly what they match. A server
 * that compares by prefix, by substring or without case turns one of these red.
 */
@ConformanceTest
public class LookAlikeIdentitiesIT extends GuideConformance {

    /** ServiceAccounts in namespace default whose names are, or are not, matched by the globs below. */
    static final List<String> ACCOUNTS =
            List.of("defaul", "default-x", "xdefault", "vault-app", "vault", "my-vault-app", "vaultapp");

    @BeforeParameterizedClassInvocation
    static void createLookAlikeServiceAccounts(Guide guide) {
        ACCOUNTS.forEach(guide.inKubernetes()::createServiceAccount);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"defaul", "default-x", "xdefault"})
    @Order(1)
    @Check(
            id = "LOOKALIKE-SA-REFUSED",
            step = 5,
            must =
                    "A ServiceAccount whose name extends, shortens or contains the bound name \"default\" is refused with 403 \"service account name not authorized\"",
            parameters = {"role/bound_service_account_names"})
    void lookAlikeServiceAccountIsRefused(String name) {
        // Given a token of a look-alike ServiceAccount in the bound namespace
        String jwt = guide.inKubernetes().tokenFor(name);
        // When it logs in through demo-role, which binds default/default
        VaultResponse login = guide.login(Guide.ROLE, jwt);
        // Then
        assertThat(login).isLoginRefusedWith(403, "service account name not authorized");
    }

    /** Look-alikes of a name: another case, one character less or more, a glob character where none belongs, nothing. */
    enum LookAlike {
        CAPITALISED(name -> Character.toUpperCase(name.charAt(0)) + name.substring(1)),
        UPPER_CASE(name -> name.toUpperCase(Locale.ROOT)),
        LAST_CHARACTER_DROPPED(name -> name.substring(0, name.length() - 1)),
        SUFFIXED(name -> name + "-x"),
        FIRST_CHARACTER_DROPPED(name -> name.substring(1)),
        WITH_A_STAR(name -> name + "*x"),
        /** The empty string: a role write keeps it, and it must bind nothing (never match any name). */
        EMPTY(name -> "");

        private final UnaryOperator<String> of;

        LookAlike(UnaryOperator<String> of) {
            this.of = of;
        }

        String of(String name) {
            return of.apply(name);
        }
    }

    @ParameterizedTest(name = "bound to a name {0}")
    @EnumSource(LookAlike.class)
    @Order(2)
    @Check(
            id = "LOOKALIKE-BOUND-NAME-REFUSED",
            step = 5,
            must =
                    "A role bound to a look-alike of \"default\" (other case, shorter, longer, empty) refuses default/default with 403 \"service account name not authorized\"",
            parameters = {"role/bound_service_account_names"})
    void roleBoundToALookAlikeNameRefusesDefault(LookAlike lookAlike) {
        // Given a role that binds a look-alike of "default" (Default, DEFAULT, defaul, default-x, efault, default*x,
        // "")
        String role =
                roleBinding(lookAlike.of(Guide.SERVICE_ACCOUNT), guide.names().namespace());
        String token = guide.serviceAccountToken(TokenKind.TOKEN_REQUEST);
        assertThat(guide.login(Guide.ROLE, token))
                .as("the same token through demo-role, bound to the name itself")
                .hasStatus(200);
        // When default/default logs in through it
        VaultResponse login = guide.login(role, token);
        // Then
        assertThat(login).isLoginRefusedWith(403, "service account name not authorized");
    }

    @ParameterizedTest(name = "bound to a namespace {0}")
    @EnumSource(LookAlike.class)
    @Order(3)
    @Check(
            id = "LOOKALIKE-BOUND-NAMESPACE-REFUSED",
            step = 5,
            must =
                    "A role bound to a look-alike of the bound namespace (other case, shorter, longer, empty) refuses default/default with 403 \"namespace not authorized\"",
            parameters = {"role/bound_service_account_namespaces"})
    void roleBoundToALookAlikeNamespaceRefusesDefault(LookAlike lookAlike) {
        // Given a role that binds ServiceAccount default in a look-alike of the guide's namespace
        String role =
                roleBinding(Guide.SERVICE_ACCOUNT, lookAlike.of(guide.names().namespace()));
        String token = guide.serviceAccountToken(TokenKind.TOKEN_REQUEST);
        assertThat(guide.login(Guide.ROLE, token))
                .as("the same token through demo-role, bound to the namespace itself")
                .hasStatus(200);
        // When default/default logs in through it
        VaultResponse login = guide.login(role, token);
        // Then
        assertThat(login).isLoginRefusedWith(403, "namespace not authorized");
    }

    @ParameterizedTest(name = "names {0}, namespaces {1}: {2}/{3} -> {4}")
    @CsvSource({
        "vault-*, {ns},   {ns},    vault-app,    200",
        "vault-*, {ns},   {ns},    vault,        service account name not authorized",
        "vault-*, {ns},   {ns},    my-vault-app, service account name not authorized",
        "vault-*, {ns},   {ns},    vaultapp,     service account name not authorized",
        "*,       {ns},   {ns},    vault-app,    200",
        "*,       {ns},   {ns},    default,      200",
        "*,       {ns},   {other}, default,      namespace not authorized",
        "default, {ns}-*, {other}, default,      200",
        "default, {ns}-*, {ns},    default,      namespace not authorized",
        "default, *,      {other}, default,      200",
    })
    @Order(4)
    @Check(
            id = "GLOB-BINDING",
            step = 5,
            must =
                    "A role bound with globs (vault-*, <namespace>-*, *) admits exactly the ServiceAccounts and namespaces the glob matches; others get 403",
            parameters = {"role/bound_service_account_names", "role/bound_service_account_namespaces"})
    void globAdmitsExactlyWhatItMatches(
            String names, String namespaces, String namespace, String account, String expected) {
        // Given a role bound with globs, and a token of a ServiceAccount ({ns}: the guide's namespace, {other}:
        // another)
        String role = roleBinding(names, inNamespaces(namespaces));
        String jwt = guide.inKubernetes().tokenIn(inNamespaces(namespace), account, List.of());
        // When it logs in through the role
        VaultResponse login = guide.login(role, jwt);
        // Then it is admitted exactly when the globs match
        if (expected.equals("200")) {
            assertThat(login).hasStatus(200);
        } else {
            assertThat(login).isLoginRefusedWith(403, expected);
        }
    }

    private String inNamespaces(String text) {
        return text.contains("{other}")
                ? text.replace("{other}", guide.inKubernetes().otherNamespace())
                : text.replace("{ns}", guide.names().namespace());
    }

    private String roleBinding(String names, String namespaces) {
        String role =
                ("bound-" + names + "-in-" + namespaces).replace("*", "star").toLowerCase() + "-"
                        + Integer.toHexString((names + namespaces).hashCode());
        guide.inVault()
                .writeRole(
                        role,
                        Map.of(
                                "bound_service_account_names",
                                List.of(names),
                                "bound_service_account_namespaces",
                                List.of(namespaces),
                                "policies",
                                List.of(guide.names().policy()),
                                "ttl",
                                "1h"));
        return role;
    }
}
