package dev.vkac.targets.external;

import dev.vkac.clients.VaultClient;
import dev.vkac.clients.VaultResponse;
import dev.vkac.config.ExternalSettings;
import dev.vkac.config.ServerKind;
import dev.vkac.config.ServerSpec;
import dev.vkac.support.Secrets;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLHandshakeException;

/**
 * What the external target checks once, before any class: Vault is reached over TLS with VAULT_CACERT, reports the
 * version vkac.servers names, and the token and the kubeconfig hold the rights of {@code fixtures/external/}. A
 * failure is one short block naming the setting to fix; nothing has been created yet.
 */
final class PreFlight {

    /** Stands for the {@code *} of a rights file's path when asking Vault what the token may do there. */
    private static final String SAMPLE_NAME = "preflight";

    private static final Pattern POLICY_PATH =
            Pattern.compile("path\\s+\"([^\"]+)\"\\s*\\{\\s*capabilities\\s*=\\s*\\[([^\\]]*)\\]");

    private final ExternalSettings settings;
    private final Path rightsDir;
    private final Path projectDir;
    private final boolean ownerRemovesEntities;

    PreFlight(ExternalSettings settings, Path projectDir, boolean ownerRemovesEntities) {
        this.settings = settings;
        this.rightsDir = projectDir.resolve("fixtures/external");
        this.projectDir = projectDir;
        this.ownerRemovesEntities = ownerRemovesEntities;
    }

    /** Vault over TLS and its version: the first request the suite would send, made here with its cause told. */
    void checkVault(List<ServerSpec> servers) {
        String caPem = read(settings.vaultCaFile());
        URI address = URI.create(settings.vaultAddress());
        VaultResponse status;
        try {
            status = VaultClient.anonymous(address, caPem, new Secrets()).read("sys/seal-status");
        } catch (UncheckedIOException e) {
            if (TlsDiagnosis.causedBy(e, SSLHandshakeException.class)) {
                throw new PreFlightFailed(
                        "Vault at " + address
                                + " (VAULT_ADDR) presents a certificate that VAULT_CACERT does not verify."
                                + "\n  its certificate: " + TlsDiagnosis.presentedChain(address)
                                + "\n  VAULT_CACERT " + settings.vaultCaFile() + " holds: "
                                + TlsDiagnosis.subjects(caPem)
                                + "\n  fix: set VAULT_CACERT (or -Dvkac.vaultCacert) to the CA file (PEM) that issued Vault's certificate");
            }
            throw new PreFlightFailed(
                    "cannot reach Vault at " + address + " (VAULT_ADDR): "
                            + TlsDiagnosis.rootCause(e).getMessage()
                            + "\n  fix: set VAULT_ADDR (or -Dvkac.vaultAddr) to the address the vault CLI uses for this server");
        }
        if (status.status() != 200 || status.body().get("version") == null) {
            throw new PreFlightFailed("Vault at " + address + " (VAULT_ADDR) answered sys/seal-status with "
                    + status.status() + ", not with its version: is it "
                    + ServerKind.joined(ServerKind::displayName, " or ") + "?");
        }
        String reported = String.valueOf(status.body().get("version"))
                .replaceFirst("^v", "")
                .split("[+ ]")[0];
        if (Boolean.TRUE.equals(status.body().get("sealed"))) {
            throw new PreFlightFailed(
                    "Vault at " + address + " (VAULT_ADDR, version " + reported + ") is sealed: unseal it first");
        }
        Optional<ServerKind> kind = reportedKind(status.body());
        List<ServerSpec> others = servers.stream()
                .filter(spec -> !spec.version().equals(reported) || kind.isPresent() && spec.kind() != kind.get())
                .toList();
        if (!others.isEmpty()) {
            throw new PreFlightFailed("vkac.servers names "
                    + others.stream().map(ServerSpec::toString).collect(Collectors.joining(", "))
                    + ", but the server at " + address + " (VAULT_ADDR) is "
                    + kind.map(ServerKind::displayName).orElse(ServerKind.joined(ServerKind::displayName, " or "))
                    + " " + reported + " (sys/seal-status"
                    + kind.map(k -> ", which carries " + k.sealStatusField() + " as " + k.displayName() + "'s does")
                            .orElse("")
                    + ")."
                    + "\n  fix: to check it as what it is, -Dvkac.servers="
                    + kind.map(k -> k.id() + ":" + reported)
                            .orElse(ServerKind.joined(
                                    k -> k.id() + ":" + reported + " (" + k.displayName() + ")", " or "))
                    + "; or point VAULT_ADDR at the server you meant");
        }
    }

    /**
     * The product a sys/seal-status answer comes from, where it tells ({@link ServerKind#sealStatusField}). Both lines
     * share version numbers from 2.0 on, so the version alone does not tell.
     */
    static Optional<ServerKind> reportedKind(Map<String, ?> sealStatus) {
        return ServerKind.fromSealStatus(sealStatus.keySet());
    }

    /** The token's capabilities on every path of vault-rights.hcl (with its {@code *} a name of the suite's). */
    void checkToken(String caPem) {
        Map<String, List<String>> required = requiredCapabilities();
        VaultClient token = VaultClient.anonymous(URI.create(settings.vaultAddress()), caPem, new Secrets())
                .withToken(settings.vaultToken());
        VaultResponse answer = token.write("sys/capabilities-self", Map.of("paths", List.copyOf(required.keySet())));
        if (answer.status() != 200) {
            throw new PreFlightFailed("VAULT_TOKEN may not ask " + settings.vaultAddress()
                    + " what it may do (sys/capabilities-self answered "
                    + answer.status() + ": "
                    + String.join("; ", answer.errors()).replaceAll("\\s+", " ").strip()
                    + "): it is no valid token, or lacks that right"
                    + "\n  fix: set VAULT_TOKEN to a valid token with the policy "
                    + rightsDir.resolve("vault-rights.hcl")
                    + " (tools/external-identity create makes one)");
        }
        List<String> missing = new ArrayList<>();
        required.forEach((path, capabilities) -> {
            Object granted = answer.data().containsKey(path)
                    ? answer.data().get(path)
                    : answer.body().get(path);
            List<?> held = granted instanceof List<?> list ? list : List.of();
            if (!held.contains("root")) {
                List<String> lacking =
                        capabilities.stream().filter(c -> !held.contains(c)).toList();
                if (!lacking.isEmpty()) {
                    missing.add(String.join(", ", lacking) + " on " + path);
                }
            }
        });
        if (!missing.isEmpty()) {
            throw new PreFlightFailed("VAULT_TOKEN lacks rights the suite needs: " + String.join("; ", missing)
                    + "\n  fix: give the token the policy " + rightsDir.resolve("vault-rights.hcl")
                    + " (tools/external-identity create makes one)");
        }
    }

    /** The kubeconfig's identity against every rule of kubernetes-rights.yaml, asked of the API server itself. */
    void checkKubernetes(KubernetesClient client) {
        Map<String, List<String>> missing = new LinkedHashMap<>(); // what → the verbs lacking on it
        for (PolicyRule rule : requiredRules(client)) {
            for (String verb : rule.getVerbs()) {
                if (!rule.getNonResourceURLs().isEmpty()) {
                    for (String url : rule.getNonResourceURLs()) {
                        if (!allowed(
                                client,
                                new SelfSubjectAccessReviewBuilder()
                                        .withNewSpec()
                                        .withNewNonResourceAttributes()
                                        .withPath(url)
                                        .withVerb(verb)
                                        .endNonResourceAttributes()
                                        .endSpec()
                                        .build())) {
                            missing.computeIfAbsent(url, what -> new ArrayList<>())
                                    .add(verb);
                        }
                    }
                    continue;
                }
                for (String group : rule.getApiGroups()) {
                    for (String resource : rule.getResources()) {
                        String[] parts = resource.split("/", 2);
                        if (!allowed(
                                client,
                                new SelfSubjectAccessReviewBuilder()
                                        .withNewSpec()
                                        .withNewResourceAttributes()
                                        .withGroup(group)
                                        .withResource(parts[0])
                                        .withSubresource(parts.length > 1 ? parts[1] : null)
                                        .withVerb(verb)
                                        .endResourceAttributes()
                                        .endSpec()
                                        .build())) {
                            missing.computeIfAbsent(
                                            (group.isEmpty() ? "" : group + "/") + resource, what -> new ArrayList<>())
                                    .add(verb);
                        }
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new PreFlightFailed("the kubeconfig's identity (" + settings.kubeconfig()
                    + ") lacks rights the suite needs, in every namespace: "
                    + missing.entrySet().stream()
                            .map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
                            .collect(Collectors.joining(", "))
                    + "\n  fix: bind it to the ClusterRole of " + rightsDir.resolve("kubernetes-rights.yaml")
                    + " (tools/external-identity create makes one)");
        }
    }

    private static boolean allowed(KubernetesClient client, SelfSubjectAccessReview review) {
        return Boolean.TRUE.equals(client.authorization()
                .v1()
                .selfSubjectAccessReview()
                .create(review)
                .getStatus()
                .getAllowed());
    }

    private List<PolicyRule> requiredRules(KubernetesClient client) {
        try (InputStream rights = Files.newInputStream(rightsDir.resolve("kubernetes-rights.yaml"))) {
            List<PolicyRule> rules = new ArrayList<>();
            for (HasMetadata object : client.load(rights).items()) {
                if (object instanceof ClusterRole role) {
                    rules.addAll(role.getRules());
                }
            }
            return rules;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Each path of vault-rights.hcl, its {@code *} replaced by a name the suite could give, with its capabilities
     * (without listing and deleting entities when their owner removes them).
     */
    Map<String, List<String>> requiredCapabilities() {
        return requiredCapabilities(VaultRights.policy(projectDir, ownerRemovesEntities));
    }

    static Map<String, List<String>> requiredCapabilities(String policy) {
        Map<String, List<String>> required = new LinkedHashMap<>();
        Matcher matcher = POLICY_PATH.matcher(policy.replaceAll("(?m)#.*$", ""));
        while (matcher.find()) {
            List<String> capabilities = Pattern.compile("\"([^\"]+)\"")
                    .matcher(matcher.group(2))
                    .results()
                    .map(r -> r.group(1))
                    .toList();
            required.put(matcher.group(1).replace("*", SAMPLE_NAME), capabilities);
        }
        return required;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
