package dev.vkac.targets.external;

import dev.vkac.config.ConfigException;
import dev.vkac.config.ExternalSettings;
import dev.vkac.config.ServerSpec;
import dev.vkac.config.TargetKind;
import dev.vkac.targets.ClientAddresses;
import dev.vkac.targets.InPod;
import dev.vkac.targets.KubernetesCluster;
import dev.vkac.targets.StartedOnce;
import dev.vkac.targets.Target;
import dev.vkac.targets.VaultServer;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An existing cluster and Vault, as the original guide ran: nothing is started or stopped here, and the guide
 * creates only objects of its own names (see the fixtures' Names), removed again at its end.
 */
public final class ExternalTarget implements Target {

    private static final Logger LOG = LoggerFactory.getLogger(ExternalTarget.class);

    private final ExternalSettings settings;
    private final Path projectDir;
    private final boolean ownerRemovesEntities;
    private final StartedOnce<KubernetesCluster> cluster = new StartedOnce<>("the external cluster", this::connect);

    /** ownerRemovesEntities: the token needs no rights on identity entities (vkac.ownerRemovesEntities). */
    public ExternalTarget(ExternalSettings settings, Path projectDir, boolean ownerRemovesEntities) {
        this.settings = settings;
        this.projectDir = projectDir;
        this.ownerRemovesEntities = ownerRemovesEntities;
    }

    @Override
    public TargetKind kind() {
        return TargetKind.EXTERNAL;
    }

    @Override
    public KubernetesCluster cluster(String clusterName) {
        return cluster.get(); // one cluster per run here
    }

    @Override
    public boolean clusterStarted() {
        return cluster.isStarted();
    }

    private KubernetesCluster connect() {
        Config config =
                Config.fromKubeconfig(settings.context(), settings.kubeconfig().toFile());
        String caPem =
                settings.kubernetesCaForVault() != null ? read(settings.kubernetesCaForVault()) : kubeconfigCa(config);
        String host = settings.kubernetesHostForVault() != null
                ? settings.kubernetesHostForVault()
                : config.getMasterUrl().replaceAll("/$", "");
        try (KubernetesClient client =
                new KubernetesClientBuilder().withConfig(config).build()) {
            String version = client.getKubernetesVersion().getGitVersion();
            LOG.info(
                    "external cluster {} (Kubernetes {}); Vault reaches it at {}",
                    config.getMasterUrl(),
                    version,
                    host);
            return new KubernetesCluster(config.getMasterUrl().replaceAll("/$", ""), host, caPem, config, version);
        } catch (KubernetesClientException e) {
            throw new IllegalStateException(
                    "cannot reach the cluster of " + settings.kubeconfig()
                            + (settings.context() == null ? "" : " (context " + settings.context() + ")") + ": "
                            + e.getMessage(),
                    e);
        }
    }

    private String kubeconfigCa(Config config) {
        if (config.getCaCertData() != null) {
            return new String(Base64.getDecoder().decode(config.getCaCertData()), StandardCharsets.US_ASCII);
        }
        if (config.getCaCertFile() != null) {
            return read(Path.of(config.getCaCertFile()));
        }
        throw new ConfigException("the kubeconfig " + settings.kubeconfig()
                + " names no CA for its cluster: set vkac.kubernetesCaForVault"
                + " to the CA file (PEM) Vault should verify the API server with");
    }

    /**
     * Vault first (TLS with VAULT_CACERT, its version, the token's rights), then the cluster (reach, the kubeconfig's
     * rights): each failure names the setting to fix, before anything is created.
     */
    @Override
    public void preFlight(List<ServerSpec> servers) {
        long started = System.nanoTime();
        PreFlight preFlight = new PreFlight(settings, projectDir, ownerRemovesEntities);
        preFlight.checkVault(servers);
        preFlight.checkToken(read(settings.vaultCaFile()));
        KubernetesCluster reached = cluster.get();
        try (KubernetesClient client =
                new KubernetesClientBuilder().withConfig(reached.adminConfig()).build()) {
            preFlight.checkKubernetes(client);
        }
        LOG.info(
                "pre-flight passed in {} ms: {} verified with VAULT_CACERT, the token and the kubeconfig hold the rights of fixtures/external/",
                (System.nanoTime() - started) / 1_000_000,
                servers.get(0));
    }

    /**
     * A Vault in a pod of the cluster is the given one, where a setting says it runs in one (its files stay its
     * kubelet's: the checks that rewrite them are skipped); the suite starts none.
     */
    @Override
    public Optional<String> whyNoVaultInAPod() {
        return settings.vaultInAPod()
                ? Optional.empty()
                : Optional.of("the given Vault runs in no pod of the cluster (where it does, set vkac.vaultInAPod=true"
                        + " and vkac.kubernetesHostForVault to the API server as the pod reaches it)");
    }

    /** The given server, which runs in a pod: {@link #startVault}'s. */
    @Override
    public VaultServer startVaultInAPod(ServerSpec spec, Path logDir, KubernetesCluster cluster) {
        whyNoVaultInAPod().ifPresent(why -> {
            throw new ConfigException(why);
        });
        return startVault(spec, logDir);
    }

    /**
     * The existing server: not started, and not stopped when the guide closes it; in its pod where vkac.vaultInAPod
     * says it runs in one.
     */
    @Override
    public VaultServer startVault(ServerSpec spec, Path logDir) {
        if (spec.isUpgrade()) {
            throw new ConfigException(spec.text()
                    + ": an existing Vault is not upgraded by the suite: upgrades do not apply to the external target");
        }
        VaultServer given = new VaultServer(
                spec,
                URI.create(settings.vaultAddress()),
                read(settings.vaultCaFile()),
                settings.vaultToken(),
                null,
                () -> {});
        return settings.vaultInAPod()
                ? given.inPod(InPod.ownedByItsKubelet(
                        URI.create(settings.kubernetesHostForVault()), "the given Vault's own pod (vkac.vaultInAPod)"))
                : given;
    }

    @Override
    public ClientAddresses clientAddresses() {
        return ClientAddresses.none(
                "the suite cannot know which of its addresses an existing Vault tells apart (load balancers, proxies and NAT"
                        + " stand between them)");
    }

    @Override
    public boolean isDisposable() {
        return false;
    }

    /** Nothing was started: what a failed run created stays, under its run's names, for tools/cleanup to remove. */
    @Override
    public String keepForDebugging() {
        return "The objects of the failed classes stay in the external cluster and Vault, under the names and labels of this run"
                + " (see its run id above); tools/cleanup <run id> removes them.";
    }

    @Override
    public void close() {
        // nothing of ours runs here
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
