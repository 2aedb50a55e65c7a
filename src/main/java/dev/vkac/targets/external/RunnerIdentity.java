package dev.vkac.targets.external;

import dev.vkac.clients.VaultClient;
import dev.vkac.clients.VaultResponse;
import dev.vkac.config.ConfigException;
import dev.vkac.config.ExternalSettings;
import dev.vkac.config.SuiteConfig;
import dev.vkac.support.Secrets;
import dev.vkac.support.Wait;
import dev.vkac.support.Wait.Seen;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * tools/external-identity: the least-privilege identity the suite runs as on an existing cluster and Vault, made
 * from the rights files of fixtures/external/ by someone who is admin there, and removed again. In the cluster: a
 * namespace with a ServiceAccount, the ClusterRole of kubernetes-rights.yaml and its binding to that ServiceAccount;
 * in Vault: the policy of vault-rights.hcl and a token holding only it (no default policy), both for a limited time.
 * The runner's files (a kubeconfig and the token, both private, and an env file) go to one folder; nothing secret is
 * printed. Its names are not the suite's (vkac-...): the runner may not rewrite its own policy. Over 300 lines because
 * making and removing each object sit side by side, so that the removal cannot drift from what is made.
 */
public final class RunnerIdentity {

    static final String NAME = "vault-k8s-auth-conformance-runner";
    private static final String SERVICE_ACCOUNT = "runner";

    private final KubernetesClient admin;
    private final VaultClient vault;
    private final ExternalSettings settings;
    private final Path projectDir;
    private final Path out;
    private final boolean dryRun;
    private final boolean ownerRemovesEntities;
    private final Consumer<String> report;

    RunnerIdentity(
            KubernetesClient admin,
            VaultClient vault,
            ExternalSettings settings,
            Path projectDir,
            Path out,
            boolean dryRun,
            boolean ownerRemovesEntities,
            Consumer<String> report) {
        this.ownerRemovesEntities = ownerRemovesEntities;
        this.admin = admin;
        this.vault = vault;
        this.settings = settings;
        this.projectDir = projectDir;
        this.out = out;
        this.dryRun = dryRun;
        this.report = report;
    }

    /** Makes the identity, valid for {@code lifetime}, and writes the runner's files. */
    void create(Duration lifetime) throws IOException {
        if (Files.exists(out.resolve("env"))) {
            throw new ConfigException("external-identity: " + out
                    + " already holds a runner identity: delete it first (tools/external-identity delete)");
        }
        ClusterRole rights = clusterRole();
        step("create namespace " + NAME + ", ServiceAccount " + NAME + "/" + SERVICE_ACCOUNT, () -> {
            admin.resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName(NAME)
                            .endMetadata()
                            .build())
                    .create();
            admin.resource(new ServiceAccountBuilder()
                            .withNewMetadata()
                            .withName(SERVICE_ACCOUNT)
                            .withNamespace(NAME)
                            .endMetadata()
                            .build())
                    .create();
        });
        step(
                "create ClusterRole " + rights.getMetadata().getName()
                        + " (fixtures/external/kubernetes-rights.yaml) and its ClusterRoleBinding " + NAME
                        + " to that ServiceAccount",
                () -> {
                    admin.resource(rights).create();
                    admin.resource(new ClusterRoleBindingBuilder()
                                    .withNewMetadata()
                                    .withName(NAME)
                                    .endMetadata()
                                    .withNewRoleRef()
                                    .withApiGroup("rbac.authorization.k8s.io")
                                    .withKind("ClusterRole")
                                    .withName(rights.getMetadata().getName())
                                    .endRoleRef()
                                    .addNewSubject()
                                    .withKind("ServiceAccount")
                                    .withName(SERVICE_ACCOUNT)
                                    .withNamespace(NAME)
                                    .endSubject()
                                    .build())
                            .create();
                });
        step(
                "write Vault policy " + NAME + " (" + VaultRights.FILE
                        + (ownerRemovesEntities
                                ? ", without listing or deleting entities: their owner removes them"
                                : "")
                        + ")",
                () -> expect(vault.put(
                        "sys/policy/" + NAME, Map.of("policy", VaultRights.policy(projectDir, ownerRemovesEntities)))));
        step(
                "write " + out + "/kubeconfig (a token of that ServiceAccount, valid " + lifetime.toMinutes()
                        + " min), " + out + "/vault-token (a token with only that policy, valid as long) and " + out
                        + "/env",
                () -> {
                    String kubernetesToken = admin.serviceAccounts()
                            .inNamespace(NAME)
                            .withName(SERVICE_ACCOUNT)
                            .tokenRequest(new TokenRequestBuilder()
                                    .withNewSpec()
                                    .withExpirationSeconds(lifetime.toSeconds())
                                    .endSpec()
                                    .build())
                            .getStatus()
                            .getToken();
                    VaultResponse token = expect(vault.write(
                            "auth/token/create",
                            Map.of(
                                    "policies",
                                    List.of(NAME),
                                    "no_default_policy",
                                    true,
                                    "ttl",
                                    lifetime.toSeconds() + "s",
                                    "explicit_max_ttl",
                                    lifetime.toSeconds() + "s",
                                    "renewable",
                                    false,
                                    "display_name",
                                    NAME)));
                    Files.createDirectories(out);
                    writePrivate(out.resolve("kubeconfig"), kubeconfig(kubernetesToken));
                    writePrivate(
                            out.resolve("vault-token"),
                            String.valueOf(token.auth().get("client_token")));
                    writePrivate(
                            out.resolve("vault-token-accessor"),
                            String.valueOf(token.auth().get("accessor")));
                    writePrivate(
                            out.resolve("env"),
                            "VAULT_ADDR=" + settings.vaultAddress() + "\nVAULT_CACERT="
                                    + settings.vaultCaFile().toAbsolutePath() + "\nKUBECONFIG="
                                    + out.resolve("kubeconfig").toAbsolutePath() + "\n");
                });
    }

    /** Removes what {@link #create} made: the token first, then the policy, the binding, the role, the namespace. */
    void delete() throws IOException {
        Path accessor = out.resolve("vault-token-accessor");
        if (Files.exists(accessor)) {
            String value = Files.readString(accessor).strip();
            step("revoke the runner's Vault token (by its accessor)", () -> {
                VaultResponse revoked = vault.write("auth/token/revoke-accessor", Map.of("accessor", value));
                if (!revoked.isSuccess() && revoked.status() != 400) { // 400: already expired or revoked
                    throw new IllegalStateException(
                            "cannot revoke the runner's token: " + revoked.status() + " " + revoked.errors());
                }
            });
        }
        step("delete Vault policy " + NAME, () -> expect(vault.delete("sys/policy/" + NAME)));
        step(
                "delete ClusterRoleBinding " + NAME + ", ClusterRole "
                        + clusterRole().getMetadata().getName() + " and namespace " + NAME,
                () -> {
                    admin.rbac().clusterRoleBindings().withName(NAME).delete();
                    admin.rbac()
                            .clusterRoles()
                            .withName(clusterRole().getMetadata().getName())
                            .delete();
                    admin.namespaces().withName(NAME).delete();
                    Wait.until("namespace " + NAME + " gone", Duration.ofSeconds(90), () -> {
                        var namespace = admin.namespaces().withName(NAME).get();
                        return namespace == null
                                ? Seen.done("gone")
                                : Seen.notYet(
                                        String.valueOf(namespace.getStatus().getPhase()));
                    });
                });
        step("delete the runner's files in " + out, () -> {
            for (String file : List.of("kubeconfig", "vault-token", "vault-token-accessor", "env")) {
                Files.deleteIfExists(out.resolve(file));
            }
            try (var left = Files.list(out)) {
                if (left.findAny().isEmpty()) {
                    Files.delete(out); // the folder create made; one holding something else stays
                }
            } catch (NoSuchFileException gone) {
                // nothing to remove
            }
        });
    }

    private ClusterRole clusterRole() throws IOException {
        try (InputStream file = Files.newInputStream(projectDir.resolve("fixtures/external/kubernetes-rights.yaml"))) {
            for (HasMetadata object : admin.load(file).items()) {
                if (object instanceof ClusterRole role) {
                    return role;
                }
            }
        }
        throw new ConfigException("fixtures/external/kubernetes-rights.yaml holds no ClusterRole");
    }

    private String kubeconfig(String token) {
        Config config = admin.getConfiguration();
        String ca =
                config.getCaCertData() != null ? config.getCaCertData() : base64(read(Path.of(config.getCaCertFile())));
        return """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: cluster
                    cluster:
                      server: %s
                      certificate-authority-data: %s
                users:
                  - name: %s
                    user:
                      token: %s
                contexts:
                  - name: %s
                    context:
                      cluster: cluster
                      user: %s
                current-context: %s
                """.formatted(config.getMasterUrl().replaceAll("/$", ""), ca, NAME, token, NAME, NAME, NAME);
    }

    private interface Action {
        void run() throws IOException;
    }

    private void step(String what, Action action) throws IOException {
        if (dryRun) {
            report.accept("would " + what);
            return;
        }
        action.run();
        report.accept("done: " + what);
    }

    private static VaultResponse expect(VaultResponse response) {
        if (!response.isSuccess()) {
            throw new IllegalStateException(
                    response.request() + " failed: " + response.status() + " " + response.errors());
        }
        return response;
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code create|delete [--dry-run] [--owner-removes-entities] [--out DIR] [--ttl MINUTES]}, as an admin of the cluster and Vault. */
    public static void main(String[] args) throws IOException {
        List<String> arguments = new ArrayList<>(List.of(args));
        boolean dryRun = arguments.remove("--dry-run");
        boolean ownerRemovesEntities = arguments.remove("--owner-removes-entities");
        Path out = Path.of(option(
                arguments,
                "--out",
                Path.of(System.getProperty("user.home"), ".config", "vault-k8s-auth-conformance", "runner")
                        .toString()));
        Duration lifetime = Duration.ofMinutes(Long.parseLong(option(arguments, "--ttl", "120")));
        if (arguments.size() != 1 || !List.of("create", "delete").contains(arguments.get(0))) {
            System.err.println(
                    "usage: tools/external-identity create|delete [--dry-run] [--owner-removes-entities] [--out DIR] [--ttl MINUTES]");
            System.exit(2);
        }
        try {
            ExternalSettings settings = SuiteConfig.fromSystem().external();
            settings.validate();
            VaultClient vault = VaultClient.anonymous(
                            URI.create(settings.vaultAddress()),
                            Files.readString(settings.vaultCaFile()),
                            new Secrets())
                    .withToken(settings.vaultToken());
            try (KubernetesClient admin = new KubernetesClientBuilder()
                    .withConfig(Config.fromKubeconfig(
                            settings.context(), settings.kubeconfig().toFile()))
                    .build()) {
                RunnerIdentity identity = new RunnerIdentity(
                        admin,
                        vault,
                        settings,
                        SuiteConfig.fromSystem().projectDir(),
                        out,
                        dryRun,
                        ownerRemovesEntities,
                        line -> System.out.println("external-identity: " + line));
                if (arguments.get(0).equals("create")) {
                    identity.create(lifetime);
                    if (!dryRun) {
                        System.out.println("external-identity: run the suite as the runner with\n  (set -a; source "
                                + out.resolve("env")
                                + "; set +a; VAULT_TOKEN=$(cat " + out.resolve("vault-token")
                                + ") ./mvnw verify -Pconformance -Dvkac.target=external"
                                + " -Dvkac.servers=<kind:version>"
                                + (ownerRemovesEntities ? " -Dvkac.ownerRemovesEntities=true" : "") + ")");
                    }
                } else {
                    identity.delete();
                }
            }
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
        System.exit(0);
    }

    private static String option(List<String> arguments, String name, String fallback) {
        int at = arguments.indexOf(name);
        if (at < 0) {
            return fallback;
        }
        if (at + 1 >= arguments.size()) {
            System.err.println("external-identity: " + name + " needs a value");
            System.exit(2);
        }
        String value = arguments.get(at + 1);
        arguments.remove(at + 1);
        arguments.remove(at);
        return value;
    }
}
