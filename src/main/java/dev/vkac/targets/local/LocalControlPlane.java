package dev.vkac.targets.local;

import dev.vkac.support.Wait;
import dev.vkac.support.Wait.Seen;
import dev.vkac.targets.KubernetesCluster;
import dev.vkac.targets.Pki;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kubernetes control plane from local binaries, the way envtest runs one: etcd, kube-apiserver
 * (RBAC, service-account tokens signed with our key, TLS from our CA) and kube-controller-manager (the
 * controllers that create {@code default} ServiceAccounts, fill token Secrets and finish namespace deletion).
 * No kubelet, so no pods: the auth method never needs one.
 */
final class LocalControlPlane {

    private static final Logger LOG = LoggerFactory.getLogger(LocalControlPlane.class);
    static final String CONTROLLERS = "serviceaccount-controller,serviceaccount-token-controller,namespace-controller,"
            + "garbage-collector-controller,root-ca-certificate-publisher-controller";

    private final ServerBinaries binaries;
    private final ProcessGroup processes;
    private final FreePorts ports;
    private final Path workDir;
    private final Path logDir;
    private final Duration timeout;

    LocalControlPlane(
            ServerBinaries binaries,
            ProcessGroup processes,
            FreePorts ports,
            Path workDir,
            Path logDir,
            Duration timeout) {
        this.binaries = binaries;
        this.processes = processes;
        this.ports = ports;
        this.workDir = workDir;
        this.logDir = logDir;
        this.timeout = timeout;
    }

    KubernetesCluster start() {
        Path pki = dir("pki");
        Pki.Authority ca = Pki.newAuthority("vkac-local-ca");
        Pki.Issued serving = ca.issueServer(
                "kube-apiserver",
                List.of("localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc"),
                List.of("127.0.0.1", "10.0.0.1"));
        Pki.Issued admin = ca.issueClient("vkac-admin", "system:masters");
        KeyPair serviceAccountKeys = Pki.serviceAccountKeyPair();
        Path caFile = write(pki.resolve("ca.crt"), ca.certificatePem());
        Path servingCert = write(pki.resolve("apiserver.crt"), serving.certificatePem());
        Path servingKey = write(pki.resolve("apiserver.key"), serving.privateKeyPem());
        Path saPublic = write(pki.resolve("sa.pub"), Pki.pem(serviceAccountKeys.getPublic()));
        Path saPrivate = write(pki.resolve("sa.key"), Pki.pem(serviceAccountKeys.getPrivate()));

        int etcdPort = ports.next();
        String etcdUrl = "http://127.0.0.1:" + etcdPort;
        int peerPort = ports.next();
        long started = System.nanoTime();
        LOG.info("starting etcd on {}", etcdUrl);
        ManagedProcess etcd = processes.add(ManagedProcess.start(
                "etcd",
                List.of(
                        binaries.etcd().toString(),
                        "--name=vkac",
                        "--data-dir=" + dir("etcd-data"),
                        "--listen-client-urls=" + etcdUrl,
                        "--advertise-client-urls=" + etcdUrl,
                        "--listen-peer-urls=http://127.0.0.1:" + peerPort,
                        "--initial-advertise-peer-urls=http://127.0.0.1:" + peerPort,
                        "--initial-cluster=vkac=http://127.0.0.1:" + peerPort,
                        "--unsafe-no-fsync",
                        "--log-level=warn"),
                workDir,
                logDir.resolve("etcd.log"),
                Map.of(),
                List.of()));

        int apiPort = ports.next();
        String apiUrl = "https://127.0.0.1:" + apiPort;
        LOG.info("starting kube-apiserver on {}", apiUrl);
        ManagedProcess apiserver = processes.add(ManagedProcess.start(
                "kube-apiserver",
                List.of(
                        binaries.kubeApiserver().toString(),
                        "--etcd-servers=" + etcdUrl,
                        "--bind-address=127.0.0.1",
                        "--advertise-address=127.0.0.1",
                        "--secure-port=" + apiPort,
                        "--cert-dir=" + dir("apiserver-certs"),
                        "--tls-cert-file=" + servingCert,
                        "--tls-private-key-file=" + servingKey,
                        "--client-ca-file=" + caFile,
                        "--authorization-mode=RBAC",
                        "--service-cluster-ip-range=10.0.0.0/24",
                        "--service-account-issuer=" + apiUrl,
                        "--service-account-key-file=" + saPublic,
                        "--service-account-signing-key-file=" + saPrivate,
                        "--enable-priority-and-fairness=false",
                        // no kubelet or pods here; a loopback address cannot be published as the kubernetes Service's
                        // endpoint
                        "--endpoint-reconciler-type=none",
                        "--v=1"),
                workDir,
                logDir.resolve("kube-apiserver.log"),
                Map.of(),
                List.of()));

        Config config = adminConfig(apiUrl, ca.certificatePem(), admin);
        try (KubernetesClient client =
                new KubernetesClientBuilder().withConfig(config).build()) {
            Wait.until(
                    "kube-apiserver at " + apiUrl + " to answer /readyz with ok",
                    timeout,
                    Duration.ofMillis(500),
                    () -> {
                        etcd.failIfDead();
                        apiserver.failIfDead();
                        String body = client.raw(apiUrl + "/readyz");
                        return body != null && body.trim().equals("ok")
                                ? Seen.done("ok")
                                : Seen.notYet("readyz: " + body);
                    });
            LOG.info("kube-apiserver ready after {}s", seconds(started));

            Path kubeconfig =
                    write(workDir.resolve("admin.kubeconfig"), kubeconfig(apiUrl, ca.certificatePem(), admin));
            LOG.info("starting kube-controller-manager");
            ManagedProcess controllers = processes.add(ManagedProcess.start(
                    "kube-controller-manager",
                    List.of(
                            binaries.kubeControllerManager().toString(),
                            "--kubeconfig=" + kubeconfig,
                            "--controllers=" + CONTROLLERS,
                            "--service-account-private-key-file=" + saPrivate,
                            "--root-ca-file=" + caFile,
                            "--leader-elect=false",
                            "--bind-address=127.0.0.1",
                            "--secure-port=" + ports.next(),
                            "--cert-dir=" + dir("controller-manager-certs"),
                            "--v=1"),
                    workDir,
                    logDir.resolve("kube-controller-manager.log"),
                    Map.of(),
                    List.of()));
            Wait.until(
                    "the ServiceAccount default/default (created by kube-controller-manager)",
                    timeout,
                    Duration.ofMillis(300),
                    () -> {
                        controllers.failIfDead();
                        return client.serviceAccounts()
                                                .inNamespace("default")
                                                .withName("default")
                                                .get()
                                        != null
                                ? Seen.done("present")
                                : Seen.notYet("not created yet");
                    });
            String version = client.getKubernetesVersion().getGitVersion();
            LOG.info("Kubernetes {} control plane ready in {}s", version, seconds(started));
            return new KubernetesCluster(apiUrl, apiUrl, ca.certificatePem(), config, version);
        }
    }

    static Config adminConfig(String apiUrl, String caPem, Pki.Issued admin) {
        return new ConfigBuilder(Config.empty())
                .withMasterUrl(apiUrl)
                .withCaCertData(base64(caPem))
                .withClientCertData(base64(admin.certificatePem()))
                .withClientKeyData(base64(admin.privateKeyPem()))
                .withClientKeyAlgo("EC")
                .withRequestRetryBackoffLimit(0)
                .build();
    }

    static String kubeconfig(String apiUrl, String caPem, Pki.Issued admin) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: local
                  cluster:
                    server: %s
                    certificate-authority-data: %s
                users:
                - name: admin
                  user:
                    client-certificate-data: %s
                    client-key-data: %s
                contexts:
                - name: local
                  context: {cluster: local, user: admin}
                current-context: local
                """.formatted(apiUrl, base64(caPem), base64(admin.certificatePem()), base64(admin.privateKeyPem()));
    }

    private static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }

    private static long seconds(long startedNanos) {
        return Math.round((System.nanoTime() - startedNanos) / 1e9);
    }

    private Path dir(String name) {
        try {
            return Files.createDirectories(workDir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(Path file, String content) {
        try {
            Files.writeString(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
