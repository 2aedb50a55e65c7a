package dev.vkac.targets.containers;

import dev.vkac.config.ServerKind;
import dev.vkac.config.ServerSpec;
import java.util.List;

/**
 * What the containers target asks of k3s and of each Vault/OpenBao container, kept apart from
 * Testcontainers so that it can be checked without Docker (a K3sContainer cannot even be constructed
 * without it).
 */
public record ContainerSettings(String k3sImage) {

    /** Vault reaches the API server by this alias, which k3s's serving certificate names by default. */
    public static final String KUBERNETES_ALIAS = "kubernetes";
    public static final int KUBERNETES_PORT = 6443;
    public static final int VAULT_PORT = 8200;
    /**
     * Where the dev server writes its TLS CA, certificate and key inside the container: a folder that exists
     * in both images (the dev server does not create it) and that the server's user may write.
     */
    public static final String VAULT_TLS_DIR = "/tmp";

    /**
     * k3s server arguments. Giving any {@code --tls-san} replaces k3s's default command, so it keeps
     * {@code --disable=traefik} and the Docker host (the suite's view) next to the alias (Vault's view).
     */
    public List<String> k3sCommand(String dockerHost) {
        return List.of("server", "--disable=traefik", "--tls-san=" + dockerHost, "--tls-san=" + KUBERNETES_ALIAS);
    }

    /** The address Vault uses for kubernetes_host: the alias on the shared network. */
    public String kubernetesHostSeenByVault() {
        return "https://" + KUBERNETES_ALIAS + ":" + KUBERNETES_PORT;
    }

    /** The dev server's arguments: TLS with its own CA, our random root token, listening on all interfaces. */
    public List<String> vaultCommand(String rootToken) {
        return List.of("server", "-dev", "-dev-tls", "-dev-tls-cert-dir=" + VAULT_TLS_DIR,
                "-dev-root-token-id=" + rootToken, "-dev-listen-address=0.0.0.0:" + VAULT_PORT);
    }

    /** A configuration file the image's entrypoint passes to the server (it gives the server its config folder). */
    public String configFile(ServerKind kind) {
        return switch (kind) {
            case VAULT -> "/vault/config/vkac-audit.hcl";
            case OPENBAO -> "/openbao/config/vkac-audit.hcl";
        };
    }

    /** The image for a server: the one given with the spec, or the official repository at its version. */
    public String vaultImage(ServerSpec spec) {
        return spec.image();
    }

    /** Testcontainers' Vault module accepts hashicorp/vault; other repositories are declared compatible with it. */
    public boolean needsCompatibilityDeclaration(ServerSpec spec) {
        return !spec.image().startsWith(ServerKind.VAULT.defaultImage() + ":");
    }
}
