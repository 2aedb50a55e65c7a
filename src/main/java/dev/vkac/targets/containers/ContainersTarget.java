package dev.vkac.targets.containers;

import dev.vkac.config.ConfigException;
import dev.vkac.config.ServerSpec;
import dev.vkac.config.SuiteConfig;
import dev.vkac.config.TargetKind;
import dev.vkac.support.Wait;
import dev.vkac.support.Wait.Seen;
import dev.vkac.targets.AuditLog;
import dev.vkac.targets.ClientAddresses;
import dev.vkac.targets.InPod;
import dev.vkac.targets.KubernetesCluster;
import dev.vkac.targets.Pki;
import dev.vkac.targets.StartedOnce;
import dev.vkac.targets.Target;
import dev.vkac.targets.VaultServer;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.wait.strategy.HttpWaitStrategy;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.vault.VaultContainer;

/**
 * k3s and Vault/OpenBao in containers on one Docker network, started by Testcontainers: the default
 * wherever Docker runs. Vault reaches the API server by the network alias {@code kubernetes}.
 */
public final class ContainersTarget implements Target {

    private static final Logger LOG = LoggerFactory.getLogger(ContainersTarget.class);

    private final SuiteConfig config;
    private final ContainerSettings settings;
    private final Network network = Network.newNetwork();
    private final AtomicInteger installations = new AtomicInteger();
    private final StartedOnce<KubernetesCluster> cluster = new StartedOnce<>("k3s", this::startKubernetes);
    private K3sContainer k3s;

    public ContainersTarget(SuiteConfig config) {
        this.config = config;
        this.settings = new ContainerSettings(config.k3sImage());
    }

    @Override
    public TargetKind kind() {
        return TargetKind.CONTAINERS;
    }

    @Override
    public KubernetesCluster cluster(String clusterName) {
        return cluster.get(); // one cluster per run here
    }

    @Override
    public ClientAddresses clientAddresses() {
        return ClientAddresses.none(
                "behind Docker's port mapping Vault sees every request of the suite coming from one gateway address");
    }

    @Override
    public boolean clusterStarted() {
        return cluster.isStarted();
    }

    /** Starts k3s; if anything fails after its container started, the container is stopped again. */
    private KubernetesCluster startKubernetes() {
        LOG.info("starting k3s ({}) on a Docker network", settings.k3sImage());
        K3sContainer container =
                new K3sContainer(DockerImageName.parse(settings.k3sImage()).asCompatibleSubstituteFor("rancher/k3s"));
        k3s = container;
        try {
            container
                    .withNetwork(network)
                    // the second: the API server's name in the cluster, as a server in a pod reaches it
                    .withNetworkAliases(ContainerSettings.KUBERNETES_ALIAS, ContainerSettings.KUBERNETES_IN_CLUSTER)
                    .withCommand(settings.k3sCommand(container.getHost()).toArray(String[]::new))
                    .withStartupTimeout(config.startTimeout());
            container.start();
            Config admin = new ConfigBuilder(Config.fromKubeconfig(container.getKubeConfigYaml()))
                    .withRequestRetryBackoffLimit(0)
                    .build();
            String caPem = new String(Base64.getDecoder().decode(admin.getCaCertData()), StandardCharsets.US_ASCII);
            try (KubernetesClient client =
                    new KubernetesClientBuilder().withConfig(admin).build()) {
                Wait.until(
                        "the ServiceAccount default/default in k3s",
                        config.startTimeout(),
                        () -> client.serviceAccounts()
                                                .inNamespace("default")
                                                .withName("default")
                                                .get()
                                        != null
                                ? Seen.done("present")
                                : Seen.notYet("absent"));
                return new KubernetesCluster(
                        admin.getMasterUrl(),
                        settings.kubernetesHostSeenByVault(),
                        caPem,
                        admin,
                        client.getKubernetesVersion().getGitVersion());
            }
        } catch (RuntimeException e) {
            container.stop();
            throw e;
        }
    }

    @Override
    public VaultServer startVault(ServerSpec spec, Path logDir) {
        return startVault(spec, logDir, false);
    }

    @Override
    public Optional<String> whyNoVaultInAPod() {
        return Optional.empty();
    }

    /**
     * The server's container as a pod's: the pod's files copied into its {@value InPod#SERVICE_ACCOUNT_FOLDER}
     * (rewritten by copying them again), the API server reached as {@code kubernetes.default.svc} (k3s's alias on the
     * network, which its serving certificate names), {@code KUBERNETES_SERVICE_HOST} and {@code _PORT} set.
     */
    @Override
    public VaultServer startVaultInAPod(ServerSpec spec, Path logDir, KubernetesCluster cluster) {
        return startVault(spec, logDir, true);
    }

    private VaultServer startVault(ServerSpec spec, Path logDir, boolean inAPod) {
        if (spec.isUpgrade()) {
            spec.checkUpgrade();
            if (inAPod) {
                throw new ConfigException(spec.text() + ": an upgrade column runs no server in a pod");
            }
            if (spec.isPluginUpgrade()) {
                throw new ConfigException(spec.text() + ": the containers target runs the images' own auth method and"
                        + " upgrades their servers (vault:1.14.8->openbao:2.7.2); plugin upgrades run on the local"
                        + " target");
            }
            return ContainerInstallation.start(
                    spec,
                    spec.id() + "-" + installations.incrementAndGet(),
                    network,
                    settings,
                    logDir,
                    config.startTimeout(),
                    config.upgradeDefect());
        }
        String rootToken = "vkac-" + UUID.randomUUID();
        DockerImageName image = DockerImageName.parse(settings.vaultImage(spec));
        if (settings.needsCompatibilityDeclaration(spec)) {
            image = image.asCompatibleSubstituteFor(ContainerSettings.VAULT_MODULE_IMAGE);
        }
        // Vault's serving certificate names the address the suite uses, whatever the Docker host is
        Pki.Authority ca = Pki.newAuthority("vkac-vault-ca");
        ContainerSettings.ServingNames names =
                ContainerSettings.servingNames(DockerClientFactory.instance().dockerHostIpAddress());
        Pki.Issued serving = ca.issueServer("vault", names.dnsNames(), names.ipAddresses());
        String name = spec.id() + (inAPod ? "-in-a-pod" : "");
        VaultContainer<?> container = new VaultContainer<>(image)
                .withNetwork(network)
                .withCommand(String.join(" ", settings.vaultCommand(rootToken)))
                .withEnv(settings.vaultEnvironment())
                .withCopyToContainer(
                        Transferable.of(serving.certificatePem()), ContainerSettings.VAULT_TLS_DIR + "/server.pem")
                .withCopyToContainer(
                        Transferable.of(serving.privateKeyPem()), ContainerSettings.VAULT_TLS_DIR + "/server-key.pem")
                .withCopyToContainer(
                        Transferable.of(settings.tlsListenerConfig()),
                        settings.configFile(spec.kind(), "vkac-listener.hcl"))
                .withLogConsumer((OutputFrame frame) -> appendLog(
                        logDir.resolve(name + ".log"), frame.getUtf8String().replace(rootToken, "<redacted>")))
                .waitingFor(new HttpWaitStrategy()
                        .forPath("/v1/sys/health")
                        .usingTls()
                        .allowInsecure()
                        .forStatusCode(200)
                        .withStartupTimeout(config.startTimeout()));
        if (inAPod) {
            container
                    .withEnv("KUBERNETES_SERVICE_HOST", ContainerSettings.KUBERNETES_IN_CLUSTER)
                    .withEnv("KUBERNETES_SERVICE_PORT", String.valueOf(ContainerSettings.KUBERNETES_PORT));
        }
        if (spec.kind().declaresAuditLogInConfig()) {
            // the image passes its config folder to the server; the audit log goes to the container's output
            container.withCopyToContainer(
                    Transferable.of(AuditLog.configStanza("stdout")),
                    settings.configFile(spec.kind(), "vkac-audit.hcl"));
        }
        LOG.info("starting {} ({})", spec, image);
        try {
            container.start();
            String caPem = ca.certificatePem();
            URI address = URI.create(
                    "https://" + container.getHost() + ":" + container.getMappedPort(ContainerSettings.VAULT_PORT));
            // the audit log goes to the container's output, which is kept in the server's log
            VaultServer plain = new VaultServer(spec, address, caPem, rootToken, "stdout", container::stop);
            VaultServer server = inAPod
                    ? plain.inPod(new InPod(
                            URI.create("https://" + ContainerSettings.KUBERNETES_IN_CLUSTER + ":"
                                    + ContainerSettings.KUBERNETES_PORT),
                            "a second server of the column, its container with the pod's files copied in",
                            (file, content) -> replaceInContainer(container, file, content)))
                    : plain;
            if (!spec.kind().declaresAuditLogInConfig()) {
                AuditLog.enableThroughApi(server);
            }
            return server;
        } catch (RuntimeException e) {
            container.stop(); // whatever failed after the container was created, it does not outlive the failure
            throw e;
        }
    }

    /**
     * Replaces a pod file in the container at once: copied beside, then renamed as root (the folder is root's, as the
     * copy made it, whatever user the image runs as; the server's user reads the file: 0644, a projected volume's
     * default mode).
     */
    private static void replaceInContainer(VaultContainer<?> container, String file, String content) {
        String path = InPod.SERVICE_ACCOUNT_FOLDER + "/" + file;
        container.copyFileToContainer(Transferable.of(content.getBytes(StandardCharsets.UTF_8), 0644), path + ".next");
        try {
            Container.ExecResult moved = container.execInContainerWithUser("root", "mv", "-f", path + ".next", path);
            if (moved.getExitCode() != 0) {
                throw new IllegalStateException("cannot replace the pod's " + file + ": " + moved.getStderr());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace the pod's " + file, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Appends a container's output to its log file (a log that cannot be written is not worth failing for). */
    static void appendLog(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.debug("cannot write {}: {}", file, e.getMessage());
        }
    }

    @Override
    public String keepForDebugging() {
        // Testcontainers' reaper removes the containers when this JVM ends, whatever the suite does.
        close();
        return "vkac.keepOnFailure keeps the local target only: the containers target's containers are removed when the JVM ends";
    }

    @Override
    public void close() {
        if (k3s != null) {
            k3s.stop();
        }
        network.close();
    }
}
