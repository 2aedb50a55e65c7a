package dev.vkac.targets.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vkac.clients.Tls;
import dev.vkac.config.ServerSpec;
import dev.vkac.config.UpgradeDefect;
import dev.vkac.support.Wait;
import dev.vkac.support.Wait.Seen;
import dev.vkac.targets.AuthPlugin;
import dev.vkac.targets.Pki;
import dev.vkac.targets.VaultServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Vault or OpenBao server as an installation runs it, for upgrades: not in dev mode, with raft storage in the local
 * target's temporary folder (removed with it), served over TLS by a certificate of the run's own, initialised with
 * one key share and unsealed by the harness. The unseal key and root token are kept in files of that folder, readable
 * by the owner only, and never printed. An upgrade stops the installed release and starts the next on the same storage, address and
 * certificate, and unseals it with the same key.
 */
final class LocalInstallation {

    private static final Logger LOG = LoggerFactory.getLogger(LocalInstallation.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerSpec spec;
    private final String name;
    private final ProcessGroup processes;
    private final Path workDir;
    private final Path logDir;
    private final Duration timeout;
    private final URI address;
    private final String caPem;
    private final HttpClient http;
    private final Path config;
    /** Where the auth method's plugin releases are, each under a name of its own; null when none runs as a plugin. */
    private final Path pluginDirectory;
    /** What the servers' logs must never show; filled in once the server is initialised. */
    private final List<String> secrets = new CopyOnWriteArrayList<>();

    private final AtomicReference<ManagedProcess> running = new AtomicReference<>();
    private final UpgradeDefect defect;
    private String unsealKey;
    private String rootToken;

    private LocalInstallation(
            ServerSpec spec,
            String name,
            ProcessGroup processes,
            FreePorts ports,
            Path workDir,
            Path logDir,
            Duration timeout,
            UpgradeDefect defect) {
        this.defect = defect;
        this.spec = spec;
        this.name = name;
        this.processes = processes;
        this.workDir = workDir;
        this.logDir = logDir;
        this.timeout = timeout;
        int port = ports.next();
        int clusterPort = ports.next();
        this.address = URI.create("https://127.0.0.1:" + port);
        Pki.Authority ca = Pki.newAuthority("vkac-installation-ca");
        Pki.Issued serving = ca.issueServer("vault", List.of("localhost"), List.of("127.0.0.1"));
        this.caPem = ca.certificatePem();
        Path tls = createDirectories(workDir.resolve("tls"));
        Path cert = write(tls.resolve("server.crt"), serving.certificatePem());
        Path key = tls.resolve("server.key");
        writePrivate(key, serving.privateKeyPem());
        Path raft = createDirectories(workDir.resolve("raft"));
        // Vault runs plugins from its plugin directory only (symbolic links resolved): copies, one file per release
        this.pluginDirectory = spec.hasAuthPlugin() || spec.upgradeTo().hasAuthPlugin()
                ? createDirectories(workDir.resolve("plugins"))
                : null;
        this.config = write(
                workDir.resolve("server.hcl"),
                """
                disable_mlock = true
                api_addr = "%1$s"
                cluster_addr = "https://127.0.0.1:%2$d"
                storage "raft" {
                  path = "%3$s"
                  node_id = "vkac"
                }
                listener "tcp" {
                  address = "127.0.0.1:%4$d"
                  cluster_address = "127.0.0.1:%2$d"
                  tls_cert_file = "%5$s"
                  tls_key_file = "%6$s"
                }
                """.formatted(address, clusterPort, raft, port, cert, key)
                        + (pluginDirectory == null ? "" : "plugin_directory = \"" + pluginDirectory + "\"\n")
                        // what tools/prove-upgrades breaks between the halves, it breaks in storage
                        + (defect == UpgradeDefect.NONE ? "" : "raw_storage_endpoint = true\n"));
        this.http = HttpClient.newBuilder()
                .sslContext(Tls.sslContext(caPem))
                .connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    /**
     * Installs the release {@code spec} names first (its {@link ServerSpec#installed()}), initialised and unsealed; the
     * server's {@link VaultServer#upgrade()} moves it to {@link ServerSpec#upgradeTo()}.
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
        LocalInstallation installation =
                new LocalInstallation(spec, name, processes, ports, workDir, logDir, timeout, defect);
        long started = System.nanoTime();
        LOG.info("installing {} (raft storage, TLS) on {}", spec.installed(), installation.address);
        try {
            installation.run(spec.installed(), installedBinary, name);
            installation.initialise();
            installation.unseal(spec.installed());
            if (installedPlugin != null) {
                installation.registerPlugin(installedPlugin, spec.authMethod());
            }
        } catch (RuntimeException e) {
            installation.stop(); // a column that could not be installed keeps no server
            throw e;
        }
        LOG.info("{} installed in {} ms", spec.installed(), (System.nanoTime() - started) / 1_000_000);
        return new VaultServer(
                spec,
                installation.address,
                installation.caPem,
                installation.rootToken,
                "",
                installation::stop,
                () -> {
                    if (spec.isPluginUpgrade()) {
                        installation.upgradePlugin(upgradePlugin);
                    } else {
                        installation.upgrade(installedBinary, upgradeBinary);
                    }
                },
                null);
    }

    /**
     * Upgrades the auth method inside the running server as an operator would: the new release registered in the
     * catalog, every Kubernetes auth mount tuned to it ({@code plugin_version}) and reloaded.
     */
    private void upgradePlugin(Path plugin) {
        long started = System.nanoTime();
        String version = spec.upgradeTo().authMethod();
        LOG.info("upgrading {}: the auth method's mounts to the plugin release {}", spec, version);
        if (defect != UpgradeDefect.NONE) {
            LOG.warn("{}: the upgrade gets this wrong on purpose (vkac.upgradeDefect): {}", spec, defect.id());
            UpgradeDefects.apply(defect, this::call);
        }
        registerPlugin(plugin, version);
        if (defect == UpgradeDefect.NO_UPGRADE) {
            return;
        }
        List<String> mounts = UpgradeDefects.kubernetesMountPaths(this::call);
        for (String mount : mounts) {
            send("POST", "sys/auth/" + mount + "tune", Map.of("plugin_version", version), rootToken, 204);
        }
        send(
                "PUT",
                "sys/plugins/reload/backend",
                Map.of("mounts", mounts.stream().map(m -> "auth/" + m).toList()),
                rootToken,
                200);
        LOG.info("{}: {} mounts upgraded in {} ms", spec, mounts.size(), (System.nanoTime() - started) / 1_000_000);
    }

    /** Registers a plugin release of the auth method under the names {@link AuthPlugin} mounts. */
    private void registerPlugin(Path binary, String version) {
        Path copy = pluginDirectory.resolve(AuthPlugin.BINARY + "-" + version);
        try {
            Files.copy(binary.toRealPath(), copy, StandardCopyOption.COPY_ATTRIBUTES);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the auth method " + version + " to " + pluginDirectory, e);
        }
        AuthPlugin.register(address, caPem, rootToken, copy, version);
    }

    /** Stops the installed release and starts the next on the same storage, then unseals it. */
    private void upgrade(Path installedBinary, Path upgradeBinary) {
        long started = System.nanoTime();
        LOG.info("upgrading {}: stopping {}, starting {} on its storage", spec, spec.installed(), spec.upgradeTo());
        if (defect != UpgradeDefect.NONE) {
            LOG.warn("{}: the upgrade gets this wrong on purpose (vkac.upgradeDefect): {}", spec, defect.id());
            UpgradeDefects.apply(defect, this::call);
        }
        stop();
        run(spec.upgradeTo(), defect == UpgradeDefect.NO_UPGRADE ? installedBinary : upgradeBinary, name + "-upgraded");
        unseal(spec.upgradeTo());
        LOG.info("{} upgraded in {} ms", spec, (System.nanoTime() - started) / 1_000_000);
    }

    private void run(ServerSpec release, Path binary, String processName) {
        ManagedProcess process = processes.add(ManagedProcess.start(
                processName,
                List.of(binary.toString(), "server", "-config=" + config),
                workDir,
                logDir.resolve(processName + ".log"),
                Map.of(),
                secrets));
        running.set(process);
        awaitHealth(release + " at " + address + " to answer /v1/sys/health", Set.of(200, 429, 501, 503));
    }

    /** One key share, one needed to unseal: the harness is the only operator. */
    private void initialise() {
        Map<?, ?> answer = send("PUT", "sys/init", Map.of("secret_shares", 1, "secret_threshold", 1), null, 200);
        unsealKey = String.valueOf(((List<?>) answer.get("keys_base64")).get(0));
        rootToken = String.valueOf(answer.get("root_token"));
        secrets.add(unsealKey);
        secrets.add(rootToken);
        writePrivate(workDir.resolve("unseal.key"), unsealKey);
        writePrivate(workDir.resolve("root.token"), rootToken);
    }

    private void unseal(ServerSpec release) {
        send("PUT", "sys/unseal", Map.of("key", unsealKey), null, 200);
        awaitHealth(release + " at " + address + " to be unsealed and active", Set.of(200));
    }

    private void stop() {
        ManagedProcess process = running.getAndSet(null);
        if (process != null) {
            processes.stop(process);
            LOG.info("{} stopped", process.name());
        }
    }

    private void awaitHealth(String what, Set<Integer> statuses) {
        HttpRequest health = HttpRequest.newBuilder(address.resolve("/v1/sys/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        Wait.until(what, timeout, () -> {
            ManagedProcess process = running.get();
            if (process != null) {
                process.failIfDead();
            }
            try {
                int status = http.send(health, HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                return statuses.contains(status) ? Seen.done(String.valueOf(status)) : Seen.notYet("status " + status);
            } catch (IOException e) {
                return Seen.notYet(e.getClass().getSimpleName() + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Wait.GaveUp("interrupted");
            }
        });
    }

    /** A request of the harness's own (its answer holds secrets: it is never logged, nor is its body on failure). */
    private Map<?, ?> send(String method, String path, Map<String, ?> body, String token, int expected) {
        UpgradeDefects.Answer answer = call(method, path, body, token);
        if (answer.status() != expected) {
            throw new IllegalStateException(
                    spec + ": " + method + " /v1/" + path + " answered " + answer.status() + ", not " + expected);
        }
        return answer.body();
    }

    /** A request as the installation's root (its token held here, never shown). */
    private UpgradeDefects.Answer call(String method, String path, Map<String, ?> body) {
        return call(method, path, body, rootToken);
    }

    private UpgradeDefects.Answer call(String method, String path, Map<String, ?> body, String token) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(address.resolve("/v1/" + path))
                    .timeout(Duration.ofSeconds(30))
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (token != null) {
                request.header("X-Vault-Token", token);
            }
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new UpgradeDefects.Answer(
                    answer.statusCode(), answer.body().isBlank() ? Map.of() : JSON.readValue(answer.body(), Map.class));
        } catch (IOException e) {
            throw new UncheckedIOException(spec + ": " + method + " /v1/" + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void writePrivate(Path file, String content) {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
