package dev.vkac.targets.local;

import dev.vkac.config.ServerSpec;
import dev.vkac.config.UpgradeDefect;
import dev.vkac.targets.AuthPlugin;
import dev.vkac.targets.Installation;
import dev.vkac.targets.Pki;
import dev.vkac.targets.UpgradeDefects;
import dev.vkac.targets.VaultServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link Installation} on the local target: each release a process on raft storage in the target's temporary
 * folder (removed with it), served over TLS by a certificate of the run's own; the unseal key and root token in files
 * of that folder, readable by the owner only. An upgrade of the server starts the next release's binary on the same
 * storage, address and certificate; an upgrade of the auth method as a plugin registers the next plugin release and
 * tunes and reloads the mounts inside the running server.
 */
final class LocalInstallation implements Installation.Releases {

    private static final Logger LOG = LoggerFactory.getLogger(LocalInstallation.class);

    private final ProcessGroup processes;
    private final Path workDir;
    private final Path logDir;
    private final Path config;
    private final Map<ServerSpec, Path> binaries;
    /** Where the auth method's plugin releases are, each under a name of its own; null when none runs as a plugin. */
    private final Path pluginDirectory;

    private final List<String> secrets = Installation.secretsList();
    private final AtomicReference<ManagedProcess> running = new AtomicReference<>();

    private LocalInstallation(
            ProcessGroup processes,
            Path workDir,
            Path logDir,
            Path config,
            Map<ServerSpec, Path> binaries,
            Path plugins) {
        this.processes = processes;
        this.workDir = workDir;
        this.logDir = logDir;
        this.config = config;
        this.binaries = binaries;
        this.pluginDirectory = plugins;
    }

    /**
     * Installs the release {@code spec} names first, initialised and unsealed; the server's {@link VaultServer#upgrade()}
     * moves it to {@link ServerSpec#upgradeTo()}.
     */
    static VaultServer start(
            ServerSpec spec,
            String name,
            Path installedBinary,
            Path upgradeBinary,
            Path installedPlugin,
            Path upgradePlugin,
            ProcessGroup processes,
            FreePorts ports,
            Path workDir,
            Path logDir,
            Duration timeout,
            UpgradeDefect defect) {
        int port = ports.next();
        int clusterPort = ports.next();
        URI address = URI.create("https://127.0.0.1:" + port);
        Pki.Authority ca = Pki.newAuthority("vkac-installation-ca");
        Pki.Issued serving = ca.issueServer("vault", List.of("localhost"), List.of("127.0.0.1"));
        Path tls = createDirectories(workDir.resolve("tls"));
        Path cert = write(tls.resolve("server.crt"), serving.certificatePem());
        Path key = tls.resolve("server.key");
        Installation.writePrivate(key, serving.privateKeyPem());
        Path raft = createDirectories(workDir.resolve("raft"));
        // Vault runs plugins from its plugin directory only (symbolic links resolved): copies, one file per release
        Path plugins = spec.hasAuthPlugin() || spec.upgradeTo().hasAuthPlugin()
                ? createDirectories(workDir.resolve("plugins"))
                : null;
        Path config = write(
                workDir.resolve("server.hcl"),
                Installation.serverConfig(
                                address,
                                "https://127.0.0.1:" + clusterPort,
                                raft.toString(),
                                "127.0.0.1:" + port,
                                "127.0.0.1:" + clusterPort,
                                cert.toString(),
                                key.toString(),
                                defect)
                        + (plugins == null ? "" : "plugin_directory = \"" + plugins + "\"\n"));
        LocalInstallation local = new LocalInstallation(
                processes,
                workDir,
                logDir,
                config,
                Map.of(spec.installed(), installedBinary, spec.upgradeTo(), upgradeBinary),
                plugins);
        Installation installation = Installation.install(
                spec, name, address, ca.certificatePem(), local, timeout, defect, workDir, local.secrets);
        try {
            if (installedPlugin != null) {
                local.registerPlugin(installation, installedPlugin, spec.authMethod());
            }
        } catch (RuntimeException e) {
            try {
                installation.stop();
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
        return new VaultServer(
                spec,
                address,
                ca.certificatePem(),
                installation.rootToken(),
                "",
                installation::stop,
                spec.isPluginUpgrade()
                        ? () -> local.upgradePlugin(installation, spec, upgradePlugin)
                        : installation::upgradeServer,
                null);
    }

    @Override
    public void start(ServerSpec release, String name) {
        ManagedProcess process = processes.add(ManagedProcess.start(
                name,
                List.of(binaries.get(release).toString(), "server", "-config=" + config),
                workDir,
                logDir.resolve(name + ".log"),
                Map.of(),
                secrets));
        running.set(process);
    }

    @Override
    public void stop() {
        ManagedProcess process = running.getAndSet(null);
        if (process != null) {
            processes.stop(process);
            LOG.info("{} stopped", process.name());
        }
    }

    @Override
    public void failIfDead() {
        ManagedProcess process = running.get();
        if (process != null) {
            process.failIfDead();
        }
    }

    /**
     * Upgrades the auth method inside the running server as an operator would: the new release registered in the
     * catalog, every Kubernetes auth mount tuned to it ({@code plugin_version}) and reloaded.
     */
    private void upgradePlugin(Installation installation, ServerSpec spec, Path plugin) {
        long started = System.nanoTime();
        String version = spec.upgradeTo().authMethod();
        LOG.info("upgrading {}: the auth method's mounts to the plugin release {}", spec, version);
        installation.applyDefect();
        registerPlugin(installation, plugin, version);
        if (installation.upgradeLeftUndone()) {
            return;
        }
        List<String> mounts = UpgradeDefects.kubernetesMountPaths(installation::call);
        for (String mount : mounts) {
            installation.sendAsRoot("POST", "sys/auth/" + mount + "tune", Map.of("plugin_version", version), 204);
        }
        installation.sendAsRoot(
                "PUT",
                "sys/plugins/reload/backend",
                Map.of("mounts", mounts.stream().map(m -> "auth/" + m).toList()),
                200);
        LOG.info("{}: {} mounts upgraded in {} ms", spec, mounts.size(), (System.nanoTime() - started) / 1_000_000);
    }

    /** Registers a plugin release of the auth method under the names {@link AuthPlugin} mounts. */
    private void registerPlugin(Installation installation, Path binary, String version) {
        Path copy = pluginDirectory.resolve(AuthPlugin.BINARY + "-" + version);
        try {
            Files.copy(binary.toRealPath(), copy, StandardCopyOption.COPY_ATTRIBUTES);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the auth method " + version + " to " + pluginDirectory, e);
        }
        AuthPlugin.register(installation.address(), installation.caPem(), installation.rootToken(), copy, version);
    }

    private static Path write(Path file, String content) {
        try {
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
