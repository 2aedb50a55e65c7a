package dev.vkac.targets.local;

import dev.vkac.clients.Tls;
import dev.vkac.config.ServerSpec;
import dev.vkac.support.Wait;
import dev.vkac.support.Wait.Seen;
import dev.vkac.targets.AuditLog;
import dev.vkac.targets.AuthPlugin;
import dev.vkac.targets.VaultServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Vault or OpenBao dev server as a local process, served over TLS by its own {@code -dev-tls}
 * certificate (whose CA the suite trusts), with a random root token that is redacted from its log, and an
 * audit log next to its log.
 */
final class LocalVaultServer {

    private static final Logger LOG = LoggerFactory.getLogger(LocalVaultServer.class);

    private LocalVaultServer() {}

    /**
     * @param authPlugin the auth method's plugin binary to register over the builtin one (see {@link AuthPlugin}), or
     *                   null when {@code spec} asks for none
     * @param pod        the pod-like sandbox to run the server in, or null to run it as a plain process
     */
    static VaultServer start(
            ServerSpec spec,
            String name,
            Path binary,
            Path authPlugin,
            PodSandbox pod,
            ProcessGroup processes,
            FreePorts ports,
            Path workDir,
            Path logDir,
            Duration timeout) {
        String rootToken = "vkac-" + UUID.randomUUID();
        int port = ports.next();
        Path certDir = createDirectories(workDir.resolve("tls"));
        long started = System.nanoTime();
        LOG.info("starting {} dev server on https://127.0.0.1:{}", spec, port);
        String auditFile = logDir.resolve(name + "-audit.log").toAbsolutePath().toString();
        List<String> command = new ArrayList<>(List.of(
                binary.toString(),
                "server",
                "-dev",
                "-dev-tls",
                "-dev-tls-cert-dir=" + certDir,
                "-dev-root-token-id=" + rootToken,
                "-dev-listen-address=127.0.0.1:" + port));
        StringBuilder config = new StringBuilder();
        if (spec.kind().declaresAuditLogInConfig()) {
            config.append(AuditLog.configStanza(auditFile));
        }
        if (authPlugin != null) {
            // Vault runs plugins only from its plugin directory, symbolic links resolved (a cache may link to another);
            // a directory of its own, without -dev-plugin-dir's registration of every file in it
            authPlugin = realPath(authPlugin);
            config.append("plugin_directory = \"")
                    .append(authPlugin.getParent())
                    .append("\"\n");
        }
        if (!config.isEmpty()) {
            command.add("-config=" + write(workDir.resolve("server.hcl"), config.toString()));
        }
        ManagedProcess process = processes.add(ManagedProcess.start(
                name,
                pod == null ? command : pod.wrap(command),
                workDir,
                logDir.resolve(name + ".log"),
                pod == null ? Map.of() : pod.environment(),
                List.of(rootToken)));
        URI address = URI.create("https://127.0.0.1:" + port);
        Path caFile = certDir.resolve("vault-ca.pem");
        try {
            Wait.until(spec + " to write its dev TLS CA " + caFile, timeout, () -> {
                process.failIfDead();
                return Files.isRegularFile(caFile) && size(caFile) > 0 ? Seen.done("written") : Seen.notYet("absent");
            });
            String caPem = Files.readString(caFile);
            HttpClient http = HttpClient.newBuilder()
                    .sslContext(Tls.sslContext(caPem))
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
            HttpRequest health = HttpRequest.newBuilder(address.resolve("/v1/sys/health"))
                    .timeout(Duration.ofSeconds(2))
                    .build();
            Wait.until(spec + " at " + address + " to answer /v1/sys/health with 200", timeout, () -> {
                process.failIfDead();
                try {
                    int status = http.send(health, HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                    return status == 200 ? Seen.done("200") : Seen.notYet("status " + status);
                } catch (IOException e) {
                    return Seen.notYet(e.getClass().getSimpleName() + ": " + e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Wait.GaveUp("interrupted");
                }
            });
            LOG.info("{} ready in {} ms", spec, (System.nanoTime() - started) / 1_000_000);
            VaultServer plain = new VaultServer(spec, address, caPem, rootToken, auditFile, () -> {
                processes.stop(process);
                LOG.info("{} stopped", spec);
            });
            VaultServer server = pod == null ? plain : plain.inPod(pod.inPod());
            if (!spec.kind().declaresAuditLogInConfig()) {
                AuditLog.enableThroughApi(server);
            }
            if (authPlugin != null) {
                AuthPlugin.register(server, authPlugin, spec.authMethod());
            }
            return server;
        } catch (IOException | RuntimeException e) {
            processes.stop(process);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private static Path write(Path file, String content) {
        try {
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path realPath(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
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
