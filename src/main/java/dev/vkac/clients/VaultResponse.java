package dev.vkac.clients;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One answer of the Vault HTTP API: status and JSON body. Its text form, used in assertion messages,
 * never shows a client token.
 */
public record VaultResponse(String request, int status, Map<String, Object> body) {

    public VaultResponse {
        body = body == null ? Map.of() : body;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> data() {
        Object data = body.get("data");
        return data instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> auth() {
        Object auth = body.get("auth");
        return auth instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /**
     * The errors of a refusal: {@code errors} of its JSON body or, for a body that is not JSON, its text (so that a
     * refusal's reason is checked apart from its shape, which a check of its own covers).
     */
    @SuppressWarnings("unchecked")
    public List<String> errors() {
        Object errors = body.get("errors");
        if (errors instanceof List<?> list) {
            return (List<String>) list;
        }
        Object text = body.get(VaultClient.UNPARSED_BODY);
        return status >= 400 && text != null ? List.of(text.toString()) : List.of();
    }

    /** The client token of a login answer: a secret, for use in requests only. */
    public String clientToken() {
        Object token = auth().get("client_token");
        if (token == null) {
            throw new IllegalStateException("no client token in " + this);
        }
        return token.toString();
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /**
     * The keys of a LIST answer ({@code data.keys}); none when Vault answers 404, as it does for an empty list.
     *
     * @throws IllegalStateException when the list was refused or failed
     */
    @SuppressWarnings("unchecked")
    public List<String> listedKeys() {
        if (status == 404) {
            return List.of();
        }
        if (!isSuccess()) {
            throw new IllegalStateException("cannot list: " + this);
        }
        return List.copyOf((List<String>) data().getOrDefault("keys", List.of()));
    }

    @Override
    public String toString() {
        Map<String, Object> shown = new TreeMap<>(body);
        if (!auth().isEmpty()) {
            Map<String, Object> auth = new TreeMap<>(auth());
            auth.computeIfPresent("client_token", (k, v) -> "<redacted>");
            auth.computeIfPresent("accessor", (k, v) -> "<redacted>");
            shown.put("auth", auth);
        }
        if (data().containsKey("accessor")) { // a token lookup: its id is the token
            Map<String, Object> data = new TreeMap<>(data());
            data.computeIfPresent("id", (k, v) -> "<redacted>");
            data.computeIfPresent("accessor", (k, v) -> "<redacted>");
            shown.put("data", data);
        }
        shown.remove("request_id");
        return request + " -> " + status + " " + shown;
    }
}
