package dev.vkac.clients;

import static io.restassured.config.HttpClientConfig.httpClientConfig;
import static io.restassured.config.LogConfig.logConfig;
import static io.restassured.config.SSLConfig.sslConfig;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vkac.support.Secrets;
import io.restassured.RestAssured;
import io.restassured.config.RestAssuredConfig;
import io.restassured.filter.FilterContext;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import org.apache.http.conn.params.ConnRoutePNames;

/**
 * rest-assured's given/when/then for the checks about HTTP itself (headers, error shapes, where a request
 * comes from). On a failed expectation it logs request and response, without the {@code X-Vault-Token}
 * header and with every secret the run has seen redacted. TLS is verified against the server's CA.
 * The JDK client ({@link VaultClient}) remains the harness's workhorse: rest-assured starts slowly.
 */
public final class VaultHttp {

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
        RequestSpecification request = RestAssured.given().config(config).baseUri(vault.address().toString())
                .contentType(ContentType.JSON).filter(this::rememberSecrets);
        return vault.token() == null ? request : request.header("X-Vault-Token", vault.token());
    }

    /** Secrets in an answer (a client token, an accessor) are remembered before anything can log the answer. */
    private Response rememberSecrets(FilterableRequestSpecification request, FilterableResponseSpecification response, FilterContext context) {
        Response answer = context.next(request, response);
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
                .logConfig(logConfig().enableLoggingOfRequestAndResponseIfValidationFails()
                        .blacklistHeader("X-Vault-Token")
                        .defaultStream(secrets.redactingStream(System.out)));
    }

    /**
     * rest-assured's first request costs seconds (Groovy starts): made once, while servers start, so no check
     * pays for it. Its answer does not matter.
     */
    public static void warmUp() {
        try {
            RestAssured.given().baseUri("https://127.0.0.1:1").relaxedHTTPSValidation().when().get("/").then();
        } catch (RuntimeException expected) {
            // nothing listens there: the point was loading the classes
        }
    }
}
