package dev.vkac.conformance;

import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import dev.vkac.clients.VaultClient;
import dev.vkac.fixtures.ForgedJwt;
import dev.vkac.fixtures.Guide;
import dev.vkac.fixtures.TokenKind;
import dev.vkac.junit.Check;
import dev.vkac.junit.ConformanceTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Guide steps 6 and 7 at the HTTP level, with rest-assured: what a client library sees. Refusals come in
 * Vault's error shape, and an answer that carries a client token must not be stored by any cache on the way.
 */
@ConformanceTest
public class AuthEndpointsHttpIT extends GuideConformance {

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "login through an unknown role",
                "login without a JWT",
                "login with a malformed JWT",
                "login with a forged JWT",
                "login as an unbound account",
                "write outside the policy",
                "read without a token",
            })
    @Order(1)
    @Check(
            id = "REFUSAL-ERROR-SHAPE",
            step = 6,
            must =
                    "Every refusal is JSON ({\"errors\": [text, ...]}, content type application/json) and carries no auth")
    void refusalsHaveVaultsErrorShape(String refusal) {
        // Given a request Vault must refuse; When it is sent
        ValidatableResponse response = send(refusal);
        // Then it is refused (which status, each refusal's own check says) in Vault's error shape
        response.statusCode(greaterThanOrEqualTo(400))
                .contentType(containsString("application/json"))
                .body("errors", not(empty()))
                .body("errors", everyItem(instanceOf(String.class)))
                .body("$", not(hasKey("auth")));
    }

    @Test
    @Order(2)
    @Check(
            id = "LOGIN-NOT-CACHEABLE",
            step = 6,
            must = "A login answer that carries a client token is sent with Cache-Control: no-store")
    void loginAnswerIsNotCacheable() {
        // Given a genuine token of default/default
        String jwt = guide.serviceAccountToken(TokenKind.TOKEN_REQUEST);
        // When it logs in
        ValidatableResponse login = http(guide.vaultAnonymous())
                .body(Map.of("role", Guide.ROLE, "jwt", jwt))
                .when()
                .post("/v1/auth/" + guide.names().authPath() + "/login")
                .then();
        guide.recordLogin(login.extract().path("auth"));
        // Then the answer carries a token and forbids caching it
        login.statusCode(200)
                .body("auth.client_token", notNullValue())
                .header("Cache-Control", anyOf(is("no-store"), containsString("no-store")));
    }

    private ValidatableResponse send(String refusal) {
        String jwt = guide.serviceAccountToken(TokenKind.TOKEN_REQUEST);
        return switch (refusal) {
            case "login through an unknown role" -> login(Map.of("role", "no-such-role", "jwt", jwt));
            case "login without a JWT" -> login(Map.of("role", Guide.ROLE));
            case "login with a malformed JWT" -> login(Map.of("role", Guide.ROLE, "jwt", "not-a-jwt"));
            case "login with a forged JWT" ->
                login(Map.of(
                        "role", Guide.ROLE, "jwt", ForgedJwt.withUnknownKey().resign(jwt)));
            case "login as an unbound account" ->
                login(Map.of("role", Guide.ROLE, "jwt", guide.inKubernetes().tokenFor(Guide.REVIEWER)));
            case "write outside the policy" ->
                http(guide.loggedInThrough(Guide.ROLE))
                        .body(Map.of("value", "x"))
                        .when()
                        .post("/v1/" + guide.kv("foo"))
                        .then();
            case "read without a token" ->
                http(guide.vaultAnonymous())
                        .when()
                        .get("/v1/" + guide.kv("demo/foo"))
                        .then();
            default -> throw new IllegalArgumentException(refusal);
        };
    }

    private ValidatableResponse login(Map<String, String> body) {
        return http(guide.vaultAnonymous())
                .body(body)
                .when()
                .post("/v1/auth/" + guide.names().authPath() + "/login")
                .then();
    }

    private RequestSpecification http(VaultClient client) {
        return guide.http(client).given();
    }
}
