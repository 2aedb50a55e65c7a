package dev.vkac.clients;

import static io.restassured.config.HttpClientConfig.httpClientConfig;
import static io.restassured.config.LogConfig.logConfig;
import static io.restassured.config.SSLConfig.sslConfig;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.vkac.support.Secrets;
import io.restassured.RestAssured;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.http.conn.params.ConnRoutePNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * rest-assured's given/when/then for the checks about HTTP itself (headers, error shapes, where a request
 * comes from). On a failed expectation it logs request and response, without the {@code X-Vault-Token}
 * header and with every secret the run has seen redacted. TLS is verified against the server's CA.
 * The JDK client ({@link VaultClient}) remains the harness's workhorse: rest-assured starts slowly.
 */
public final class VaultHttp {

    private static final Logger LOG = LoggerFactory.getLogger(VaultHttp.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final VaultClient vault;
    private final Secrets secrets;

    public VaultHttp(VaultClient vault, Secrets secrets) {
        this.vault = vault;
        this.secrets = secrets;
    }

    /** A request to the server, with the client's token if it has one; paths are given as {@code /v1/...}. */
    public RequestSpecification given() {
        return given(config());
    }

    /** A request sent from another local source address (for CIDR restrictions). */
    public RequestSpecification givenFrom(InetAddress source) {
        return given(config().httpClient(httpClientConfig().setParam(ConnRoutePNames.LOCAL_ADDRESS, source)));
    }

    private RequestSpecification given(RestAssuredConfig config) {
        return request(vault.address(), vault.token(), secrets, config);
    }

    private static RequestSpecification request(URI address, String token, Secrets secrets, RestAssuredConfig config) {
        RequestSpecification request = RestAssured.given()
                .config(config)
                .baseUri(address.toString())
                .contentType(ContentType.JSON)
                .filter((req, res, context) -> rememberSecrets(secrets, context.next(req, res)));
        return token == null ? request : request.header("X-Vault-Token", token);
    }

    /** Secrets in an answer (a client token, an accessor) are remembered before anything can log the answer. */
    private static Response rememberSecrets(Secrets secrets, Response answer) {
        try {
            secrets.rememberValuesIn(JSON.readValue(answer.asString(), Map.class));
        } catch (IOException | RuntimeException notJson) {
            // nothing to remember in an answer that is not JSON
        }
        return answer;
    }

    private RestAssuredConfig config() {
        return RestAssuredConfig.config()
                .sslConfig(sslConfig().trustStore(Tls.trustStore(vault.caPem())))
                .logConfig(logConfig()
                        .enableLoggingOfRequestAndResponseIfValidationFails()
                        .blacklistHeader("X-Vault-Token")
                        .defaultStream(secrets.redactingStream(System.out)));
    }

    /**
     * rest-assured's first request costs seconds (Groovy starts, then its JSON and matcher paths load): made once,
     * against a throw-away HTTP server on loopback, while the control plane starts, so that no check pays for it.
     */
    public static void warmUp() {
        long started = System.nanoTime();
        HttpServer server = null;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                byte[] body = "{\"errors\":[\"warm-up\"]}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(400, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            URI address =
                    URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":"
                            + server.getAddress().getPort());
            RestAssuredConfig config = RestAssuredConfig.config()
                    .logConfig(logConfig()
                            .enableLoggingOfRequestAndResponseIfValidationFails()
                            .blacklistHeader("X-Vault-Token"));
            request(address, null, new Secrets(), config)
                    .body(Map.of("role", "warm-up"))
                    .when()
                    .post("/v1/auth/kubernetes/login")
                    .then()
                    .statusCode(400)
                    .contentType(containsString("application/json"))
                    .body("errors", not(empty()));
            request(
                            address,
                            null,
                            new Secrets(),
                            config.httpClient(httpClientConfig()
                                    .setParam(ConnRoutePNames.LOCAL_ADDRESS, InetAddress.getLoopbackAddress())))
                    .when()
                    .get("/v1/sys/health")
                    .then()
                    .statusCode(400);
            LOG.debug("rest-assured warmed up in {} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | RuntimeException | AssertionError e) {
            LOG.debug("rest-assured warm-up did not complete: {}", e.toString()); // the checks will just pay for it
        } finally {
            if (server != null) {
                server.stop(0);
            }
        }
    }
}
