package dev.vkac.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The suite's one configuration model. Each setting is read from a system property ({@code -Dvkac.servers=...}),
 * else from an environment variable ({@code VKAC_SERVERS}), else takes its default. Invalid values fail here,
 * before any server starts, with a message naming the setting.
 */
public final class SuiteConfig {

    /** A setting: its system property, its environment variable, and what it means (documented in docs/configuration.md). */
    public enum Setting {
        TARGET("vkac.target", "VKAC_TARGET", "where servers come from: auto, local, containers or external"),
        SERVERS(
                "vkac.servers",
                "VKAC_SERVERS",
                "servers under test, comma-separated kind:version[=image][+auth-vX.Y.Z]"),
        SERVER_CACHE("vkac.serverCache", "VKAC_SERVER_CACHE", "where tools/install-servers put the local binaries"),
        REPORTS_DIR("vkac.reportsDir", "VKAC_REPORTS_DIR", "where each run writes its reports"),
        K3S_IMAGE("vkac.k3sImage", "VKAC_K3S_IMAGE", "k3s image of the containers target"),
        KUBERNETES(
                "vkac.kubernetes",
                "VKAC_KUBERNETES",
                "Kubernetes releases of the local target, comma-separated, of tools/servers/versions.env's"),
        START_TIMEOUT("vkac.startTimeout", "VKAC_START_TIMEOUT", "seconds to wait for each server to be ready"),
        CHECK_ORDER(
                "vkac.checkOrder",
                "VKAC_CHECK_ORDER",
                "guide (the guide's order) or random[:seed] (shows no check depends on another)"),
        PARALLELISM(
                "vkac.parallelism",
                "VKAC_PARALLELISM",
                "how many conformance classes, each on one server, run at once"),
        KEEP_ON_FAILURE(
                "vkac.keepOnFailure",
                "VKAC_KEEP_ON_FAILURE",
                "after a failure, leave the local servers and objects in place for debugging"),
        STOP_SERVER_AT_FIRST_FAILURE(
                "vkac.stopServerAtFirstFailure",
                "VKAC_STOP_SERVER_AT_FIRST_FAILURE",
                "once a server fails a check, skip its checks not yet started (a mutation run needs one red check per server)"),
        PROJECT_DIR("vkac.projectDir", "VKAC_PROJECT_DIR", "the suite's folder (fixtures/, tools/)"),
        KUBECONFIG(
                "vkac.kubeconfig",
                "KUBECONFIG",
                "external target: the kubeconfig of the cluster (default ~/.kube/config)"),
        KUBE_CONTEXT(
                "vkac.kubeContext",
                "VKAC_KUBE_CONTEXT",
                "external target: the kubeconfig context (default: its current context)"),
        VAULT_ADDR("vkac.vaultAddr", "VAULT_ADDR", "external target: the Vault or OpenBao server, https://..."),
        VAULT_CACERT(
                "vkac.vaultCacert",
                "VAULT_CACERT",
                "external target: the CA (PEM file) the server's certificate chains to"),
        KUBERNETES_HOST_FOR_VAULT(
                "vkac.kubernetesHostForVault",
                "VKAC_KUBERNETES_HOST_FOR_VAULT",
                "external target: the API server's address as Vault reaches it (default: the kubeconfig's; in-cluster Vault: https://kubernetes.default.svc)"),
        KUBERNETES_CA_FOR_VAULT(
                "vkac.kubernetesCaForVault",
                "VKAC_KUBERNETES_CA_FOR_VAULT",
                "external target: the CA (PEM file) Vault verifies that address with (default: the kubeconfig's)"),
        OWNER_REMOVES_ENTITIES(
                "vkac.ownerRemovesEntities",
                "VKAC_OWNER_REMOVES_ENTITIES",
                "leave the identity entities the suite's logins create to Vault's owner: listed in the run's entities-for-the-owner.txt, not removed, so the token needs only read on identity/entity/id/*"),
        CLASSES_OF_SERVERS(
                "vkac.classesOfServers",
                "VKAC_CLASSES_OF_SERVERS",
                "a file of lines '<vkac.servers entry><TAB><class>,<class>...': a server listed there runs only those conformance classes, every other server all of them");

        private final String property;
        private final String envVar;
        private final String meaning;

        Setting(String property, String envVar, String meaning) {
            this.property = property;
            this.envVar = envVar;
            this.meaning = meaning;
        }

        public String property() {
            return property;
        }

        public String envVar() {
            return envVar;
        }
    }

    /** Measured on 2 cores: see docs/speed.md. */
    public static final int DEFAULT_PARALLELISM = 3;

    public static final String DEFAULT_K3S_IMAGE = "rancher/k3s:v1.32.2-k3s1";

    private final TargetKind target;
    private final List<ServerSpec> servers;
    private final Path serverCache;
    private final Path reportsDir;
    private final String k3sImage;
    private final List<String> kubernetes;
    private final Duration startTimeout;
    private final boolean keepOnFailure;
    private final boolean stopServerAtFirstFailure;
    private final boolean ownerRemovesEntities;
    private final int parallelism;
    private final Long checkOrderSeed;
    private final Path projectDir;
    private final ServerVersions localVersions;
    private final ExternalSettings external;
    private final Path classesOfServersFile;
    /** Server id to the simple names of the conformance classes it runs; a server not in it runs every class. */
    private final Map<String, Set<String>> classesOfServers;

    private final Map<Setting, String> sources = new LinkedHashMap<>();

    private SuiteConfig(Map<String, String> properties, Map<String, String> env) {
        Function<Setting, String> raw = setting -> {
            String fromProperty = blankToNull(properties.get(setting.property));
            if (fromProperty != null) {
                sources.put(setting, "system property " + setting.property);
                return fromProperty;
            }
            String fromEnv = blankToNull(env.get(setting.envVar));
            if (fromEnv != null) {
                sources.put(setting, "environment " + setting.envVar);
                return fromEnv;
            }
            sources.put(setting, "default");
            return null;
        };
        projectDir = projectDirOf(raw.apply(Setting.PROJECT_DIR));
        localVersions = ServerVersions.read(projectDir);
        String targetText = raw.apply(Setting.TARGET);
        target = targetText == null ? TargetKind.AUTO : parse(Setting.TARGET, targetText, TargetKind::parse);
        String serversText = raw.apply(Setting.SERVERS);
        servers = serversText == null
                ? defaultServers(localVersions)
                : parse(Setting.SERVERS, serversText, SuiteConfig::parseServers);
        String cacheText = raw.apply(Setting.SERVER_CACHE);
        serverCache = cacheText != null ? Path.of(cacheText).toAbsolutePath() : defaultServerCache(env);
        String reportsText = raw.apply(Setting.REPORTS_DIR);
        reportsDir = reportsDirOf(reportsText, projectDir);
        k3sImage = Objects.requireNonNullElse(raw.apply(Setting.K3S_IMAGE), DEFAULT_K3S_IMAGE);
        String kubernetesText = raw.apply(Setting.KUBERNETES);
        kubernetes = kubernetesText == null
                ? List.of(localVersions.kubernetes())
                : parse(Setting.KUBERNETES, kubernetesText, this::parseKubernetesReleases);
        String timeoutText = raw.apply(Setting.START_TIMEOUT);
        startTimeout = timeoutText == null
                ? Duration.ofSeconds(120)
                : parse(Setting.START_TIMEOUT, timeoutText, SuiteConfig::parseSeconds);
        String keepText = raw.apply(Setting.KEEP_ON_FAILURE);
        keepOnFailure = keepText != null && parse(Setting.KEEP_ON_FAILURE, keepText, SuiteConfig::parseBoolean);
        String stopText = raw.apply(Setting.STOP_SERVER_AT_FIRST_FAILURE);
        stopServerAtFirstFailure =
                stopText != null && parse(Setting.STOP_SERVER_AT_FIRST_FAILURE, stopText, SuiteConfig::parseBoolean);
        String ownerText = raw.apply(Setting.OWNER_REMOVES_ENTITIES);
        ownerRemovesEntities =
                ownerText != null && parse(Setting.OWNER_REMOVES_ENTITIES, ownerText, SuiteConfig::parseBoolean);
        String parallelismText = raw.apply(Setting.PARALLELISM);
        parallelism = parallelismText == null
                ? DEFAULT_PARALLELISM
                : parse(Setting.PARALLELISM, parallelismText, SuiteConfig::parseParallelism);
        String orderText = raw.apply(Setting.CHECK_ORDER);
        checkOrderSeed = orderText == null ? null : parse(Setting.CHECK_ORDER, orderText, SuiteConfig::parseCheckOrder);
        String kubeconfigText = raw.apply(Setting.KUBECONFIG);
        external = new ExternalSettings(
                kubeconfigText != null
                        ? Path.of(kubeconfigText.split(java.io.File.pathSeparator)[0])
                                .toAbsolutePath()
                        : Path.of(System.getProperty("user.home"), ".kube", "config"),
                raw.apply(Setting.KUBE_CONTEXT),
                raw.apply(Setting.VAULT_ADDR),
                pathOrNull(raw.apply(Setting.VAULT_CACERT)),
                blankToNull(env.get(ExternalSettings.TOKEN_VARIABLE)),
                raw.apply(Setting.KUBERNETES_HOST_FOR_VAULT),
                pathOrNull(raw.apply(Setting.KUBERNETES_CA_FOR_VAULT)));
        classesOfServersFile = pathOrNull(raw.apply(Setting.CLASSES_OF_SERVERS));
        classesOfServers = classesOfServersFile == null
                ? Map.of()
                : parse(
                        Setting.CLASSES_OF_SERVERS,
                        classesOfServersFile.toString(),
                        text -> parseClassesOfServers(classesOfServersFile, servers));
        if (target == TargetKind.EXTERNAL) {
            external.validate();
            if (serversText == null || servers.size() != 1) {
                throw new ConfigException(
                        "vkac.target=external tests the one server at " + Setting.VAULT_ADDR.envVar
                                + ": set " + Setting.SERVERS.property + " / " + Setting.SERVERS.envVar
                                + " to its kind and version, for example openbao:2.7.2 or vault:1.14.8 (the suite checks that the server reports that version)");
            }
        }
    }

    private static Path projectDirOf(String text) {
        return Path.of(Objects.requireNonNullElse(text, ".")).toAbsolutePath().normalize();
    }

    private static Path reportsDirOf(String text, Path projectDir) {
        return text != null ? Path.of(text).toAbsolutePath() : projectDir.resolve("reports");
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
        Path projectDir;
        try {
            projectDir = projectDirOf(given(Setting.PROJECT_DIR, properties, env));
        } catch (InvalidPathException e) {
            projectDir = projectDirOf(null);
        }
        try {
            return reportsDirOf(given(Setting.REPORTS_DIR, properties, env), projectDir);
        } catch (InvalidPathException e) {
            return reportsDirOf(null, projectDir);
        }
    }

    /** The settings given to this JVM, as given (for the report of a run that could not start); no secret is one. */
    public static Map<String, String> givenSettings() {
        return givenSettings(systemProperties(), System.getenv());
    }

    static Map<String, String> givenSettings(Map<String, String> properties, Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Setting setting : Setting.values()) {
            if (blankToNull(properties.get(setting.property)) != null) {
                out.put(
                        setting.property,
                        properties.get(setting.property).trim() + "  (system property " + setting.property + ")");
            } else if (blankToNull(env.get(setting.envVar)) != null) {
                out.put(setting.property, env.get(setting.envVar).trim() + "  (environment " + setting.envVar + ")");
            }
        }
        return out;
    }

    private static String given(Setting setting, Map<String, String> properties, Map<String, String> env) {
        String fromProperty = blankToNull(properties.get(setting.property));
        return fromProperty != null ? fromProperty : blankToNull(env.get(setting.envVar));
    }

    private static Map<String, String> systemProperties() {
        return System.getProperties().stringPropertyNames().stream()
                .collect(Collectors.toMap(name -> name, System::getProperty));
    }

    private static Path pathOrNull(String text) {
        return text == null ? null : Path.of(text).toAbsolutePath();
    }

    /** Reads the configuration of this JVM: its system properties and environment. */
    public static SuiteConfig fromSystem() {
        return from(systemProperties(), System.getenv());
    }

    public static SuiteConfig from(Map<String, String> properties, Map<String, String> env) {
        return new SuiteConfig(properties, env);
    }

    private static <T> T parse(Setting setting, String text, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (ConfigException e) {
            throw new ConfigException("invalid " + setting.property + " / " + setting.envVar + " = '" + text + "': "
                    + e.getMessage() + " (" + setting.property + ": " + setting.meaning + ")");
        }
    }

    private static List<ServerSpec> parseServers(String text) {
        List<ServerSpec> specs = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                ServerSpec spec = ServerSpec.parse(part);
                if (specs.stream().anyMatch(s -> s.id().equals(spec.id()))) {
                    throw new ConfigException(spec + " is listed twice");
                }
                specs.add(spec);
            }
        }
        if (specs.isEmpty()) {
            throw new ConfigException("no server listed");
        }
        return List.copyOf(specs);
    }

    private List<String> parseKubernetesReleases(String text) {
        List<String> releases = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                String release = localVersions.kubernetesRelease(part.trim().replaceFirst("^v", ""));
                if (releases.contains(release)) {
                    throw new ConfigException("Kubernetes " + release + " is listed twice");
                }
                releases.add(release);
            }
        }
        if (releases.isEmpty()) {
            throw new ConfigException("no release listed");
        }
        return List.copyOf(releases);
    }

    private static Map<String, Set<String>> parseClassesOfServers(Path file, List<ServerSpec> servers) {
        List<String> lines;
        try {
            lines = java.nio.file.Files.readAllLines(file);
        } catch (java.io.IOException e) {
            throw new ConfigException("cannot read the file: " + e.getMessage());
        }
        Map<String, Set<String>> classes = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t");
            String where = "line " + (i + 1) + " ('" + line.strip() + "')";
            if (fields.length != 2) {
                throw new ConfigException(
                        where + ": expected a vkac.servers entry, a tab, and class names separated by commas");
            }
            ServerSpec spec = ServerSpec.parse(fields[0].strip());
            if (servers.stream().noneMatch(s -> s.id().equals(spec.id()))) {
                throw new ConfigException(where + ": " + spec + " is not among the servers under test (vkac.servers)");
            }
            Set<String> names = new java.util.TreeSet<>();
            for (String name : fields[1].split(",")) {
                if (!name.strip().matches("[A-Z][A-Za-z0-9_]*")) {
                    throw new ConfigException(where + ": '" + name.strip()
                            + "' is not the simple name of a class, such as TokenReviewerIT");
                }
                names.add(name.strip());
            }
            if (classes.put(spec.id(), names) != null) {
                throw new ConfigException(where + ": " + spec + " is listed twice");
            }
        }
        return Map.copyOf(classes);
    }

    private static Duration parseSeconds(String text) {
        try {
            long seconds = Long.parseLong(text.trim());
            if (seconds <= 0) {
                throw new ConfigException("must be a positive number of seconds");
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new ConfigException("not a whole number of seconds");
        }
    }

    private static int parseParallelism(String text) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value < 1 || value > 64) {
                throw new ConfigException("must be between 1 and 64");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException("not a whole number");
        }
    }

    /** One seed per JVM for vkac.checkOrder=random: every class of the run, and the printed configuration, use it. */
    private static final class RunSeed {
        static final long VALUE = new java.security.SecureRandom().nextLong() & 0xffffffffL;
    }

    /** null for the guide's order, else the seed of a random order ({@code random} alone: a new seed each run). */
    private static Long parseCheckOrder(String text) {
        String value = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (value.equals("guide")) {
            return null;
        }
        if (value.equals("random")) {
            return RunSeed.VALUE;
        }
        if (value.startsWith("random:")) {
            try {
                return Long.parseLong(value.substring("random:".length()));
            } catch (NumberFormatException e) {
                throw new ConfigException("the seed after random: must be a whole number");
            }
        }
        throw new ConfigException("expected guide, random or random:<seed>");
    }

    private static boolean parseBoolean(String text) {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new ConfigException("expected true or false");
        };
    }

    private static List<ServerSpec> defaultServers(ServerVersions versions) {
        return versions.defaultServers();
    }

    private static Path defaultServerCache(Map<String, String> env) {
        String xdg = blankToNull(env.get("XDG_CACHE_HOME"));
        Path base = xdg != null ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("vault-k8s-auth-conformance").resolve("servers").toAbsolutePath();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    public TargetKind target() {
        return target;
    }

    /** The servers vkac.servers names, or by default those of {@link ServerVersions#defaultServers()}. */
    public List<ServerSpec> servers() {
        return servers;
    }

    /**
     * The servers under test on a target: those vkac.servers names, or by default, on the local target, also Vault
     * running the default auth method releases as plugins (which only that target builds).
     */
    public List<ServerSpec> serversOn(TargetKind resolved) {
        return serversAreDefault() && resolved == TargetKind.LOCAL ? localVersions.defaultServers(true) : servers;
    }

    private boolean serversAreDefault() {
        return "default".equals(sources.get(Setting.SERVERS));
    }

    public Path serverCache() {
        return serverCache;
    }

    public Path reportsDir() {
        return reportsDir;
    }

    /**
     * The Kubernetes releases the local target starts, one control plane each, every server under test on each
     * (the containers target's comes with vkac.k3sImage).
     */
    public List<String> kubernetes() {
        return kubernetes;
    }

    /**
     * The columns of a run: each server, on each local Kubernetes release when there are several (then named
     * "OpenBao 2.7.2 on Kubernetes 1.35.4"); on other targets, or with one release, the servers alone.
     */
    public List<String> columns() {
        return columns(target);
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
        return target == TargetKind.LOCAL && kubernetes.size() > 1 ? kubernetes : List.of("");
    }

    public static String column(ServerSpec spec, String clusterName) {
        return clusterName.isEmpty() ? spec.toString() : spec + " on Kubernetes " + clusterName;
    }

    public String k3sImage() {
        return k3sImage;
    }

    public Duration startTimeout() {
        return startTimeout;
    }

    public boolean keepOnFailure() {
        return keepOnFailure;
    }

    public boolean stopServerAtFirstFailure() {
        return stopServerAtFirstFailure;
    }

    /** Whether the identity entities of the suite's logins are left to Vault's owner, listed instead of removed. */
    public boolean ownerRemovesEntities() {
        return ownerRemovesEntities;
    }

    /** The seed of a random check order, or empty for the guide's order. */
    public java.util.Optional<Long> checkOrderSeed() {
        return java.util.Optional.ofNullable(checkOrderSeed);
    }

    /** How many conformance class invocations (a class on one server) run at once. */
    public int parallelism() {
        return parallelism;
    }

    public Path projectDir() {
        return projectDir;
    }

    public ServerVersions localVersions() {
        return localVersions;
    }

    /** Every class name vkac.classesOfServers lists, to be checked against the conformance classes there are. */
    public Set<String> classesNamedForServers() {
        return classesOfServers.values().stream()
                .flatMap(Set::stream)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /** The only conformance classes (simple names) a vkac.servers entry runs, or none when it runs every class. */
    public List<String> onlyClassesOf(String specText) {
        return specText == null || specText.isEmpty()
                ? List.of()
                : List.copyOf(
                        classesOfServers.getOrDefault(ServerSpec.parse(specText).id(), Set.of()));
    }

    /** Whether the conformance class of this simple name runs on this server (vkac.classesOfServers). */
    public boolean runsClass(ServerSpec server, String classSimpleName) {
        Set<String> classes = classesOfServers.get(server.id());
        return classes == null || classes.contains(classSimpleName);
    }

    /** The external target's cluster and server (validated only when that target is chosen). */
    public ExternalSettings external() {
        return external;
    }

    /** The effective configuration, one entry per setting, with where each value came from. Holds no secret. */
    public Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(Setting.TARGET.property, target.id() + "  (" + sources.get(Setting.TARGET) + ")");
        out.put(
                Setting.SERVERS.property,
                servers.stream().map(ServerSpec::text).collect(Collectors.joining(","))
                        + "  (" + sources.get(Setting.SERVERS)
                        + (serversAreDefault()
                                ? "; on the local target also "
                                        + localVersions.defaultServers(true).stream()
                                                .filter(ServerSpec::hasAuthPlugin)
                                                .map(ServerSpec::text)
                                                .collect(Collectors.joining(","))
                                : "")
                        + ")");
        // only the settings of the chosen target (auto may become local or containers)
        boolean local = target == TargetKind.LOCAL || target == TargetKind.AUTO;
        boolean containers = target == TargetKind.CONTAINERS || target == TargetKind.AUTO;
        if (local) {
            out.put(Setting.SERVER_CACHE.property, serverCache + "  (" + sources.get(Setting.SERVER_CACHE) + ")");
        }
        out.put(Setting.REPORTS_DIR.property, reportsDir + "  (" + sources.get(Setting.REPORTS_DIR) + ")");
        if (containers) {
            out.put(Setting.K3S_IMAGE.property, k3sImage + "  (" + sources.get(Setting.K3S_IMAGE) + ")");
        }
        if (local) {
            out.put(
                    Setting.KUBERNETES.property,
                    String.join(",", kubernetes) + "  (" + sources.get(Setting.KUBERNETES) + ")");
        }
        out.put(
                Setting.START_TIMEOUT.property,
                startTimeout.toSeconds() + "s  (" + sources.get(Setting.START_TIMEOUT) + ")");
        out.put(
                Setting.CHECK_ORDER.property,
                (checkOrderSeed == null ? "guide" : "random:" + checkOrderSeed) + "  ("
                        + sources.get(Setting.CHECK_ORDER) + ")");
        out.put(Setting.PARALLELISM.property, parallelism + "  (" + sources.get(Setting.PARALLELISM) + ")");
        out.put(Setting.KEEP_ON_FAILURE.property, keepOnFailure + "  (" + sources.get(Setting.KEEP_ON_FAILURE) + ")");
        out.put(
                Setting.STOP_SERVER_AT_FIRST_FAILURE.property,
                stopServerAtFirstFailure + "  (" + sources.get(Setting.STOP_SERVER_AT_FIRST_FAILURE) + ")");
        out.put(Setting.PROJECT_DIR.property, projectDir + "  (" + sources.get(Setting.PROJECT_DIR) + ")");
        if (ownerRemovesEntities) {
            out.put(
                    Setting.OWNER_REMOVES_ENTITIES.property,
                    "true: the entities of the suite's logins are listed for the owner, not removed  ("
                            + sources.get(Setting.OWNER_REMOVES_ENTITIES) + ")");
        }
        if (classesOfServersFile != null) {
            out.put(
                    Setting.CLASSES_OF_SERVERS.property,
                    classesOfServersFile + ": " + classesOfServers.size() + " of the servers run only some classes  ("
                            + sources.get(Setting.CLASSES_OF_SERVERS) + ")");
        }
        if (target == TargetKind.EXTERNAL) {
            out.put(Setting.KUBECONFIG.property, external.kubeconfig() + "  (" + sources.get(Setting.KUBECONFIG) + ")");
            out.put(
                    Setting.KUBE_CONTEXT.property,
                    Objects.requireNonNullElse(external.context(), "(current)") + "  ("
                            + sources.get(Setting.KUBE_CONTEXT) + ")");
            out.put(
                    Setting.VAULT_ADDR.property,
                    external.vaultAddress() + "  (" + sources.get(Setting.VAULT_ADDR) + ")");
            out.put(
                    Setting.VAULT_CACERT.property,
                    external.vaultCaFile() + "  (" + sources.get(Setting.VAULT_CACERT) + ")");
            out.put(ExternalSettings.TOKEN_VARIABLE, external.vaultToken() == null ? "not set" : "set (not shown)");
            out.put(
                    Setting.KUBERNETES_HOST_FOR_VAULT.property,
                    Objects.requireNonNullElse(external.kubernetesHostForVault(), "(the kubeconfig's)") + "  ("
                            + sources.get(Setting.KUBERNETES_HOST_FOR_VAULT) + ")");
            out.put(
                    Setting.KUBERNETES_CA_FOR_VAULT.property,
                    Objects.requireNonNullElse(external.kubernetesCaForVault(), "(the kubeconfig's)") + "  ("
                            + sources.get(Setting.KUBERNETES_CA_FOR_VAULT) + ")");
        }
        return out;
    }

    @Override
    public String toString() {
        return describe().entrySet().stream()
                .map(e -> e.getKey() + " = " + e.getValue())
                .collect(Collectors.joining("\n"));
    }
}
