package dev.vkac.external;

import dev.vkac.clients.VaultClient;
import dev.vkac.clients.VaultResponse;
import dev.vkac.config.ServerSpec;
import dev.vkac.config.SuiteConfig;
import dev.vkac.support.Secrets;
import dev.vkac.targets.InPod;
import dev.vkac.targets.KubernetesCluster;
import dev.vkac.targets.VaultServer;
import dev.vkac.targets.local.LocalTarget;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.BoundObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * For tools/run-external-target: a cluster and a Vault the suite did not start, with objects of their own, to run
 * the external target against. Started from the local target's binaries, Vault in a pod of the cluster as the
 * Helm chart runs it (the local target's pod sandbox: ServiceAccount vault/vault, bound to system:auth-delegator; the
 * settings that tell the suite so are written to {@code <state>/pod-env}), then given what a team's environment
 * has: namespaces, ServiceAccounts, Secrets and ConfigMaps; a label on namespace default; objects under the
 * guide's own names (ServiceAccount default/vault-tokenreview, ClusterRoleBinding vault-tokenreview-binding,
 * policy demo-policy, the auth mount kubernetes/ with demo-role); KV version 2 data at secret/. The suite runs
 * with the rights of fixtures/external/ only: a ServiceAccount bound to kubernetes-rights.yaml, a token with
 * vault-rights.hcl, made by tools/external-identity with the admin's credentials this writes to the state folder. A
 * snapshot is taken once seeded, another once the runner exists ({@code <state>/runner-ready}), and a last one when
 * {@code <state>/done} appears, after the runner was removed again: the process exits 0 only if the first and the last
 * are equal, byte for byte. In between, {@code <state>/compare} holding a name asks for a
 * comparison then ({@code <state>/<name>.result}: untouched or CHANGED).
 *
 * <p>Usage: {@code PreExistingEnvironment <state folder> <kind:version>} with the same settings as the local target.
 */
public final class PreExistingEnvironment {

    public static void main(String[] args) throws Exception {
        Path state = Path.of(args[0]).toAbsolutePath();
        ServerSpec spec = ServerSpec.parse(args[1]);
        Files.createDirectories(state.resolve("logs"));
        SuiteConfig config = SuiteConfig.fromSystem();
        int exit;
        try (LocalTarget target = new LocalTarget(config, state.resolve("logs"))) {
            KubernetesCluster cluster = target.cluster();
            // as the guide's and most installations run it: in a pod of the cluster (the local target's sandbox)
            VaultServer vault = target.startVaultInAPod(spec, state.resolve("logs"), cluster);
            Secrets secrets = new Secrets();
            VaultClient root = VaultClient.anonymous(vault.address(), vault.caPem(), secrets)
                    .withToken(vault.rootToken());
            try (KubernetesClient admin = new KubernetesClientBuilder()
                    .withConfig(cluster.adminConfig())
                    .build()) {
                seedKubernetes(admin, config.projectDir());
                runInItsPod(vault.inPod(), admin, cluster);
                seedVault(root, cluster, reviewerToken(admin), config.projectDir());
                // the admin's credentials: tools/external-identity makes the runner with them, and removes it again
                writePrivate(state.resolve("admin-kubeconfig"), adminKubeconfig(cluster, admin));
                EnvironmentSnapshot pristine = EnvironmentSnapshot.take(admin, root, "secret", "kubernetes");
                Files.writeString(state.resolve("pristine.json"), pristine.toJson());
                writePrivate(state.resolve("root-token"), vault.rootToken());
                Files.writeString(state.resolve("vault-ca.pem"), vault.caPem());
                Files.writeString(
                        state.resolve("admin-env"),
                        "VAULT_ADDR=" + vault.address() + "\nVAULT_CACERT=" + state.resolve("vault-ca.pem")
                                + "\nKUBECONFIG=" + state.resolve("admin-kubeconfig") + "\n");
                // what the suite is told of the pod: the settings of a Vault given in a pod of the cluster
                Files.writeString(
                        state.resolve("pod-env"),
                        "VKAC_VAULT_IN_A_POD=true\nVKAC_KUBERNETES_HOST_FOR_VAULT="
                                + vault.inPod().kubernetesHost() + "\n");
                Files.writeString(state.resolve("ready"), "");
                System.out.println(
                        "pre-existing environment ready: " + pristine.entries().size() + " objects recorded");
                // the runs are compared with the environment as it is once the runner's identity exists
                while (!Files.exists(state.resolve("runner-ready"))) {
                    Thread.sleep(200);
                }
                EnvironmentSnapshot before = EnvironmentSnapshot.take(admin, root, "secret", "kubernetes");
                Files.writeString(state.resolve("before.json"), before.toJson());
                Files.writeString(state.resolve("before-taken"), "");
                while (!Files.exists(state.resolve("done"))) {
                    Path request = state.resolve("compare");
                    if (Files.exists(request)) { // a comparison between two runs: <state>/compare names it
                        String name = Files.readString(request).strip();
                        boolean untouched = compare(before, admin, root, state, name);
                        Files.writeString(state.resolve(name + ".result"), untouched ? "untouched\n" : "CHANGED\n");
                        Files.delete(request);
                    }
                    Thread.sleep(500);
                }
                // by then tools/external-identity delete has removed the runner: the environment is as it was seeded
                exit = compare(pristine, admin, root, state, "after") ? 0 : 1;
            }
        }
        System.exit(exit);
    }

    /** Takes a snapshot, saves it as {@code <name>.json} and says whether it is byte for byte the one taken before. */
    private static boolean compare(
            EnvironmentSnapshot before, KubernetesClient admin, VaultClient root, Path state, String name)
            throws IOException {
        EnvironmentSnapshot now = EnvironmentSnapshot.take(admin, root, "secret", "kubernetes");
        Files.writeString(state.resolve(name + ".json"), now.toJson());
        List<String> differences = now.differencesFrom(before);
        if (differences.isEmpty() && now.toJson().equals(before.toJson())) {
            System.out.println("pre-existing environment untouched (" + name + "): all "
                    + now.entries().size() + " objects byte for byte as before, nothing added");
            return true;
        }
        System.out.println("pre-existing environment CHANGED (" + name + ") (" + differences.size() + "):\n  "
                + String.join("\n  ", differences));
        return false;
    }

    private static void seedKubernetes(KubernetesClient admin, Path projectDir) throws IOException {
        admin.resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("team-a")
                        .withLabels(Map.of("owner", "team-a"))
                        .endMetadata()
                        .build())
                .create();
        admin.resource(new ServiceAccountBuilder()
                        .withNewMetadata()
                        .withName("app")
                        .withNamespace("team-a")
                        .endMetadata()
                        .build())
                .create();
        admin.resource(new SecretBuilder()
                        .withNewMetadata()
                        .withName("app-config")
                        .withNamespace("team-a")
                        .endMetadata()
                        .withStringData(Map.of("password", "team-a-keeps-this"))
                        .build())
                .create();
        admin.resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("settings")
                        .withNamespace("default")
                        .endMetadata()
                        .withData(Map.of("mode", "production"))
                        .build())
                .create();
        admin.namespaces().withName("default").edit(ns -> {
            ns.getMetadata().getLabels().put("owner", "platform");
            return ns;
        });
        // someone followed the guide here before: its objects, under its names, must stay as they are
        reviewer(admin, "default", "vault-tokenreview", "vault-tokenreview-binding");
        for (int i = 0;
                i < 100
                        && admin.serviceAccounts()
                                        .inNamespace("team-a")
                                        .withName("default")
                                        .get()
                                == null;
                i++) {
            sleep(100); // the controller manager's default ServiceAccount, part of the state too
        }
    }

    /**
     * Vault's pod as the Helm chart makes it: ServiceAccount vault/vault bound to system:auth-delegator (binding
     * vault-server-binding), Pod vault/vault-0 (never scheduled here: the sandbox is its node), and in the pod's files
     * the cluster's CA, the namespace and the token the kubelet would project for vault-0, lasting as long as a run.
     */
    private static void runInItsPod(InPod pod, KubernetesClient admin, KubernetesCluster cluster) {
        admin.resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName("vault")
                        .endMetadata()
                        .build())
                .create();
        reviewer(admin, "vault", "vault", "vault-server-binding");
        Pod vault0 = admin.resource(new PodBuilder()
                        .withNewMetadata()
                        .withName("vault-0")
                        .withNamespace("vault")
                        .endMetadata()
                        .withNewSpec()
                        .withServiceAccountName("vault")
                        .withNodeSelector(Map.of("vkac.dev/no-such-node", "true"))
                        .addNewContainer()
                        .withName("vault")
                        .withImage("registry.invalid/vault:0")
                        .endContainer()
                        .endSpec()
                        .build())
                .create();
        String token = admin.serviceAccounts()
                .inNamespace("vault")
                .withName("vault")
                .tokenRequest(new TokenRequestBuilder()
                        .withNewSpec()
                        .withExpirationSeconds(7200L)
                        .withBoundObjectRef(new BoundObjectReferenceBuilder()
                                .withApiVersion("v1")
                                .withKind("Pod")
                                .withName("vault-0")
                                .withUid(vault0.getMetadata().getUid())
                                .build())
                        .endSpec()
                        .build())
                .getStatus()
                .getToken();
        pod.writeCaCert(cluster.caPem());
        pod.writeNamespace("vault");
        pod.writeToken(token);
    }

    /** A ServiceAccount that may review tokens: bound to system:auth-delegator by a ClusterRoleBinding of this name. */
    private static void reviewer(KubernetesClient admin, String namespace, String serviceAccount, String binding) {
        admin.resource(new ServiceAccountBuilder()
                        .withNewMetadata()
                        .withName(serviceAccount)
                        .withNamespace(namespace)
                        .endMetadata()
                        .build())
                .create();
        admin.resource(new ClusterRoleBindingBuilder()
                        .withNewMetadata()
                        .withName(binding)
                        .endMetadata()
                        .withNewRoleRef()
                        .withApiGroup("rbac.authorization.k8s.io")
                        .withKind("ClusterRole")
                        .withName("system:auth-delegator")
                        .endRoleRef()
                        .addNewSubject()
                        .withKind("ServiceAccount")
                        .withName(serviceAccount)
                        .withNamespace(namespace)
                        .endSubject()
                        .build())
                .create();
    }

    private static String reviewerToken(KubernetesClient admin) {
        return admin.serviceAccounts()
                .inNamespace("default")
                .withName("vault-tokenreview")
                .tokenRequest(new TokenRequestBuilder()
                        .withNewSpec()
                        .withExpirationSeconds(7200L)
                        .endSpec()
                        .build())
                .getStatus()
                .getToken();
    }

    private static void seedVault(VaultClient root, KubernetesCluster cluster, String reviewerJwt, Path projectDir)
            throws IOException {
        expect(root.write("secret/data/demo/existing", Map.of("data", Map.of("password", "keep-me"))));
        expect(root.write("secret/data/team-a/db", Map.of("data", Map.of("user", "app", "password", "also-keep-me"))));
        expect(root.put(
                "sys/policy/demo-policy",
                Map.of("policy", "path \"secret/data/demo/*\" {\n  capabilities = [\"read\"]\n}\n")));
        expect(root.write("sys/auth/kubernetes", Map.of("type", "kubernetes")));
        expect(root.write(
                "auth/kubernetes/config",
                Map.of(
                        "kubernetes_host",
                        cluster.urlSeenByVault(),
                        "kubernetes_ca_cert",
                        cluster.caPem(),
                        "token_reviewer_jwt",
                        reviewerJwt)));
        expect(root.write(
                "auth/kubernetes/role/demo-role",
                Map.of(
                        "bound_service_account_names",
                        List.of("app"),
                        "bound_service_account_namespaces",
                        List.of("team-a"),
                        "policies",
                        List.of("demo-policy"),
                        "ttl",
                        "20m")));
    }

    /**
     * The cluster owner's kubeconfig: a ServiceAccount kube-system/cluster-owner bound to cluster-admin, part of the
     * environment (a token kubeconfig: fabric8 cannot read the PKCS#8 EC key of the local target's admin certificate
     * from a kubeconfig file).
     */
    private static String adminKubeconfig(KubernetesCluster cluster, KubernetesClient admin) {
        admin.resource(new ServiceAccountBuilder()
                        .withNewMetadata()
                        .withName("cluster-owner")
                        .withNamespace("kube-system")
                        .endMetadata()
                        .build())
                .create();
        admin.resource(new ClusterRoleBindingBuilder()
                        .withNewMetadata()
                        .withName("cluster-owner")
                        .endMetadata()
                        .withNewRoleRef()
                        .withApiGroup("rbac.authorization.k8s.io")
                        .withKind("ClusterRole")
                        .withName("cluster-admin")
                        .endRoleRef()
                        .addNewSubject()
                        .withKind("ServiceAccount")
                        .withName("cluster-owner")
                        .withNamespace("kube-system")
                        .endSubject()
                        .build())
                .create();
        String token = admin.serviceAccounts()
                .inNamespace("kube-system")
                .withName("cluster-owner")
                .tokenRequest(new TokenRequestBuilder()
                        .withNewSpec()
                        .withExpirationSeconds(7200L)
                        .endSpec()
                        .build())
                .getStatus()
                .getToken();
        return """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: existing
                    cluster:
                      server: %s
                      certificate-authority-data: %s
                users:
                  - name: cluster-owner
                    user:
                      token: %s
                contexts:
                  - name: existing
                    context:
                      cluster: existing
                      user: cluster-owner
                current-context: existing
                """.formatted(cluster.apiServerUrl(), cluster.adminConfig().getCaCertData(), token);
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content);
    }

    private static VaultResponse expect(VaultResponse response) {
        if (!response.isSuccess()) {
            throw new IllegalStateException("seeding the pre-existing Vault failed: " + response);
        }
        return response;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
