package dev.vkac.targets.containers;

import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import dev.vkac.config.ServerSpec;
import dev.vkac.config.UpgradeDefect;
import dev.vkac.targets.Installation;
import dev.vkac.targets.Pki;
import dev.vkac.targets.VaultServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.images.RemoteDockerImage;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * An {@link Installation} on the containers target: each release a container of its image on one Docker volume (the
 * raft storage, mounted where the image keeps its files), on the run's network under one alias (raft's cluster
 * address), published on one host port (the address the suite and its clients keep across the upgrade), serving one
 * certificate of the run's own. The volume goes with the server; the unseal key and root token stay in memory.
 */
final class ContainerInstallation implements Installation.Releases {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerInstallation.class);
    private static final int CLUSTER_PORT = 8201;

    private final Network network;
    private final ContainerSettings settings;
    private final Path logDir;
    private final String volume;
    private final String alias;
    private final int hostPort;
    private final Pki.Issued serving;
    private final UpgradeDefect defect;
    private final List<String> secrets = Installation.secretsList();
    private final AtomicReference<GenericContainer<?>> running = new AtomicReference<>();

    private ContainerInstallation(
            Network network,
            ContainerSettings settings,
            Path logDir,
            String volume,
            String alias,
            int hostPort,
            Pki.Issued serving,
            UpgradeDefect defect) {
        this.network = network;
        this.settings = settings;
        this.logDir = logDir;
        this.volume = volume;
        this.alias = alias;
        this.hostPort = hostPort;
        this.serving = serving;
        this.defect = defect;
    }

    static VaultServer start(
            ServerSpec spec,
            String name,
            Network network,
            ContainerSettings settings,
            Path logDir,
            Duration timeout,
            UpgradeDefect defect) {
        String dockerHost = DockerClientFactory.instance().dockerHostIpAddress();
        String alias = "vkac-installation-" + UUID.randomUUID().toString().substring(0, 8);
        ContainerSettings.ServingNames names = ContainerSettings.servingNames(dockerHost);
        List<String> dnsNames = new ArrayList<>(names.dnsNames());
        dnsNames.add(alias);
        Pki.Authority ca = Pki.newAuthority("vkac-installation-ca");
        Pki.Issued serving = ca.issueServer("vault", dnsNames, names.ipAddresses());
        // both images before anything starts: a pull that fails is the column's start failing, not its upgrade
        for (ServerSpec release : List.of(spec.installed(), spec.upgradeTo())) {
            new RemoteDockerImage(DockerImageName.parse(settings.vaultImage(release))).get();
        }
        ContainerInstallation containers =
                new ContainerInstallation(network, settings, logDir, alias, alias, freePort(), serving, defect);
        URI address = URI.create("https://" + hostForUri(dockerHost) + ":" + containers.hostPort);
        Installation installation;
        try {
            createVolume(alias);
            installation = Installation.install(
                    spec, name, address, ca.certificatePem(), containers, timeout, defect, null, containers.secrets);
        } catch (RuntimeException e) {
            containers.removeVolume();
            throw e;
        }
        return new VaultServer(
                spec,
                address,
                ca.certificatePem(),
                installation.rootToken(),
                "",
                () -> {
                    try {
                        installation.stop();
                    } finally {
                        containers.removeVolume();
                    }
                },
                installation::upgradeServer,
                null);
    }

    @Override
    public void start(ServerSpec release, String name) {
        String home = release.kind().containerConfigDir().replaceFirst("/config$", "");
        String config = Installation.serverConfig(
                URI.create("https://" + alias + ":" + ContainerSettings.VAULT_PORT),
                "https://" + alias + ":" + CLUSTER_PORT,
                home + "/file",
                "0.0.0.0:" + ContainerSettings.VAULT_PORT,
                "0.0.0.0:" + CLUSTER_PORT,
                ContainerSettings.VAULT_TLS_DIR + "/server.pem",
                ContainerSettings.VAULT_TLS_DIR + "/server-key.pem",
                defect);
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(settings.vaultImage(release)))
                .withNetwork(network)
                .withNetworkAliases(alias)
                .withEnv(settings.vaultEnvironment())
                .withCommand("server")
                .withCopyToContainer(
                        Transferable.of(serving.certificatePem()), ContainerSettings.VAULT_TLS_DIR + "/server.pem")
                .withCopyToContainer(
                        Transferable.of(serving.privateKeyPem()), ContainerSettings.VAULT_TLS_DIR + "/server-key.pem")
                .withCopyToContainer(
                        Transferable.of(config), settings.configFile(release.kind(), "vkac-installation.hcl"))
                .withExposedPorts(ContainerSettings.VAULT_PORT)
                // the raft storage: the volume where the image keeps its files (the image's own user owns it)
                // as root, so that the image's entrypoint gives the volume to the image's user (whatever its uid,
                // which differs between products and tags) before it drops to that user
                .withCreateContainerCmdModifier(command -> command.withUser("root")
                        .getHostConfig()
                        .withBinds(new Bind(volume, new Volume(home + "/file"))))
                .withLogConsumer(
                        (OutputFrame frame) -> ContainersTarget.appendLog(logDir.resolve(name + ".log"), redact(frame)))
                .waitingFor(new StartedOnly()); // the installation waits for the server's own health
        container.setPortBindings(List.of(hostPort + ":" + ContainerSettings.VAULT_PORT));
        LOG.info("starting {} ({}) on the volume {}", release, settings.vaultImage(release), volume);
        running.set(container);
        container.start();
    }

    @Override
    public void stop() {
        GenericContainer<?> container = running.getAndSet(null);
        if (container == null) {
            return;
        }
        try { // as an operator would: SIGTERM, 30 s to shut down; then the container goes
            if (container.getContainerId() != null) {
                DockerClientFactory.instance()
                        .client()
                        .stopContainerCmd(container.getContainerId())
                        .withTimeout(30)
                        .exec();
            }
        } catch (RuntimeException e) {
            LOG.warn("the server's container did not stop by itself: {}", e.getMessage());
        } finally {
            container.stop();
        }
    }

    @Override
    public void failIfDead() {
        GenericContainer<?> container = running.get();
        if (container != null && container.getContainerId() != null && !container.isRunning()) {
            throw new IllegalStateException("the server's container " + container.getDockerImageName()
                    + " is not running (its logs: " + logDir + ")");
        }
    }

    private String redact(OutputFrame frame) {
        String text = frame.getUtf8String();
        for (String secret : secrets) {
            text = text.replace(secret, "<redacted>");
        }
        return text;
    }

    /**
     * A Docker volume labelled as this session's of Testcontainers, so that its reaper (Ryuk, where it runs) removes it
     * if this JVM cannot.
     */
    private static void createVolume(String name) {
        Map<String, String> labels = new HashMap<>(DockerClientFactory.DEFAULT_LABELS);
        labels.put(DockerClientFactory.TESTCONTAINERS_SESSION_ID_LABEL, DockerClientFactory.SESSION_ID);
        DockerClientFactory.instance()
                .client()
                .createVolumeCmd()
                .withName(name)
                .withLabels(labels)
                .exec();
    }

    private void removeVolume() {
        try {
            DockerClientFactory.instance().client().removeVolumeCmd(volume).exec();
        } catch (RuntimeException e) {
            LOG.warn("cannot remove the Docker volume {}: {}", volume, e.getMessage());
        }
    }

    /** A port free on this machine now (the Docker host here and on CI runners) for the releases to publish on. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port", e);
        }
    }

    private static String hostForUri(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** Started, nothing more: the installation waits for /v1/sys/health itself (a sealed server answers 503). */
    private static final class StartedOnly extends AbstractWaitStrategy {
        @Override
        protected void waitUntilReady() {}
    }
}
