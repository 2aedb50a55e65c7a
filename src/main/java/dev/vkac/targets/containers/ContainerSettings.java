package dev.vkac.targets.containers;

import dev.vkac.config.ServerKind;
import dev.vkac.config.ServerSpec;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the containers target asks of k3s and of each Vault/OpenBao container, kept apart from
 * Testcontainers so that it can be checked without Docker (a K3sContainer cannot even be constructed
 * without it).
 */
public record ContainerSettings(String k3sImage) {

    /** Vault reaches the API server by this alias, which k3s's serving certificate names by default. */
    public static final String KUBERNETES_ALIAS = "kubernetes";

    public static final int KUBERNETES_PORT = 6443;
    /** The API server's name in the cluster, as a pod reaches it: a second alias of k3s, which its certificate names. */
    public static final String KUBERNETES_IN_CLUSTER = "kubernetes.default.svc";

    public static final int VAULT_PORT = 8200;
    /** Where the suite puts the serving certificate and key of Vault's TLS listener inside the container. */
    public static final String VAULT_TLS_DIR = "/tmp/vkac-tls";
    /** The dev server's own listener: plain HTTP, inside the container only; the suite uses the TLS listener. */
    static final String DEV_LISTENER = "127.0.0.1:8210";

    /** The names Vault's serving certificate carries: the suite reaches Vault at the Docker host, which varies. */
    public record ServingNames(List<String> dnsNames, List<String> ipAddresses) {}

    /**
     * The Docker host as the suite sees it (localhost, a remote DOCKER_HOST's name or IP, {@code docker} for a
     * Docker-in-Docker service, a gateway IP inside a container), and loopback, which port forwards use.
     */
    public static ServingNames servingNames(String dockerHost) {
        Set<String> dns = new LinkedHashSet<>(List.of("localhost"));
        Set<String> ips = new LinkedHashSet<>(List.of("127.0.0.1", "::1"));
        String host = dockerHost.startsWith("[") && dockerHost.endsWith("]")
                ? dockerHost.substring(1, dockerHost.length() - 1)
                : dockerHost;
        if (isIpAddress(host)) {
            ips.add(host);
        } else {
            dns.add(host);
        }
        return new ServingNames(List.copyOf(dns), List.copyOf(ips));
    }

    private static boolean isIpAddress(String host) {
        return host.matches("\\d{1,3}(\\.\\d{1,3}){3}") || host.contains(":") && host.matches("[0-9a-fA-F:.]+");
    }

    /** Vault's TLS listener, serving the suite's certificate, as a config file the image's entrypoint passes on. */
    public String tlsListenerConfig() {
        return """
                listener "tcp" {
                  address       = "0.0.0.0:%d"
                  tls_cert_file = "%s/server.pem"
                  tls_key_file  = "%s/server-key.pem"
                }
                """.formatted(VAULT_PORT, VAULT_TLS_DIR, VAULT_TLS_DIR);
    }

    /**
     * k3s server arguments. Giving any {@code --tls-san} replaces k3s's default command, so it keeps
     * {@code --disable=traefik} and the Docker host (the suite's view) next to the alias (Vault's view). Without
     * metrics-server, which scrapes the kubelet with a bearer token the kubelet sends to TokenReview, nothing but the
     * suite's Vault reviews tokens: PEM-KEYS-REFUSE-FORGED counts the cluster's TokenReviews.
     */
    public List<String> k3sCommand(String dockerHost) {
        return List.of(
                "server",
                "--disable=traefik",
                "--disable=metrics-server",
                "--tls-san=" + dockerHost,
                "--tls-san=" + KUBERNETES_ALIAS);
    }

    /** The address Vault uses for kubernetes_host: the alias on the shared network. */
    public String kubernetesHostSeenByVault() {
        return "https://" + KUBERNETES_ALIAS + ":" + KUBERNETES_PORT;
    }

    /**
     * The dev server's arguments: our random root token, its own listener inside the container only; the suite
     * talks to the TLS listener of {@link #tlsListenerConfig()}.
     */
    public List<String> vaultCommand(String rootToken) {
        return List.of("server", "-dev", "-dev-root-token-id=" + rootToken, "-dev-listen-address=" + DEV_LISTENER);
    }

    /**
     * The environment of each Vault/OpenBao container. {@code SKIP_SETCAP}: the official images' entrypoint gives the
     * binary the mlock capability with {@code setcap}, which fails, under {@code set -e}, where the image runs as its
     * own user (hashicorp/vault 2.0.0, hashicorp/vault issues 31919 and 32016); the dev server needs no mlock.
     */
    public Map<String, String> vaultEnvironment() {
        return Map.of("SKIP_SETCAP", "true");
    }

    /** A configuration file the image's entrypoint passes to the server (it gives the server its config folder). */
    public String configFile(ServerKind kind, String name) {
        return kind.containerConfigDir() + "/" + name;
    }

    /** The image for a server: the one given with the spec, or the official repository at its version. */
    public String vaultImage(ServerSpec spec) {
        return spec.image();
    }

    /** Testcontainers' Vault module accepts this image; other repositories are declared compatible with it. */
    public static final String VAULT_MODULE_IMAGE = "hashicorp/vault";

    public boolean needsCompatibilityDeclaration(ServerSpec spec) {
        return !spec.image().startsWith(VAULT_MODULE_IMAGE + ":");
    }
}
