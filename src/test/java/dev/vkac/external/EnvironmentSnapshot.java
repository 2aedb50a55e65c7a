package dev.vkac.external;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vkac.clients.VaultClient;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Everything of a cluster and a Vault that a run of the suite could touch, as exact JSON: every namespace,
 * ServiceAccount, Secret, ConfigMap, Pod and RBAC object (with resourceVersion and UID, so a rewrite with the same
 * content still shows), and Vault's auth and secret mount tables, policies, KV data, roles, entities, audit
 * devices, token accessors and lease prefixes. Two snapshots are equal only if nothing was created, changed or
 * deleted in between. Secret values and token accessors are kept as SHA-256 digests.
 */
public record EnvironmentSnapshot(Map<String, Object> entries) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public static EnvironmentSnapshot take(
            KubernetesClient kubernetes, VaultClient root, String kvV2Mount, String authMount) {
        Map<String, Object> entries = new TreeMap<>();
        kubernetesObjects(kubernetes, entries);
        vault(root, kvV2Mount, authMount, entries);
        return new EnvironmentSnapshot(entries);
    }

    private static void kubernetesObjects(KubernetesClient kubernetes, Map<String, Object> entries) {
        List<Supplier<List<? extends HasMetadata>>> kinds = List.of(
                () -> kubernetes.namespaces().list().getItems(),
                () -> kubernetes.serviceAccounts().inAnyNamespace().list().getItems(),
                () -> kubernetes.secrets().inAnyNamespace().list().getItems(),
                () -> kubernetes.configMaps().inAnyNamespace().list().getItems(),
                () -> kubernetes.pods().inAnyNamespace().list().getItems(),
                () -> kubernetes.rbac().clusterRoles().list().getItems(),
                () -> kubernetes.rbac().clusterRoleBindings().list().getItems(),
                () -> kubernetes.rbac().roles().inAnyNamespace().list().getItems(),
                () -> kubernetes.rbac().roleBindings().inAnyNamespace().list().getItems());
        for (Supplier<List<? extends HasMetadata>> kind : kinds) {
            for (HasMetadata object : kind.get()) {
                if (object instanceof Secret secret && secret.getData() != null) {
                    secret.getData().replaceAll((key, value) -> sha256(value));
                }
                String namespace = object.getMetadata().getNamespace();
                entries.put(
                        "kubernetes " + object.getKind() + " " + (namespace == null ? "" : namespace + "/")
                                + object.getMetadata().getName(),
                        asMap(kubernetes.getKubernetesSerialization().asJson(object)));
            }
        }
    }

    private static void vault(VaultClient root, String kvV2Mount, String authMount, Map<String, Object> entries) {
        entries.put("vault sys/auth", root.read("sys/auth").data());
        entries.put("vault sys/mounts", root.read("sys/mounts").data());
        entries.put("vault sys/audit", root.read("sys/audit").data());
        for (String policy : root.list("sys/policy").listedKeys()) {
            entries.put(
                    "vault sys/policy/" + policy,
                    root.read("sys/policy/" + policy).body().get("rules"));
        }
        for (String quota : root.list("sys/quotas/rate-limit").listedKeys()) {
            entries.put(
                    "vault sys/quotas/rate-limit/" + quota,
                    root.read("sys/quotas/rate-limit/" + quota).data());
        }
        kvV2(root, kvV2Mount, "", entries);
        entries.put(
                "vault auth/" + authMount + "/config",
                root.read("auth/" + authMount + "/config").data());
        for (String role : root.list("auth/" + authMount + "/role").listedKeys()) {
            entries.put(
                    "vault auth/" + authMount + "/role/" + role,
                    root.read("auth/" + authMount + "/role/" + role).data());
        }
        for (String entity : root.list("identity/entity/id").listedKeys()) {
            entries.put(
                    "vault identity/entity/id/" + entity,
                    root.read("identity/entity/id/" + entity).data());
        }
        entries.put(
                "vault token accessors (SHA-256)",
                new TreeSet<>(root.list("auth/token/accessors").listedKeys().stream()
                        .map(EnvironmentSnapshot::sha256)
                        .toList()));
        entries.put(
                "vault lease prefixes under auth/",
                root.list("sys/leases/lookup/auth/").listedKeys());
    }

    private static void kvV2(VaultClient root, String mount, String folder, Map<String, Object> entries) {
        for (String key : root.list(mount + "/metadata/" + folder).listedKeys()) {
            if (key.endsWith("/")) {
                kvV2(root, mount, folder + key, entries);
            } else {
                entries.put(
                        "vault " + mount + "/metadata/" + folder + key,
                        root.read(mount + "/metadata/" + folder + key).data());
                entries.put(
                        "vault " + mount + "/data/" + folder + key,
                        root.read(mount + "/data/" + folder + key).data());
            }
        }
    }

    /** What differs from an earlier snapshot, one line per entry (names only: values may be secret). */
    public List<String> differencesFrom(EnvironmentSnapshot before) {
        List<String> out = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(before.entries.keySet());
        names.addAll(entries.keySet());
        for (String name : names) {
            if (!before.entries.containsKey(name)) {
                out.add("created: " + name);
            } else if (!entries.containsKey(name)) {
                out.add("deleted: " + name);
            } else if (!json(before.entries.get(name)).equals(json(entries.get(name)))) {
                out.add("changed: " + name);
            }
        }
        return out;
    }

    public String toJson() {
        return json(entries);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> asMap(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
