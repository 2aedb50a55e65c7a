package dev.vkac.reporting;

import dev.vkac.config.SuiteConfig;
import dev.vkac.config.TargetKind;
import dev.vkac.config.Versions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What one run found so far, told one fact at a time (a check's result, a column's set-up that broke, a class that
 * failed as a whole, what the servers report), and the run's report model built from it at any moment
 * ({@link #snapshot}). Knows nothing of JUnit: the listeners translate JUnit's events into these calls. Conformance
 * classes run concurrently, so its methods are synchronized.
 */
public final class RunResults {

    private static final String PREFIX_OF_A_RUN_THAT_COULD_NOT_START = "the run could not start: ";

    private final String runId;
    private final Instant started;
    private final SuiteConfig config;
    private final List<CheckInfo> checks;

    private final List<CheckResult> results = new ArrayList<>();
    /** What each column's server reports, in the order columns were heard of (for columns no setting names). */
    private final Map<String, String> serverVersions = new LinkedHashMap<>();

    private final Map<String, String> setupErrors = new HashMap<>();
    /** Per column, the classes that ran on a server of it in a pod, and how the pod was made. */
    private final Map<String, Map<String, String>> inAPod = new HashMap<>();

    private final Set<String> kubernetesVersions = new LinkedHashSet<>();
    /** The target as the guides saw it, or null until one says. */
    private String target;
    /** Conformance classes that failed as a whole, by name. */
    private final Map<String, ClassError> classErrors = new LinkedHashMap<>();
    /** Why the run could not start after its configuration was read (the external target's pre-flight), or null. */
    private String startFailure;

    private record ClassError(List<CheckInfo> checks, String why) {}

    /**
     * @param checks the catalogue of the run's checks
     * @param config the run's configuration: its columns, the specs they come from, the classes each runs
     */
    public RunResults(String runId, Instant started, SuiteConfig config, List<CheckInfo> checks) {
        this.runId = runId;
        this.started = started;
        this.config = config;
        this.checks = List.copyOf(checks);
    }

    /** The report of a run whose configuration is invalid: no columns, no results, the cause. */
    public static RunSummary couldNotStart(
            String runId, Instant started, String why, Map<String, String> givenSettings, List<CheckInfo> checks) {
        return new RunSummary(
                runId,
                Verdict.ERROR,
                PREFIX_OF_A_RUN_THAT_COULD_NOT_START + why,
                started.truncatedTo(ChronoUnit.SECONDS).toString(),
                0,
                "(none: the run did not start)",
                "unknown",
                givenSettings,
                List.of(),
                checks,
                List.of());
    }

    /** One run of a check on one column. */
    public synchronized void checkEnded(CheckResult result) {
        results.add(result);
    }

    /** The version a column's server reports of itself. */
    public synchronized void serverReported(String column, String version) {
        serverVersions.put(column, version);
    }

    /**
     * A conformance class ran on a server of a column started in a pod, made as {@code how} says (each Kubernetes
     * release of a run makes its own; they are made alike).
     */
    public synchronized void ranInAPod(String column, String conformanceClass, String how) {
        inAPod.computeIfAbsent(column, c -> new TreeMap<>()).put(conformanceClass, how);
    }

    /** The classes that ran in a pod, with how it was made: "every class" where all of them did (a Vault given in one). */
    private String inAPodText(Map<String, String> howByClass) {
        Set<String> classes = checks.stream()
                .filter(check -> !check.upgradesOnly())
                .map(check -> check.testClass().substring(check.testClass().lastIndexOf('.') + 1))
                .collect(Collectors.toSet());
        if (howByClass.size() > 1
                && howByClass.keySet().containsAll(classes)
                && new HashSet<>(howByClass.values()).size() == 1) {
            return "every class (" + howByClass.values().iterator().next() + ")";
        }
        return howByClass.entrySet().stream()
                .map(pod -> pod.getKey() + " (" + pod.getValue() + ")")
                .collect(Collectors.joining(", "));
    }

    /** The Kubernetes release a guide ran on: a run with several lists them all. */
    public synchronized void kubernetesReported(String version) {
        kubernetesVersions.add(version);
    }

    /** The target, as a guide saw it (the configured one may be {@code auto}). */
    public synchronized void targetReported(String targetId) {
        target = targetId;
    }

    /** A class's invocation on a column ended well: the column ran, whatever its checks found. */
    public synchronized void columnEnded(String column) {
        serverVersions.putIfAbsent(column, "");
    }

    /**
     * A class's invocation on a column broke in its set-up or teardown: the column's set-up error, and every check of
     * the class on that column an error, passed or not.
     */
    public synchronized void columnFailed(String column, String className, List<CheckInfo> checksOfClass, String why) {
        serverVersions.putIfAbsent(column, "");
        setupErrors.put(column, why);
        results.addAll(classErrorResults(
                checksOfClass, List.of(column), className + " on " + column + " failed as a whole: " + why));
    }

    /**
     * A class failed as a whole, not on one column (no invocation could be made, or its column is unknown): every
     * check of the class is an error on every column.
     */
    public synchronized void classFailed(String className, List<CheckInfo> checksOfClass, String why) {
        classErrors.put(className, new ClassError(checksOfClass, why));
    }

    /** A setting to fix before anything ran, found by a class: the first one is the run's cause. */
    public synchronized void runCouldNotStart(String why) {
        if (startFailure == null) {
            startFailure = PREFIX_OF_A_RUN_THAT_COULD_NOT_START + why;
        }
    }

    /** Why the run could not start, once a class found it. */
    public synchronized Optional<String> whyItCouldNotStart() {
        return Optional.ofNullable(startFailure);
    }

    /** The run at its end: its matrix's verdict, or ERROR with the cause when it could not start. */
    public synchronized RunSummary ended(Instant now) {
        return startFailure != null
                ? snapshot(Verdict.ERROR, startFailure, now)
                : snapshot(Verdict.RUNNING, "", now).ended();
    }

    /** The run as far as it went. */
    public synchronized RunSummary snapshot(Verdict verdict, String cause, Instant now) {
        TargetKind targetKind = target != null ? TargetKind.parse(target) : config.target();
        // columns in the order of vkac.servers (classes run concurrently, so the order they reported in is
        // arbitrary), with those no class reached too
        Map<String, String> versions = new LinkedHashMap<>();
        config.columns(targetKind).forEach(column -> versions.put(column, serverVersions.getOrDefault(column, "")));
        serverVersions.forEach(versions::putIfAbsent);
        Map<String, String> specs = config.specsOfColumns(targetKind);
        List<ServerInfo> servers = versions.entrySet().stream()
                .map(e -> new ServerInfo(
                        e.getKey(),
                        specs.getOrDefault(e.getKey(), ""),
                        e.getValue(),
                        setupErrors.getOrDefault(e.getKey(), ""),
                        config.onlyClassesOf(specs.get(e.getKey())),
                        inAPodText(inAPod.getOrDefault(e.getKey(), Map.of()))))
                .toList();
        List<CheckResult> all = new ArrayList<>(results);
        List<String> columns = servers.stream().map(ServerInfo::name).toList();
        classErrors.forEach((className, error) -> all.addAll(
                classErrorResults(error.checks(), columns, className + " failed as a whole: " + error.why())));
        return new RunSummary(
                runId,
                verdict,
                cause,
                started.truncatedTo(ChronoUnit.SECONDS).toString(),
                Duration.between(started, now).toMillis(),
                target != null ? target : config.target().id(),
                kubernetesVersions.isEmpty() ? "unknown" : kubernetesVersionsInOrder(),
                new LinkedHashMap<>(config.describe()),
                servers,
                checks,
                List.copyOf(all));
    }

    private String kubernetesVersionsInOrder() {
        return kubernetesVersions.stream()
                .sorted((a, b) -> Versions.compare(releaseOf(a), releaseOf(b)))
                .collect(Collectors.joining(", "));
    }

    /** "v1.33.1+k3s1" is release 1.33.1. */
    private static String releaseOf(String kubernetesVersion) {
        return kubernetesVersion.replaceFirst("^v", "").split("[+-]")[0];
    }

    /**
     * A conformance class that failed as a whole (for example its cluster could not start) covers every cell of its
     * checks: each becomes ERROR with the class's error, so the headline cannot say PASSED.
     */
    static List<CheckResult> classErrorResults(List<CheckInfo> checksOfClass, List<String> servers, String why) {
        List<CheckResult> errors = new ArrayList<>();
        for (CheckInfo check : checksOfClass) {
            for (String server : servers) {
                errors.add(new CheckResult(check.id(), server, check.testMethod(), Status.ERROR, 0, why));
            }
        }
        return errors;
    }
}
