package dev.vkac.targets;

import io.fabric8.kubernetes.client.Config;

/**
 * A running Kubernetes API server as the suite and Vault see it.
 *
 * @param apiServerUrl   the API server's address from this JVM
 * @param urlSeenByVault the address Vault uses for {@code kubernetes_host} (differs on a container network)
 * @param caPem          the CA that signed the API server's certificate (Vault's {@code kubernetes_ca_cert})
 * @param adminConfig    client settings with cluster-admin rights, TLS verified against {@code caPem}
 * @param version        the version the API server reports, such as v1.37.2
 */
public record KubernetesCluster(
        String apiServerUrl, String urlSeenByVault, String caPem, Config adminConfig, String version) {}
