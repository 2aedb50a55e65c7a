package dev.vkac.junit;

import dev.vkac.clients.VaultHttp;
import dev.vkac.config.ServerSpec;
import dev.vkac.config.SuiteConfig;
import dev.vkac.fixtures.ClusterClients;
import dev.vkac.fixtures.Diagnostics;
import dev.vkac.fixtures.EntitiesForTheOwner;
import dev.vkac.fixtures.FixtureFiles;
import dev.vkac.fixtures.Guide;
import dev.vkac.fixtures.GuideContext;
import dev.vkac.fixtures.GuideFacts;
import dev.vkac.fixtures.KubernetesObjects;
import dev.vkac.fixtures.Leftovers;
import dev.vkac.fixtures.Names;
import dev.vkac.support.Interruption;
import dev.vkac.support.RunDirectory;
import dev.vkac.support.RunId;
import dev.vkac.support.Secrets;
import dev.vkac.targets.InPod;
import dev.vkac.targets.StartedOnce;
import dev.vkac.targets.Target;
import dev.vkac.targets.VaultServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one run of the suite shares: its configuration, its id and report folder (the report listener's too), and its
 * target (with the one Kubernetes cluster every server under test uses). Kept in JUnit's root store, so it is created
 * once per run and closed, stopping every server, when the run ends. On a target that outlives the run, an interrupted
 * run (Ctrl-C, SIGTERM) removes its objects before the JVM exits ({@link #removeOnInterrupt}).
 */
public final class RunContext implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunContext.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RunContext.class);
    private static final Duration INTERRUPTED_CLEAN_UP_BOUND = Duration.ofSeconds(60);

    private final SuiteConfig config;
    private final Path runDir;
    private final Target target;
    private final FixtureFiles fixtureFiles;
    private final Secrets secrets = new Secrets();
    private final String runId = RunId.current();
    /** The removal of the run's objects should the JVM be stopped before {@link #close()} has removed them. */
    private final Interruption.Registration removalOnInterrupt;

    private final AtomicInteger guides = new AtomicInteger();
    /** One server per configured server, started for the first class that needs it, shared by every class. */
    private final Map<String, StartedOnce<VaultServer>> servers = new ConcurrentHashMap<>();

    /** The version each started server reports, by column. */
    private final Map<String, String> reportedVersions = new ConcurrentHashMap<>();

    private final Map<String, StartedOnce<ClusterClients>> clusterClients = new ConcurrentHashMap<>();
    private volatile boolean failed;
    /** The columns (servers) that failed a check, for vkac.stopServerAtFirstFailure. */
    private final Set<String> failedColumns = ConcurrentHashMap.newKeySet();
    /** With vkac.ownerRemovesEntities, the entities of the run's logins, listed for Vault's owner; else null. */
    private final EntitiesForTheOwner entitiesForTheOwner;

    private RunContext(SuiteConfig config) {
        this.config = config;
        this.fixtureFiles = FixtureFiles.in(config.projectDir());
        this.runDir = RunDirectory.current(config.reportsDir());
        this.entitiesForTheOwner = config.ownerRemovesEntities() ? new EntitiesForTheOwner(runDir) : null;
        Thread warmUp = new Thread(VaultHttp::warmUp, "rest-assured-warm-up");
        warmUp.setDaemon(true);
        warmUp.start(); // while the control plane starts
        this.target = Targets.create(config, runDir.resolve("servers"));
        // a pre-flight failure names its settings: the whole table would only bury it
        target.preFlight(config.serversOn(target.kind()));
        LOG.info(
                "vault-k8s-auth-conformance, effective configuration:\n  {}",
                config.toString().replace("\n", "\n  "));
        LOG.info("reports and server logs of this run: {}", runDir);
        LOG.info(
                "run id {}: what the run creates is labelled {}={} or named {}* (tools/cleanup {} removes an interrupted run's leftovers)",
                runId,
                Names.LABEL,
                runId,
                Names.prefixOf(runId),
                runId);
        LOG.info("target: {}", target.kind().id());
        this.removalOnInterrupt = target.isDisposable() ? null : removeOnInterrupt();
    }

    /**
     * The external target's cluster and Vault outlive the run: if the JVM is stopped before the run removed what it
     * created, what tools/cleanup would remove goes then, found by the run's id as tools/cleanup finds it. Surefire
     * halts its test JVM failsafe.exitTimeout after Maven is stopped (90 s in pom.xml): the bound leaves room for
     * the reports.
     */
    private Interruption.Registration removeOnInterrupt() {
        return Interruption.ofThisJvm()
                .register(
                        "the run's objects in the external cluster and Vault",
                        INTERRUPTED_CLEAN_UP_BOUND,
                        "tools/cleanup " + runId,
                        removed -> Leftovers.removeRun(config.external(), runId, removed));
    }

    /** The run's shared state, created on first use. */
    @SuppressWarnings("unchecked")
    public static RunContext of(ExtensionContext context) {
        // a run that cannot start (an invalid setting, no Docker) fails its first class with the cause, and every
        // later class at once, without trying again
        return ((StartedOnce<RunContext>) context.getRoot()
                        .getStore(NAMESPACE)
                        .computeIfAbsent(
                                RunContext.class,
                                key -> new StartedOnce<>("the run", () -> new RunContext(SuiteConfig.fromSystem())),
                                StartedOnce.class))
                .get();
    }

    /** Why the run could not start (first line), once a class tried and failed; null until then, or when it started. */
    @SuppressWarnings("unchecked")
    static String whyTheRunDidNotStart(ExtensionContext context) {
        StartedOnce<RunContext> run = context.getRoot().getStore(NAMESPACE).get(RunContext.class, StartedOnce.class);
        return run == null ? null : run.whyItFailed();
    }

    /**
     * The guide set up against one server under test, for one conformance class; its server starts when the guide
     * is set up. Its objects get names of their own, except for a class that asks for the guide's own names on a
     * target whose servers the run started.
     */
    public Guide guideFor(ServerSpec spec, String clusterName, Class<?> conformanceClass) {
        ConformanceTest declared = conformanceClass.getAnnotation(ConformanceTest.class);
        int number = guides.incrementAndGet();
        // where the target cannot make a pod, the class's checks say why and skip (they need the pod)
        boolean inAPod = declared != null
                && declared.vaultInAPod()
                && target.whyNoVaultInAPod().isEmpty();
        Names names = declared != null && declared.guidesOwnNames() && target.isDisposable()
                ? Names.guidesOwn(runId, number)
                : Names.isolated(runId, number);
        return new Guide(new GuideContext(
                spec,
                SuiteConfig.column(spec, clusterName),
                names,
                () -> target.cluster(clusterName),
                inAPod ? () -> podServerFor(spec, clusterName, conformanceClass) : () -> serverFor(spec, clusterName),
                () -> clientsOf(clusterName),
                fixtureFiles,
                secrets,
                target,
                entitiesForTheOwner));
    }

    /** The run's clients of one of its clusters, made on first use. */
    private ClusterClients clientsOf(String clusterName) {
        return clusterClients
                .computeIfAbsent(
                        clusterName,
                        name -> new StartedOnce<>(
                                "the clients of the run's cluster " + name,
                                () -> ClusterClients.of(target.cluster(name).adminConfig())))
                .get();
    }

    /**
     * The server under test for a configured server: started once, for the first class that needs it, and shared by
     * the others (each class has names of its own). One that fails to start fails every class on it, at once.
     */
    private VaultServer serverFor(ServerSpec spec, String clusterName) {
        String column = SuiteConfig.column(spec, clusterName);
        return startedOnce(column, spec, column, () -> target.startVault(spec, runDir.resolve("servers")));
    }

    /**
     * The server under test started as in a pod of the cluster, for a class that needs one: one per class, since a
     * class's checks rewrite the pod's files; its reported version is checked as {@link #serverFor}'s is.
     */
    private VaultServer podServerFor(ServerSpec spec, String clusterName, Class<?> conformanceClass) {
        String column = SuiteConfig.column(spec, clusterName);
        return startedOnce(
                column + " in a pod for " + conformanceClass.getSimpleName(),
                spec,
                column,
                () -> target.startVaultInAPod(spec, runDir.resolve("servers"), target.cluster(clusterName)));
    }

    /** A server started once under a key, its reported version checked and kept for its column (the first one's). */
    private VaultServer startedOnce(String key, ServerSpec spec, String column, Supplier<VaultServer> start) {
        return servers.computeIfAbsent(
                        key,
                        k -> new StartedOnce<>(k, () -> {
                            VaultServer server = start.get();
                            try {
                                reportedVersions.putIfAbsent(column, ReportedVersion.of(spec, server, secrets));
                            } catch (RuntimeException wrongRelease) {
                                server.close(); // not kept by StartedOnce, so nothing else would stop it
                                throw wrongRelease;
                            }
                            return server;
                        }))
                .get();
    }

    /** What the run learnt about a guide's servers, for the reports, once the guide is set up. */
    GuideFacts factsOf(Guide guide) {
        return new GuideFacts(
                reportedVersions.get(guide.toString()),
                guide.cluster().version(),
                target.kind().id(),
                guide.vaultsPod().map(InPod::how).orElse(""));
    }

    /**
     * A check failed on a guide's server: the first failure writes what the cluster and the guide's objects looked
     * like next to the server's logs, while they still exist; with vkac.keepOnFailure the guide then stays in place.
     */
    void recordFailure(Guide guide) {
        recordFailure(guide.toString());
        if (guide.inKubernetes() != null && guide.firstFailure()) {
            Diagnostics.write(
                    runDir.resolve("servers")
                            .resolve(guide.spec().id() + "-" + guide.names().prefix() + "-kubernetes.txt"),
                    guide.spec() + " (" + guide.names().prefix() + ")",
                    guide.inKubernetes().client(),
                    guide.fixtures(),
                    guide.names().namespace());
        }
        if (config.keepOnFailure()) {
            guide.keepForDebugging();
        }
    }

    /** This run's id, in the names and labels of what it creates. */
    public String runId() {
        return runId;
    }

    /** A conformance check failed on a column: with vkac.keepOnFailure, what is running stays for debugging. */
    public void recordFailure(String column) {
        failed = true;
        failedColumns.add(column);
    }

    /** With vkac.stopServerAtFirstFailure, a column that failed a check runs no more of them. */
    public boolean stopped(String column) {
        return config.stopServerAtFirstFailure() && failedColumns.contains(column);
    }

    private boolean keepingEnvironment() {
        return failed && config.keepOnFailure();
    }

    /** The secrets this run has seen: no failure message or report may show them. */
    public Secrets secrets() {
        return secrets;
    }

    public SuiteConfig config() {
        return config;
    }

    public Target target() {
        return target;
    }

    @Override
    public void close() {
        String toOwner = entitiesForTheOwner == null || target.isDisposable() ? "" : entitiesForTheOwner.toOwner();
        if (!toOwner.isEmpty()) { // the servers outlive the run: their owner has to remove these
            LOG.warn("{}", toOwner);
        }
        if (keepingEnvironment()) {
            withdrawRemovalOnInterrupt(); // kept on purpose
            LOG.warn("a check failed and vkac.keepOnFailure is set. {}", target.keepForDebugging());
            return;
        }
        try {
            awaitNamespacesGone();
            withdrawRemovalOnInterrupt();
        } finally {
            clusterClients.values().forEach(clients -> {
                try {
                    clients.close();
                } catch (Exception e) {
                    LOG.warn("could not close {}: {}", clients, e.getMessage());
                }
            });
            servers.values().forEach(server -> {
                try {
                    server.close();
                } catch (Exception e) {
                    LOG.warn("could not stop {}: {}", server, e.getMessage());
                }
            });
            target.close();
        }
    }

    private void withdrawRemovalOnInterrupt() {
        if (removalOnInterrupt != null) {
            removalOnInterrupt.withdraw();
        }
    }

    /**
     * Each class's teardown deleted its namespaces (and verified everything it put in them gone); in a cluster that
     * outlives the run, the run is clean once they have all finished terminating. The namespace controller starts
     * on a deleted namespace only after 5 s (kube-controller-manager's fixed grace period), so this wait costs that
     * much; a cluster the run started and stops now is not waited for.
     */
    private void awaitNamespacesGone() {
        if (!target.clusterStarted() || target.isDisposable()) {
            return;
        }
        for (String clusterName : config.clusterNames()) {
            KubernetesObjects.awaitNamespacesGone(clientsOf(clusterName).admin(), runId, Duration.ofSeconds(60));
        }
    }
}
