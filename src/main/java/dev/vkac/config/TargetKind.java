package dev.vkac.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where the servers come from. */
public enum TargetKind {
    /** Containers where a Docker environment is available, local processes otherwise. */
    AUTO,
    /** k3s and Vault/OpenBao started by Testcontainers. */
    CONTAINERS,
    /** etcd, kube-apiserver, kube-controller-manager and Vault/OpenBao as local processes. */
    LOCAL,
    /** An existing cluster (kubeconfig) and Vault (VAULT_ADDR), left as they were found. */
    EXTERNAL;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TargetKind parse(String text) {
        return Arrays.stream(values())
                .filter(kind -> kind.id().equals(text.trim().toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new ConfigException("unknown target '" + text + "': expected one of "
                        + Arrays.stream(values()).map(TargetKind::id).collect(Collectors.joining(", "))));
    }
}
