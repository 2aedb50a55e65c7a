package dev.vkac.targets.local;

import dev.vkac.config.ConfigException;
import dev.vkac.config.ServerSpec;
import dev.vkac.config.SuiteConfig;
import dev.vkac.config.TargetKind;
import dev.vkac.targets.KubernetesCluster;
import dev.vkac.targets.Target;
import dev.vkac.targets.VaultServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real servers as local processes, from binaries built by tools/install-servers: for machines without
 * Docker. Everything lives in one temporary folder, removed on close; logs go to the run's report folder.
 */
public final class LocalTarget implements Target {

    private final SuiteConfig config;
    private final ServerBinaries binaries;
    private final Path workDir;
    private final Path logDir;
    private final ProcessGroup processes = new ProcessGroup();
    private final FreePorts ports = new FreePorts();
    private final java.util.concurrent.atomic.AtomicInteger serversStarted = new java.util.concurrent.atomic.AtomicInteger();
    private KubernetesCluster cluster;

    public LocalTarget(SuiteConfig config, Path logDir) {
        this.config = config;
        this.binaries = new ServerBinaries(config.serverCache(), config.localVersions());
        this.logDir = logDir;
        for (ServerSpec spec : config.servers()) {
            checkAvailable(spec);
        }
        try {
            Path tempRoot = Path.of(System.getProperty("java.io.tmpdir"));
            StaleRuns.clean(tempRoot);
            this.workDir = Files.createTempDirectory(tempRoot, StaleRuns.PREFIX);
            StaleRuns.claim(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for the local servers", e);
        }
    }

    /** Fails before anything starts if a requested server is not one the local target can run. */
    private void checkAvailable(ServerSpec spec) {
        String installed = config.localVersions().of(spec.kind());
        if (!installed.equals(spec.version())) {
            throw new ConfigException("the local target runs " + spec.kind().displayName() + " " + installed
                    + " only (set in tools/servers/versions.env), not " + spec.version()
                    + "; other versions run on the containers target");
        }
        binaries.vault(spec.kind(), spec.version());
    }

    @Override
    public TargetKind kind() {
        return TargetKind.LOCAL;
    }

    @Override
    public synchronized KubernetesCluster kubernetes() {
        if (cluster == null) {
            cluster = new LocalControlPlane(binaries, processes, ports, workDir.resolve("kubernetes"), logDir, config.startTimeout()).start();
        }
        return cluster;
    }

    @Override
    public VaultServer startVault(ServerSpec spec, Path serverLogDir) {
        checkAvailable(spec);
        String name = spec.id() + "-" + serversStarted.incrementAndGet(); // each server its own folder and log
        return LocalVaultServer.start(spec, name, binaries.vault(spec.kind(), spec.version()), processes, ports,
                workDir.resolve(name), serverLogDir, config.startTimeout());
    }

    @Override
    public void close() {
        processes.close();
        StaleRuns.deleteRecursively(workDir);
    }

}
