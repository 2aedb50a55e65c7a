package dev.vkac.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The external target's cluster and server: what {@code kubectl} and the {@code vault} CLI would use.
 *
 * @param kubeconfig             the cluster's kubeconfig
 * @param context                its context to use, or null for the current one
 * @param vaultAddress           the server, {@code https://...}
 * @param vaultCaFile            the CA (PEM) the server's certificate chains to
 * @param vaultToken             a token with the rights of {@code fixtures/external/vault-rights.hcl}: a secret, never shown
 * @param kubernetesHostForVault the API server's address as Vault reaches it, or null for the kubeconfig's
 * @param kubernetesCaForVault   the CA Vault verifies that address with, or null for the kubeconfig's
 * @param vaultInAPod            the server runs in a pod of the cluster, which reaches the API server at
 *                               kubernetesHostForVault
 */
public record ExternalSettings(
        Path kubeconfig,
        String context,
        String vaultAddress,
        Path vaultCaFile,
        String vaultToken,
        String kubernetesHostForVault,
        Path kubernetesCaForVault,
        boolean vaultInAPod) {

    /** Read from the environment only, as the vault CLI does: a token on a command line is visible to every user. */
    public static final String TOKEN_VARIABLE = "VAULT_TOKEN";

    /** Fails, naming the setting, unless everything the external target needs is there. */
    public void validate() {
        if (!Files.isReadable(kubeconfig)) {
            throw new ConfigException("vkac.target=external: no readable kubeconfig at " + kubeconfig
                    + " (set vkac.kubeconfig / KUBECONFIG)");
        }
        if (vaultAddress == null) {
            throw new ConfigException("vkac.target=external: set VAULT_ADDR / vkac.vaultAddr to the server's address");
        }
        URI address;
        try {
            address = URI.create(vaultAddress);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("vkac.target=external: VAULT_ADDR is not an address: " + vaultAddress);
        }
        if (!"https".equals(address.getScheme()) || address.getHost() == null) {
            throw new ConfigException(
                    "vkac.target=external: VAULT_ADDR must be https://host[:port] (the suite verifies the server's certificate), not "
                            + vaultAddress);
        }
        if (vaultCaFile == null || !Files.isReadable(vaultCaFile)) {
            throw new ConfigException(
                    "vkac.target=external: set VAULT_CACERT / vkac.vaultCacert to the CA file (PEM) of the server's certificate"
                            + (vaultCaFile == null ? "" : "; " + vaultCaFile + " is not readable"));
        }
        if (vaultToken == null) {
            throw new ConfigException(
                    "vkac.target=external: set VAULT_TOKEN (environment only) to a token with the rights of fixtures/external/vault-rights.hcl");
        }
        if (kubernetesCaForVault != null && !Files.isReadable(kubernetesCaForVault)) {
            throw new ConfigException(
                    "vkac.target=external: vkac.kubernetesCaForVault " + kubernetesCaForVault + " is not readable");
        }
        if (kubernetesHostForVault != null && !kubernetesHostForVault.startsWith("https://")) {
            throw new ConfigException("vkac.target=external: vkac.kubernetesHostForVault must be https://..., not "
                    + kubernetesHostForVault);
        }
        if (vaultInAPod && kubernetesHostForVault == null) {
            throw new ConfigException(
                    "vkac.target=external: vkac.vaultInAPod=true needs vkac.kubernetesHostForVault, the"
                            + " API server's address as the Vault pod reaches it (https://kubernetes.default.svc in most clusters)");
        }
    }

    @Override
    public String toString() {
        return "ExternalSettings[kubeconfig=" + kubeconfig + ", context=" + context + ", vault=" + vaultAddress
                + ", token " + (vaultToken == null ? "not set" : "set") + "]";
    }
}
