package dev.vkac.clients;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.config.RestAssuredConfig;
import io.restassured.config.SSLConfig;
import io.restassured.http.ContentType;
import io.restassured.http.Method;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * The Vault HTTP API as the suite uses it: one token, TLS verified against the server's CA.
 * Paths are given without the {@code /v1/} prefix, as in Vault's documentation.
 */
public final class VaultClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI address;
    private final String caPem;
    private final String token;
    private final RequestSpecification spec;

    private VaultClient(URI address, String caPem, String token) {
        this.address = address;
        this.caPem = caPem;
        this.token = token;
        RestAssuredConfig config = RestAssuredConfig.config().sslConfig(SSLConfig.sslConfig().trustStore(Tls.trustStore(caPem)));
        RequestSpecification base = RestAssured.given().baseUri(address.toString()).config(config).urlEncodingEnabled(false);
        this.spec = token == null ? base : base.header("X-Vault-Token", token);
    }

    /** A client without a token, for logins. */
    public static VaultClient anonymous(URI address, String caPem) {
        return new VaultClient(address, caPem, null);
    }

    /** The same server, with another token. */
    public VaultClient withToken(String otherToken) {
        return new VaultClient(address, caPem, otherToken);
    }

    public URI address() {
        return address;
    }

    public VaultResponse read(String path) {
        return send(Method.GET, path, null);
    }

    public VaultResponse list(String path) {
        return send(Method.GET, path + (path.contains("?") ? "&" : "?") + "list=true", null);
    }

    public VaultResponse write(String path, Map<String, ?> body) {
        return send(Method.POST, path, body);
    }

    public VaultResponse put(String path, Map<String, ?> body) {
        return send(Method.PUT, path, body);
    }

    public VaultResponse delete(String path) {
        return send(Method.DELETE, path, null);
    }

    private VaultResponse send(Method method, String path, Map<String, ?> body) {
        RequestSpecification request = RestAssured.given().spec(spec);
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body);
        }
        String description = method + " /v1/" + path;
        Response response = request.request(method, "/v1/" + path);
        return new VaultResponse(description, response.statusCode(), parse(description, response.asString()));
    }

    private static Map<String, Object> parse(String request, String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            return JSON.readValue(text, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            return Map.of("unparsed_body", text.length() > 500 ? text.substring(0, 500) + "..." : text);
        }
    }

    @Override
    public String toString() {
        return "Vault at " + address + (token == null ? " (no token)" : " (with a token)");
    }
}
