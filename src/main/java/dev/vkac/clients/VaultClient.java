package dev.vkac.clients;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vkac.support.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The Vault HTTP API as the suite uses it: one token, TLS verified against the server's CA.
 * Paths are given without the {@code /v1/} prefix, as in Vault's documentation. Built on the JDK's
 * HTTP client: it starts in milliseconds, where a scripting-based client costs seconds per run.
 * Every secret it sends or receives (tokens, accessors, JWTs) is remembered in the run's {@link Secrets},
 * so that no failure message or report can show it.
 */
public final class VaultClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The body key under which an answer that is not JSON keeps its text. */
    static final String UNPARSED_BODY = "unparsed_body";

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI address;
    private final String caPem;
    private final String token;
    private final HttpClient http;
    private final Secrets secrets;

    private VaultClient(URI address, String caPem, String token, HttpClient http, Secrets secrets) {
        this.address = address;
        this.caPem = caPem;
        this.token = token;
        this.http = http;
        this.secrets = secrets;
        secrets.remember(token);
    }

    /** A client without a token, for logins; the secrets it sees are remembered in {@code secrets}. */
    public static VaultClient anonymous(URI address, String caPem, Secrets secrets) {
        HttpClient http = HttpClient.newBuilder()
                .sslContext(Tls.sslContext(caPem))
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        return new VaultClient(address, caPem, null, http, secrets);
    }

    /** The same server, with another token (or none). */
    public VaultClient withToken(String otherToken) {
        return new VaultClient(address, caPem, otherToken, http, secrets);
    }

    /** The CA (PEM) the server's certificate chains to. */
    public String caPem() {
        return caPem;
    }

    /** The token this client sends (a secret: for requests only), or null. */
    public String token() {
        return token;
    }

    public URI address() {
        return address;
    }

    public VaultResponse read(String path) {
        return send("GET", path, null);
    }

    public VaultResponse list(String path) {
        return send("LIST", path, null);
    }

    public VaultResponse write(String path, Map<String, ?> body) {
        return send("POST", path, body);
    }

    public VaultResponse put(String path, Map<String, ?> body) {
        return send("PUT", path, body);
    }

    public VaultResponse delete(String path) {
        return send("DELETE", path, null);
    }

    private VaultResponse send(String method, String path, Map<String, ?> body) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(address.resolve("/v1/" + path)).timeout(TIMEOUT);
        if (token != null) {
            request.header("X-Vault-Token", token);
        }
        try {
            if (body != null) {
                secrets.rememberValuesIn(body);
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            String description = method + " /v1/" + path;
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, Object> answer = parse(response.body());
            secrets.rememberValuesIn(answer);
            return new VaultResponse(description, response.statusCode(), answer);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode the body of " + method + " " + path, e);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + address + "/v1/" + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + path, e);
        }
    }

    private static Map<String, Object> parse(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            return JSON.readValue(text, new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            return Map.of(UNPARSED_BODY, text.length() > 500 ? text.substring(0, 500) + "..." : text);
        }
    }

    @Override
    public String toString() {
        return "Vault at " + address + (token == null ? " (no token)" : " (with a token)");
    }
}
