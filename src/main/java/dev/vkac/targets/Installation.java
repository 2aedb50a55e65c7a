package dev.vkac.targets;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vkac.clients.Tls;
import dev.vkac.config.ServerSpec;
import dev.vkac.config.UpgradeDefect;
import dev.vkac.support.Wait;
import dev.vkac.support.Wait.Seen;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Vault or OpenBao server as an installation runs it, for upgrades: not in dev mode, on storage of its own, served
 * over TLS, initialised with one key share and unsealed by the harness (the only operator). How a release runs on that
 * storage (a process, a container) is the target's ({@link Releases}); what an upgrade does and checks is here. The
 * unseal key and root token are never printed; where the target keeps files, they are readable by the owner only.
 */
public final class Installation {

    private static final Logger LOG = LoggerFactory.getLogger(Installation.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What /v1/sys/health answers a server that serves: active, standby, not initialised, sealed. */
    private static final Set<Integer> ANSWERING = Set.of(200, 429, 501, 503);

    /** How a target runs a release of the installation on its storage, address and certificate. */
    public interface Releases {
        /** Starts a release (after the previous one stopped); {@code name} names its log. */
        void start(ServerSpec release, String name);

        /** Stops the running release; its storage stays. */
        void stop();

        /** Fails at once when the running release died, so that a wait does not outlast it. */
        void failIfDead();
    }

    private final ServerSpec spec;
    private final String name;
    private final URI address;
    private final String caPem;
    private final Releases releases;
    private final Duration timeout;
    private final UpgradeDefect defect;
    private final Path keys;
    private final HttpClient http;
    /** What the servers' logs must never show; filled in once the server is initialised. */
    private final List<String> secrets;

    private String unsealKey;
    private String rootToken;

    /**
     * @param keys    a folder to keep the unseal key and root token in (owner-only files), or null to keep them in memory
     * @param secrets where to add the unseal key and root token once known, for the target to redact from logs
     */
    private Installation(
            ServerSpec spec,
            String name,
            URI address,
            String caPem,
            Releases releases,
            Duration timeout,
            UpgradeDefect defect,
            Path keys,
            List<String> secrets) {
        this.spec = spec;
        this.name = name;
        this.address = address;
        this.caPem = caPem;
        this.releases = releases;
        this.timeout = timeout;
        this.defect = defect;
        this.keys = keys;
        this.secrets = secrets;
        this.http = HttpClient.newBuilder()
                .sslContext(Tls.sslContext(caPem))
                .connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    /** A list for the secrets a target's logs must not show, filled in by {@link #install}. */
    public static List<String> secretsList() {
        return new CopyOnWriteArrayList<>();
    }

    /**
     * Starts the release {@code spec} names first ({@link ServerSpec#installed()}), initialises and unseals it. A
     * failure stops what was started.
     *
     * @param name the server's name in the run, which its releases' logs take
     */
    public static Installation install(
            ServerSpec spec,
            String name,
            URI address,
            String caPem,
            Releases releases,
            Duration timeout,
            UpgradeDefect defect,
            Path keys,
            List<String> secrets) {
        Installation installation =
                new Installation(spec, name, address, caPem, releases, timeout, defect, keys, secrets);
        long started = System.nanoTime();
        LOG.info("installing {} on {}", spec.installed(), address);
        try {
            releases.start(spec.installed(), name);
            installation.awaitHealth(spec.installed() + " at " + address + " to answer /v1/sys/health", ANSWERING);
            installation.initialise();
            installation.unseal(spec.installed());
        } catch (RuntimeException e) {
            try {
                releases.stop(); // a column that could not be installed keeps no server
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
        LOG.info("{} installed in {} ms", spec.installed(), (System.nanoTime() - started) / 1_000_000);
        return installation;
    }

    public URI address() {
        return address;
    }

    public String caPem() {
        return caPem;
    }

    /** The installation's root token: a secret, never logged. */
    public String rootToken() {
        return rootToken;
    }

    /**
     * Stops the installed release and starts the next on the same storage, address and certificate, and unseals it;
     * with an upgrade defect (tools/prove-upgrades), that one thing goes wrong first.
     */
    public void upgradeServer() {
        long started = System.nanoTime();
        LOG.info("upgrading {}: stopping {}, starting {} on its storage", spec, spec.installed(), spec.upgradeTo());
        applyDefect();
        releases.stop();
        ServerSpec next = defect == UpgradeDefect.NO_UPGRADE ? spec.installed() : spec.upgradeTo();
        releases.start(next, name + "-upgraded");
        awaitHealth(next + " at " + address + " to answer /v1/sys/health", ANSWERING);
        unseal(next);
        LOG.info("{} upgraded in {} ms", spec, (System.nanoTime() - started) / 1_000_000);
    }

    /** Does to the installed release what the upgrade gets wrong on purpose (vkac.upgradeDefect), if anything. */
    public void applyDefect() {
        if (defect != UpgradeDefect.NONE) {
            LOG.warn("{}: the upgrade gets this wrong on purpose (vkac.upgradeDefect): {}", spec, defect.id());
            UpgradeDefects.apply(defect, this::call);
        }
    }

    /** Whether the upgrade is to leave the installed release as it is (the no-upgrade defect). */
    public boolean upgradeLeftUndone() {
        return defect == UpgradeDefect.NO_UPGRADE;
    }

    public void stop() {
        releases.stop();
    }

    /** One key share, one needed to unseal: the harness is the only operator. */
    private void initialise() {
        Map<?, ?> answer = send("PUT", "sys/init", Map.of("secret_shares", 1, "secret_threshold", 1), null, 200);
        unsealKey = String.valueOf(((List<?>) answer.get("keys_base64")).get(0));
        rootToken = String.valueOf(answer.get("root_token"));
        secrets.add(unsealKey);
        secrets.add(rootToken);
        if (keys != null) {
            writePrivate(keys.resolve("unseal.key"), unsealKey);
            writePrivate(keys.resolve("root.token"), rootToken);
        }
    }

    private void unseal(ServerSpec release) {
        send("PUT", "sys/unseal", Map.of("key", unsealKey), null, 200);
        awaitHealth(release + " at " + address + " to be unsealed and active", Set.of(200));
    }

    /** Waits for an answer of /v1/sys/health with one of these statuses. */
    private void awaitHealth(String what, Set<Integer> expected) {
        HttpRequest health = HttpRequest.newBuilder(address.resolve("/v1/sys/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        Wait.until(what, timeout, () -> {
            releases.failIfDead();
            try {
                int status = http.send(health, HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                return expected.contains(status) ? Seen.done(String.valueOf(status)) : Seen.notYet("status " + status);
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

    /** A request as the installation's root, expecting a status; the answer's body (never logged). */
    public Map<?, ?> sendAsRoot(String method, String path, Map<String, ?> body, int expected) {
        return send(method, path, body, rootToken, expected);
    }

    /** A request as the installation's root (its token held here, never shown). */
    public UpgradeDefects.Answer call(String method, String path, Map<String, ?> body) {
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

    /** The server config an installation's release runs with (raft storage, a TLS listener; sys/raw for the defects). */
    public static String serverConfig(
            URI apiAddress,
            String clusterAddress,
            String raftPath,
            String listenAddress,
            String clusterListenAddress,
            String certFile,
            String keyFile,
            UpgradeDefect defect) {
        return """
                disable_mlock = true
                api_addr = "%s"
                cluster_addr = "%s"
                storage "raft" {
                  path = "%s"
                  node_id = "vkac"
                }
                listener "tcp" {
                  address = "%s"
                  cluster_address = "%s"
                  tls_cert_file = "%s"
                  tls_key_file = "%s"
                }
                """.formatted(
                        apiAddress, clusterAddress, raftPath, listenAddress, clusterListenAddress, certFile, keyFile)
                // what tools/prove-upgrades breaks between the halves, it breaks in storage
                + (defect == UpgradeDefect.NONE ? "" : "raw_storage_endpoint = true\n");
    }

    /** Writes a file its owner only may read (keys, tokens). */
    public static void writePrivate(Path file, String content) {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
