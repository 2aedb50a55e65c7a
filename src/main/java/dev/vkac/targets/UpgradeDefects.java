package dev.vkac.targets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vkac.config.UpgradeDefect;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What an upgrade gets wrong on purpose (vkac.upgradeDefect), done to the installed release just before it stops: its
 * storage edited through sys/raw, or its identities and tokens removed through the API.
 */
public final class UpgradeDefects {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer of the server: its status and JSON body. */
    public record Answer(int status, Map<?, ?> body) {
        Map<?, ?> data() {
            return body.get("data") instanceof Map<?, ?> data ? data : Map.of();
        }

        List<?> keys() {
            return data().get("keys") instanceof List<?> keys ? keys : List.of();
        }
    }

    /** Sends a request to the installed release as its root. */
    @FunctionalInterface
    public interface Root {
        Answer call(String method, String path, Map<String, ?> body);
    }

    private UpgradeDefects() {}

    public static void apply(UpgradeDefect defect, Root root) {
        switch (defect) {
            case NONE, NO_UPGRADE -> {}
            case CONFIG_FIELD_CHANGED ->
                editStored(root, "config", entry -> {
                    entry.put("issuer", "https://upgrade-defect.invalid"); // unused while disable_iss_validation holds
                    return entry;
                });
            case ROLE_FIELD_LOST ->
                editStoredRoles(root, role -> {
                    role.remove("audience"); // a field without a legacy twin the auth method would read instead
                    return role;
                });
            case ROLE_BINDS_EVERY_NAMESPACE ->
                editStoredRoles(root, role -> {
                    role.put("bound_service_account_namespaces", List.of("*"));
                    return role;
                });
            case ENTITY_ALIASES_LOST -> {
                for (Object id :
                        root.call("LIST", "identity/entity-alias/id", Map.of()).keys()) {
                    Answer alias = root.call("GET", "identity/entity-alias/id/" + id, null);
                    if (isKubernetes(alias.data().get("mount_type"))) {
                        expect(
                                root.call("DELETE", "identity/entity-alias/id/" + id, null),
                                204,
                                "DELETE identity/entity-alias/id/" + id);
                    }
                }
            }
            case TOKEN_POLICIES_LOST -> {
                String tokens = "sys/raw/sys/token/id/";
                for (Object id : root.call("LIST", tokens, Map.of()).keys()) {
                    editEntry(root, tokens + id, token -> {
                        if (token.get("policies") instanceof List<?> policies && !policies.contains("root")) {
                            token.put("policies", List.of("default"));
                        }
                        return token;
                    });
                }
            }
            case LEASES_EXPIRE_LATER -> {
                for (String mount : kubernetesMountPaths(root)) {
                    String leases = "sys/raw/sys/expire/id/auth/" + mount + "login/";
                    for (Object id : root.call("LIST", leases, Map.of()).keys()) {
                        editEntry(root, leases + id, lease -> {
                            lease.put(
                                    "expire_time",
                                    OffsetDateTime.parse(String.valueOf(lease.get("expire_time")))
                                            .plusDays(1)
                                            .toString());
                            return lease;
                        });
                    }
                }
            }
            case TOKENS_LOST -> {
                for (Object accessor :
                        root.call("LIST", "auth/token/accessors", Map.of()).keys()) {
                    Answer token = root.call("POST", "auth/token/lookup-accessor", Map.of("accessor", accessor));
                    if (!(token.data().get("policies") instanceof List<?> policies && policies.contains("root"))) {
                        expect(
                                root.call("POST", "auth/token/revoke-accessor", Map.of("accessor", accessor)),
                                204,
                                "POST auth/token/revoke-accessor");
                    }
                }
            }
        }
    }

    private static void editStoredRoles(Root root, UnaryOperator<Map<String, Object>> edit) {
        for (String mount : kubernetesMounts(root)) {
            for (Object role : root.call("LIST", "sys/raw/auth/" + mount + "/role/", Map.of())
                    .keys()) {
                editEntry(root, "sys/raw/auth/" + mount + "/role/" + role, edit);
            }
        }
    }

    private static void editStored(Root root, String key, UnaryOperator<Map<String, Object>> edit) {
        for (String mount : kubernetesMounts(root)) {
            editEntry(root, "sys/raw/auth/" + mount + "/" + key, edit);
        }
    }

    /** The paths of the Kubernetes auth mounts, each ending in "/" ({@code kubernetes-abc/}). */
    public static List<String> kubernetesMountPaths(Root root) {
        Answer mounts = root.call("GET", "sys/auth", null);
        return mounts.data().entrySet().stream()
                .filter(mount -> mount.getValue() instanceof Map<?, ?> m && isKubernetes(m.get("type")))
                .map(mount -> String.valueOf(mount.getKey()))
                .toList();
    }

    private static boolean isKubernetes(Object type) {
        return AuthPlugin.NAME.equals(type) || AuthPlugin.OWN_PROCESS_NAME.equals(type);
    }

    /** The storage folders (uuids) of the Kubernetes auth mounts. */
    private static List<String> kubernetesMounts(Root root) {
        Answer mounts = root.call("GET", "sys/auth", null);
        return mounts.data().values().stream()
                .filter(mount -> mount instanceof Map<?, ?> m && isKubernetes(m.get("type")))
                .map(mount -> String.valueOf(((Map<?, ?>) mount).get("uuid")))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static void editEntry(Root root, String path, UnaryOperator<Map<String, Object>> edit) {
        Answer stored = expect(root.call("GET", path, null), 200, "GET " + path);
        try {
            Map<String, Object> entry = new LinkedHashMap<>(
                    JSON.readValue(String.valueOf(stored.data().get("value")), Map.class));
            expect(
                    root.call("PUT", path, Map.of("value", JSON.writeValueAsString(edit.apply(entry)))),
                    204,
                    "PUT " + path);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the entry at " + path + " is no JSON", e);
        }
    }

    private static Answer expect(Answer answer, int status, String request) {
        if (answer.status() != status) {
            // the last segment of a token's or lease's storage path derives from the token: not shown
            String shown = request.replaceFirst("(sys/(token|expire)/id/.*/?)[^/]+$", "$1<id>");
            throw new IllegalStateException(
                    "an upgrade defect's request " + shown + " answered " + answer.status() + ", not " + status);
        }
        return answer;
    }
}
