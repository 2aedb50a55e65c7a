package dev.vkac.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The suite's one configuration model. Each setting ({@link Settings}) is read from a system property
 * ({@code -Dvkac.servers=...}), else from an environment variable ({@code VKAC_SERVERS}), else takes its default.
 * Invalid values fail here, before any server starts, with a message naming the setting.
 */
public final class SuiteConfig {

    /** Measured on 2 cores: see docs/speed.md (6, not 3: the in-pod checks wait a minute for a reload, CPU-free). */
    public static final int DEFAULT_PARALLELISM = 6;

    public static final String DEFAULT_K3S_IMAGE = "rancher/k3s:v1.32.2-k3s1";

    /** Every setting read by the constructor, so only read afterwards. */
    private final SettingValues values;

    private final ExternalSettings external;

    private SuiteConfig(Map<String, String> properties, Map<String, String> env) {
        values = SettingValues.of(properties, env);
        // first: a missing project folder is the first thing to fix, and other settings read the releases it has
        values.localVersions();
        Settings.ALL.forEach(values::get);
        external = new ExternalSettings(
                values.get(Settings.KUBECONFIG),
                values.get(Settings.KUBE_CONTEXT),
                values.get(Settings.VAULT_ADDR),
                values.get(Settings.VAULT_CACERT),
                values.get(Settings.VAULT_TOKEN),
                values.get(Settings.KUBERNETES_HOST_FOR_VAULT),
                values.get(Settings.KUBERNETES_CA_FOR_VAULT),
                values.get(Settings.VAULT_IN_A_POD));
        if (target() == TargetKind.EXTERNAL) {
            external.validate();
            if (serversAreDefault() || servers().size() != 1) {
                throw new ConfigException(
                        "vkac.target=external tests the one server at " + Settings.VAULT_ADDR.envVar()
                                + ": set " + Settings.SERVERS.names()
                                + " to its kind and version, for example openbao:2.7.2 or vault:1.14.8 (the suite checks that the server reports that version)");
            }
        }
    }

    /**
     * The reports folder of a run whose configuration is invalid (so that its report can say why): the configured one
     * when vkac.reportsDir and vkac.projectDir can be read, else the default, reports/ of the project folder or of the
     * working directory.
     */
    public static Path reportsDirFromSystem() {
        return reportsDirOf(systemProperties(), System.getenv());
    }

    static Path reportsDirOf(Map<String, String> properties, Map<String, String> env) {
        return SettingValues.invalidAsDefault(properties, env).get(Settings.REPORTS_DIR);
    }

    /** The settings given to this JVM, as given (for the report of a run that could not start); no secret is one. */
    public static Map<String, String> givenSettings() {
        return givenSettings(systemProperties(), System.getenv());
    }

    static Map<String, String> givenSettings(Map<String, String> properties, Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Setting<?> setting : Settings.ALL) {
            Setting.Given given = setting.given(properties, env);
            if (given != null && !setting.isSecret()) {
                out.put(setting.property(), given.text() + "  (" + given.source() + ")");
            }
        }
        return out;
    }

    private static Map<String, String> systemProperties() {
        return System.getProperties().stringPropertyNames().stream()
                .collect(Collectors.toMap(name -> name, System::getProperty));
    }

    /** Reads the configuration of this JVM: its system properties and environment. */
    public static SuiteConfig fromSystem() {
        return from(systemProperties(), System.getenv());
    }

    public static SuiteConfig from(Map<String, String> properties, Map<String, String> env) {
        return new SuiteConfig(properties, env);
    }

    public TargetKind target() {
        return values.get(Settings.TARGET);
    }

    /** The servers vkac.servers names, or by default those of {@link ServerVersions#defaultServers()}. */
    public List<ServerSpec> servers() {
        return values.get(Settings.SERVERS);
    }

    /**
     * The servers under test on a target: those vkac.servers names, or by default, on the local target, also Vault
     * running the default auth method releases as plugins (which only that target builds).
     */
    public List<ServerSpec> serversOn(TargetKind resolved) {
        return serversAreDefault() && resolved == TargetKind.LOCAL
                ? localVersions().defaultServers(true)
                : servers();
    }

    private boolean serversAreDefault() {
        return values.isDefault(Settings.SERVERS);
    }

    public Path serverCache() {
        return values.get(Settings.SERVER_CACHE);
    }

    public Path reportsDir() {
        return values.get(Settings.REPORTS_DIR);
    }

    /**
     * The Kubernetes releases the local target starts, one control plane each, every server under test on each
     * (the containers target's comes with vkac.k3sImage).
     */
    public List<String> kubernetesReleases() {
        return values.get(Settings.KUBERNETES);
    }

    /**
     * The columns of a run: each server, on each local Kubernetes release when there are several (then named
     * "OpenBao 2.7.2 on Kubernetes 1.35.4"); on other targets, or with one release, the servers alone.
     */
    public List<String> columns() {
        return columns(target());
    }

    /** The report's columns on a target (see {@link #serversOn}). */
    public List<String> columns(TargetKind resolved) {
        List<String> columns = new ArrayList<>();
        for (String release : clusterNames()) {
            serversOn(resolved).forEach(spec -> columns.add(column(spec, release)));
        }
        return columns;
    }

    /** The vkac.servers entry ({@link ServerSpec#text()}) each column of {@link #columns(TargetKind)} comes from. */
    public Map<String, String> specsOfColumns(TargetKind resolved) {
        Map<String, String> specs = new LinkedHashMap<>();
        for (String release : clusterNames()) {
            serversOn(resolved).forEach(spec -> specs.put(column(spec, release), spec.text()));
        }
        return specs;
    }

    /** The clusters of a run: the local Kubernetes releases when there are several, else one (named ""). */
    public List<String> clusterNames() {
        return target() == TargetKind.LOCAL && kubernetesReleases().size() > 1 ? kubernetesReleases() : List.of("");
    }

    public static String column(ServerSpec spec, String clusterName) {
        return clusterName.isEmpty() ? spec.toString() : spec + " on Kubernetes " + clusterName;
    }

    public String k3sImage() {
        return values.get(Settings.K3S_IMAGE);
    }

    public Duration startTimeout() {
        return values.get(Settings.START_TIMEOUT);
    }

    public UpgradeDefect upgradeDefect() {
        return values.get(Settings.UPGRADE_DEFECT);
    }

    public boolean keepOnFailure() {
        return values.get(Settings.KEEP_ON_FAILURE);
    }

    public boolean stopServerAtFirstFailure() {
        return values.get(Settings.STOP_SERVER_AT_FIRST_FAILURE);
    }

    /** Whether the identity entities of the suite's logins are left to Vault's owner, listed instead of removed. */
    public boolean ownerRemovesEntities() {
        return values.get(Settings.OWNER_REMOVES_ENTITIES);
    }

    /** The seed of a random check order, or empty for the guide's order. */
    public Optional<Long> checkOrderSeed() {
        return values.get(Settings.CHECK_ORDER);
    }

    /** How many conformance class invocations (a class on one server) run at once. */
    public int parallelism() {
        return values.get(Settings.PARALLELISM);
    }

    public Path projectDir() {
        return values.get(Settings.PROJECT_DIR);
    }

    public ServerVersions localVersions() {
        return values.localVersions();
    }

    /** Every class name vkac.classesOfServers lists, to be checked against the conformance classes there are. */
    public Set<String> classesNamedForServers() {
        return classesOfServers().values().stream().flatMap(Set::stream).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The only conformance classes (simple names) a vkac.servers entry runs, or none when it runs every class. */
    public List<String> onlyClassesOf(String specText) {
        return specText == null || specText.isEmpty()
                ? List.of()
                : List.copyOf(classesOfServers()
                        .getOrDefault(ServerSpec.parse(specText).id(), Set.of()));
    }

    /**
     * Whether the conformance class of this simple name runs on this server: an upgrade column runs the classes that
     * check upgrades ({@code upgradesOnly}) and they run on upgrades only; vkac.classesOfServers may narrow further.
     */
    public boolean runsClass(ServerSpec server, String classSimpleName, boolean upgradesOnly) {
        if (server.isUpgrade() != upgradesOnly) {
            return false; // an upgrade runs the upgrade checks, and they run on upgrades only
        }
        Set<String> classes = classesOfServers().get(server.id());
        return classes == null || classes.contains(classSimpleName);
    }

    /** The external target's cluster and server (validated only when that target is chosen). */
    public ExternalSettings external() {
        return external;
    }

    private Map<String, Set<String>> classesOfServers() {
        return values.get(Settings.CLASSES_OF_SERVERS).classes();
    }

    /**
     * The effective configuration, one entry per setting the chosen target uses (auto may become local or
     * containers), with where each value came from. Holds no secret.
     */
    public Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Setting<?> setting : Settings.ALL) {
            String shown = shown(setting);
            if (shown != null && setting.describedOn().contains(target())) {
                out.put(
                        setting.name(),
                        setting.isSecret() ? shown : shown + "  (" + values.source(setting) + noteOn(setting) + ")");
            }
        }
        return out;
    }

    private <T> String shown(Setting<T> setting) {
        return setting.shown().apply(values.get(setting));
    }

    private String noteOn(Setting<?> setting) {
        if (setting != Settings.SERVERS || !serversAreDefault()) {
            return "";
        }
        return "; on the local target also "
                + localVersions().defaultServers(true).stream()
                        .filter(ServerSpec::hasAuthPlugin)
                        .map(ServerSpec::text)
                        .collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
        return describe().entrySet().stream()
                .map(e -> e.getKey() + " = " + e.getValue())
                .collect(Collectors.joining("\n"));
    }
}
