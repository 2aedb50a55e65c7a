package dev.vkac.config;

import static dev.vkac.config.TargetKind.AUTO;
import static dev.vkac.config.TargetKind.CONTAINERS;
import static dev.vkac.config.TargetKind.EXTERNAL;
import static dev.vkac.config.TargetKind.LOCAL;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every setting of the suite, each declared once (docs/configuration.md explains them, one row each), in the order
 * the printed configuration lists them.
 */
public final class Settings {

    public static final Setting<TargetKind> TARGET = Setting.of(
                    "vkac.target",
                    "VKAC_TARGET",
                    "where servers come from: auto, local, containers or external",
                    TargetKind::parse,
                    AUTO)
            .shownAs(TargetKind::id);
    public static final Setting<List<ServerSpec>> SERVERS = Setting.dependent(
                    "vkac.servers",
                    "VKAC_SERVERS",
                    "servers under test, comma-separated kind:version[=image][+auth-vX.Y.Z], or an upgrade A->B",
                    (text, settings) -> SettingParsers.servers(text),
                    settings -> settings.localVersions().defaultServers())
            .shownAs(servers -> servers.stream().map(ServerSpec::text).collect(Collectors.joining(",")));
    public static final Setting<Path> SERVER_CACHE = Setting.dependent(
                    "vkac.serverCache",
                    "VKAC_SERVER_CACHE",
                    "where tools/install-servers put the local binaries",
                    (text, settings) -> SettingParsers.path(text),
                    settings -> defaultServerCache(settings.environment("XDG_CACHE_HOME")))
            .onlyOn(LOCAL, AUTO);
    public static final Setting<Path> REPORTS_DIR = Setting.dependent(
            "vkac.reportsDir",
            "VKAC_REPORTS_DIR",
            "where each run writes its reports",
            (text, settings) -> SettingParsers.path(text),
            settings -> settings.get(Settings.PROJECT_DIR).resolve("reports"));
    public static final Setting<String> K3S_IMAGE = Setting.of(
                    "vkac.k3sImage",
                    "VKAC_K3S_IMAGE",
                    "k3s image of the containers target",
                    text -> text,
                    SuiteConfig.DEFAULT_K3S_IMAGE)
            .onlyOn(CONTAINERS, AUTO);
    public static final Setting<List<String>> KUBERNETES = Setting.dependent(
                    "vkac.kubernetes",
                    "VKAC_KUBERNETES",
                    "Kubernetes releases of the local target, comma-separated, of tools/servers/versions.env's",
                    (text, settings) -> SettingParsers.kubernetesReleases(text, settings.localVersions()),
                    settings -> List.of(settings.localVersions().kubernetes()))
            .shownAs(releases -> String.join(",", releases))
            .onlyOn(LOCAL, AUTO);
    public static final Setting<Duration> START_TIMEOUT = Setting.of(
                    "vkac.startTimeout",
                    "VKAC_START_TIMEOUT",
                    "seconds to wait for each server to be ready",
                    SettingParsers::seconds,
                    Duration.ofSeconds(120))
            .shownAs(timeout -> timeout.toSeconds() + "s");
    /** The seed of a random order, or empty for the guide's. */
    public static final Setting<Optional<Long>> CHECK_ORDER = Setting.of(
                    "vkac.checkOrder",
                    "VKAC_CHECK_ORDER",
                    "guide (the guide's order) or random[:seed] (shows no check depends on another)",
                    SettingParsers::checkOrder,
                    Optional.<Long>empty())
            .shownAs(seed -> seed.map(value -> "random:" + value).orElse("guide"));

    public static final Setting<Integer> PARALLELISM = Setting.of(
            "vkac.parallelism",
            "VKAC_PARALLELISM",
            "how many conformance classes, each on one server, run at once",
            SettingParsers::parallelism,
            SuiteConfig.DEFAULT_PARALLELISM);
    public static final Setting<Boolean> KEEP_ON_FAILURE = Setting.of(
            "vkac.keepOnFailure",
            "VKAC_KEEP_ON_FAILURE",
            "after a failure, leave the local servers and objects in place for debugging",
            SettingParsers::yesOrNo,
            false);
    public static final Setting<Boolean> STOP_SERVER_AT_FIRST_FAILURE = Setting.of(
            "vkac.stopServerAtFirstFailure",
            "VKAC_STOP_SERVER_AT_FIRST_FAILURE",
            "once a server fails a check, skip its checks not yet started (a mutation run needs one red check per server)",
            SettingParsers::yesOrNo,
            false);
    public static final Setting<Path> PROJECT_DIR = Setting.dependent(
            "vkac.projectDir",
            "VKAC_PROJECT_DIR",
            "the suite's folder (fixtures/, tools/)",
            (text, settings) -> SettingParsers.path(text).normalize(),
            settings -> Path.of(".").toAbsolutePath().normalize());
    public static final Setting<Boolean> OWNER_REMOVES_ENTITIES = Setting.of(
                    "vkac.ownerRemovesEntities",
                    "VKAC_OWNER_REMOVES_ENTITIES",
                    "leave the identity entities the suite's logins create to Vault's owner: listed in the run's entities-for-the-owner.txt, not removed, so the token needs only read on identity/entity/id/*",
                    SettingParsers::yesOrNo,
                    false)
            .shownAs(owner ->
                    owner ? "true: the entities of the suite's logins are listed for the owner, not removed" : null);
    public static final Setting<ClassesOfServers> CLASSES_OF_SERVERS = Setting.dependent(
                    "vkac.classesOfServers",
                    "VKAC_CLASSES_OF_SERVERS",
                    "a file of lines '<vkac.servers entry><TAB><class>,<class>...': a server listed there runs only those conformance classes, every other server all of them",
                    (text, settings) -> ClassesOfServers.read(SettingParsers.path(text), settings.get(SERVERS)),
                    settings -> ClassesOfServers.NONE)
            .shownAs(ClassesOfServers::shown);
    public static final Setting<UpgradeDefect> UPGRADE_DEFECT = Setting.of(
                    "vkac.upgradeDefect",
                    "VKAC_UPGRADE_DEFECT",
                    "for tools/prove-upgrades: one thing every upgrade gets wrong on purpose, between its two halves: "
                            + UpgradeDefect.names(),
                    UpgradeDefect::parse,
                    UpgradeDefect.NONE)
            .shownAs(UpgradeDefect::id)
            .onlyOn(LOCAL, AUTO);
    public static final Setting<Path> KUBECONFIG = Setting.dependent(
                    "vkac.kubeconfig",
                    "KUBECONFIG",
                    "external target: the kubeconfig of the cluster (default ~/.kube/config)",
                    (text, settings) -> SettingParsers.path(text.split(File.pathSeparator)[0]),
                    settings -> Path.of(System.getProperty("user.home"), ".kube", "config"))
            .onlyOn(EXTERNAL);
    public static final Setting<String> KUBE_CONTEXT = Setting.<String>of(
                    "vkac.kubeContext",
                    "VKAC_KUBE_CONTEXT",
                    "external target: the kubeconfig context (default: its current context)",
                    text -> text,
                    null)
            .shownAs(context -> Objects.requireNonNullElse(context, "(current)"))
            .onlyOn(EXTERNAL);
    public static final Setting<String> VAULT_ADDR = Setting.<String>of(
                    "vkac.vaultAddr",
                    "VAULT_ADDR",
                    "external target: the Vault or OpenBao server, https://...",
                    text -> text,
                    null)
            .onlyOn(EXTERNAL);
    public static final Setting<Path> VAULT_CACERT = Setting.<Path>of(
                    "vkac.vaultCacert",
                    "VAULT_CACERT",
                    "external target: the CA (PEM file) the server's certificate chains to",
                    SettingParsers::path,
                    null)
            .onlyOn(EXTERNAL);
    public static final Setting<String> VAULT_TOKEN = Setting.secret(
                    ExternalSettings.TOKEN_VARIABLE,
                    "external target: a token with the rights of fixtures/external/vault-rights.hcl")
            .onlyOn(EXTERNAL);
    public static final Setting<String> KUBERNETES_HOST_FOR_VAULT = Setting.<String>of(
                    "vkac.kubernetesHostForVault",
                    "VKAC_KUBERNETES_HOST_FOR_VAULT",
                    "external target: the API server's address as Vault reaches it (default: the kubeconfig's; in-cluster Vault: https://kubernetes.default.svc)",
                    text -> text,
                    null)
            .shownAs(host -> Objects.requireNonNullElse(host, "(the kubeconfig's)"))
            .onlyOn(EXTERNAL);
    public static final Setting<Boolean> VAULT_IN_A_POD = Setting.of(
                    "vkac.vaultInAPod",
                    "VKAC_VAULT_IN_A_POD",
                    "external target: the given Vault runs in a pod of the cluster (Helm chart, operator) whose ServiceAccount may review tokens: the in-pod checks that leave the pod's files alone run, the checks of a server outside any pod are skipped; needs vkac.kubernetesHostForVault, the API server as the pod reaches it",
                    SettingParsers::yesOrNo,
                    false)
            .onlyOn(EXTERNAL);
    public static final Setting<Path> KUBERNETES_CA_FOR_VAULT = Setting.<Path>of(
                    "vkac.kubernetesCaForVault",
                    "VKAC_KUBERNETES_CA_FOR_VAULT",
                    "external target: the CA (PEM file) Vault verifies that address with (default: the kubeconfig's)",
                    SettingParsers::path,
                    null)
            .shownAs(ca -> ca == null ? "(the kubeconfig's)" : ca.toString())
            .onlyOn(EXTERNAL);

    public static final List<Setting<?>> ALL = List.of(
            TARGET,
            SERVERS,
            SERVER_CACHE,
            REPORTS_DIR,
            K3S_IMAGE,
            KUBERNETES,
            START_TIMEOUT,
            CHECK_ORDER,
            PARALLELISM,
            KEEP_ON_FAILURE,
            STOP_SERVER_AT_FIRST_FAILURE,
            PROJECT_DIR,
            OWNER_REMOVES_ENTITIES,
            CLASSES_OF_SERVERS,
            UPGRADE_DEFECT,
            KUBECONFIG,
            KUBE_CONTEXT,
            VAULT_ADDR,
            VAULT_CACERT,
            VAULT_TOKEN,
            KUBERNETES_HOST_FOR_VAULT,
            KUBERNETES_CA_FOR_VAULT,
            VAULT_IN_A_POD);

    private Settings() {}

    private static Path defaultServerCache(String xdgCacheHome) {
        Path base = xdgCacheHome != null ? Path.of(xdgCacheHome) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("vault-k8s-auth-conformance").resolve("servers").toAbsolutePath();
    }
}
