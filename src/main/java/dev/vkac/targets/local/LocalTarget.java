package dev.vkac.targets.local;

import dev.vkac.config.ConfigException;
import dev.vkac.config.ServerKind;
import dev.vkac.config.ServerSpec;
import dev.vkac.config.SuiteConfig;
import dev.vkac.config.TargetKind;
import dev.vkac.targets.ClientAddresses;
import dev.vkac.targets.KubernetesCluster;
import dev.vkac.targets.StartedOnce;
import dev.vkac.targets.Target;
import dev.vkac.targets.VaultServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Real servers as local processes, from binaries built by tools/install-servers: for machines without
 * Docker. Everything lives in one temporary folder, removed on close; logs go to the run's report folder.
 */
public final class LocalTarget implements Target {

    private final SuiteConfig config;
    private final ServerBinaries binaries;
    private final Map<String, StartedOnce<KubernetesCluster>> clusters = new ConcurrentHashMap<>();
    private final Path workDir;
    private final Path logDir;
    private final ProcessGroup processes = new ProcessGroup();
    private final FreePorts ports = new FreePorts();
    private final AtomicInteger serversStarted = new AtomicInteger();
    private final List<VaultServer> vaults = new CopyOnWriteArrayList<>();
    /** How this machine makes a pod's mount namespace (probed once), and why it cannot when it cannot. */
    private Optional<List<String>> unshare;

    private String whyNotUnshare;

    public LocalTarget(SuiteConfig config, Path logDir) {
        this.config = config;
        this.binaries = new ServerBinaries(
                config.serverCache(),
                config.localVersions(),
                config.kubernetesReleases().get(0));
        this.logDir = logDir;
        for (ServerSpec spec : config.serversOn(TargetKind.LOCAL)) {
            checkAvailable(spec);
        }
        try {
            Path tempRoot = Path.of(System.getProperty("java.io.tmpdir"));
            StaleRuns.clean(tempRoot);
            this.workDir = Files.createTempDirectory(tempRoot, StaleRuns.PREFIX);
            StaleRuns.claim(workDir);
            StaleRuns.watch(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for the local servers", e);
        }
    }

    /** Fails before anything starts if a requested server is not one the local target can run. */
    private void checkAvailable(ServerSpec spec) {
        if (spec.isUpgrade()) {
            spec.checkUpgrade();
            checkAvailable(spec.installed());
            checkAvailable(spec.upgradeTo());
            return;
        }
        List<String> installed = config.localVersions().installed(spec.kind());
        if (!installed.contains(spec.version()) && !binaries.hasVault(spec.kind(), spec.version())) {
            throw new ConfigException(
                    "the local target runs " + spec.kind().displayName() + " " + String.join(", ", installed)
                            + " (the releases of tools/servers/versions.env that tools/install-servers installs), not "
                            + spec.version()
                            + "; other versions run on the containers target");
        }
        binaries.vault(spec.kind(), spec.version());
        if (spec.hasAuthPlugin()) {
            if (!spec.kind().runsAuthMethodPlugins()) {
                throw new ConfigException(spec + ": the Kubernetes auth method runs as a plugin of "
                        + ServerKind.runningAuthMethodPlugins().stream()
                                .map(ServerKind::displayName)
                                .collect(Collectors.joining(" or "))
                        + " only (" + spec.kind().displayName() + " builds in its own)");
            }
            binaries.authPlugin(spec.authMethod());
        }
    }

    @Override
    public TargetKind kind() {
        return TargetKind.LOCAL;
    }

    @Override
    public KubernetesCluster cluster(String clusterName) {
        String release = clusterName.isEmpty() ? config.kubernetesReleases().get(0) : clusterName;
        return clusters.computeIfAbsent(
                        release,
                        key -> new StartedOnce<>(
                                "the local Kubernetes " + release + " control plane", () -> startControlPlane(release)))
                .get();
    }

    @Override
    public boolean clusterStarted() {
        return clusters.values().stream().anyMatch(StartedOnce::isStarted);
    }

    /** One control plane per release, each in a folder of its own (logs: kube-apiserver-1.35.4.log, ...). */
    private KubernetesCluster startControlPlane(String release) {
        boolean several = config.kubernetesReleases().size() > 1;
        try {
            Files.createDirectories(several ? logDir.resolve("kubernetes-" + release) : logDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LocalControlPlane(
                        new ServerBinaries(config.serverCache(), config.localVersions(), release),
                        processes,
                        ports,
                        workDir.resolve(several ? "kubernetes-" + release : "kubernetes"),
                        several ? logDir.resolve("kubernetes-" + release) : logDir,
                        config.startTimeout())
                .start();
    }

    @Override
    public VaultServer startVault(ServerSpec spec, Path serverLogDir) {
        checkAvailable(spec);
        String name = spec.id() + "-" + serversStarted.incrementAndGet(); // each server its own folder and log
        if (spec.isUpgrade()) {
            VaultServer installation = LocalInstallation.start(
                    spec,
                    name,
                    binaries.vault(spec.kind(), spec.version()),
                    binaries.vault(spec.upgradeTo().kind(), spec.upgradeTo().version()),
                    spec.hasAuthPlugin() ? binaries.authPlugin(spec.authMethod()) : null,
                    spec.upgradeTo().hasAuthPlugin()
                            ? binaries.authPlugin(spec.upgradeTo().authMethod())
                            : null,
                    processes,
                    ports,
                    workDir.resolve(name),
                    serverLogDir,
                    config.startTimeout(),
                    config.upgradeDefect());
            vaults.add(installation);
            return installation;
        }
        VaultServer server = LocalVaultServer.start(
                spec,
                name,
                binaries.vault(spec.kind(), spec.version()),
                spec.hasAuthPlugin() ? binaries.authPlugin(spec.authMethod()) : null,
                null,
                processes,
                ports,
                workDir.resolve(name),
                serverLogDir,
                config.startTimeout());
        vaults.add(server);
        return server;
    }

    @Override
    public synchronized Optional<String> whyNoVaultInAPod() {
        if (unshare == null) {
            StringBuilder whyNot = new StringBuilder();
            unshare = PodSandbox.unshareCommand(workDir, whyNot);
            whyNotUnshare = "a pod needs a mount namespace of its own, which this machine refused (as root, or with"
                    + " user namespaces): " + whyNot;
        }
        return unshare.isPresent() ? Optional.empty() : Optional.of(whyNotUnshare);
    }

    @Override
    public VaultServer startVaultInAPod(ServerSpec spec, Path serverLogDir, KubernetesCluster cluster) {
        checkAvailable(spec);
        if (spec.isUpgrade()) {
            throw new ConfigException(spec.text() + ": an upgrade column runs no server in a pod");
        }
        whyNoVaultInAPod().ifPresent(why -> {
            throw new ConfigException(why);
        });
        String name = spec.id() + "-in-a-pod-" + serversStarted.incrementAndGet();
        Path folder = workDir.resolve(name);
        VaultServer server = LocalVaultServer.start(
                spec,
                name,
                binaries.vault(spec.kind(), spec.version()),
                spec.hasAuthPlugin() ? binaries.authPlugin(spec.authMethod()) : null,
                PodSandbox.in(unshare.orElseThrow(), folder.resolve("pod"), URI.create(cluster.urlSeenByVault())),
                processes,
                ports,
                folder,
                serverLogDir,
                config.startTimeout());
        vaults.add(server);
        return server;
    }

    /** Every 127.x.y.z address is this machine's loopback, and Vault listens on 127.0.0.1: it sees 127.0.0.2 as such. */
    @Override
    public ClientAddresses clientAddresses() {
        try {
            return ClientAddresses.of(
                    InetAddress.getByAddress(new byte[] {127, 0, 0, 1}),
                    InetAddress.getByAddress(new byte[] {127, 0, 0, 2}));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String keepForDebugging() {
        processes.release();
        StaleRuns.keep(workDir);
        StringBuilder out = new StringBuilder(
                        "Kept for debugging (the next run of the suite removes them; or: pkill -f ")
                .append(workDir)
                .append(")\n");
        clusters.forEach((release, cluster) -> {
            if (cluster.isStarted()) {
                String folder = config.kubernetesReleases().size() > 1 ? "kubernetes-" + release : "kubernetes";
                out.append("  Kubernetes ")
                        .append(cluster.get().version())
                        .append(" at ")
                        .append(cluster.get().apiServerUrl())
                        .append("\n    kubectl --kubeconfig ")
                        .append(workDir.resolve(folder + "/admin.kubeconfig"))
                        .append(" get all -A\n");
            }
        });
        for (VaultServer vault : vaults) {
            if (isListening(vault)) {
                Path tokenFile = write(
                        workDir.resolve(
                                vault.spec().id() + "-" + vault.address().getPort() + ".token"),
                        vault.rootToken());
                out.append("  ")
                        .append(vault)
                        .append("\n    VAULT_ADDR=")
                        .append(vault.address())
                        .append(" VAULT_CACERT=")
                        .append(write(
                                workDir.resolve(vault.spec().id() + "-"
                                        + vault.address().getPort() + "-ca.pem"),
                                vault.caPem()))
                        .append(" VAULT_TOKEN=$(cat ")
                        .append(tokenFile)
                        .append(")\n");
            }
        }
        return out.toString();
    }

    private static boolean isListening(VaultServer vault) {
        try (Socket socket = new Socket()) {
            socket.connect(
                    new InetSocketAddress(
                            vault.address().getHost(), vault.address().getPort()),
                    500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path write(Path file, String content) {
        try {
            Files.writeString(file, content);
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        processes.close();
        StaleRuns.deleteRecursively(workDir);
    }
}
