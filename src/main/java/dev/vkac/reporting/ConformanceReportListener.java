package dev.vkac.reporting;

import dev.vkac.config.SuiteConfig;
import dev.vkac.junit.Check;
import dev.vkac.junit.ConformanceTest;
import dev.vkac.support.Secrets;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.commons.JUnitException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;
import org.opentest4j.AssertionFailedError;

/**
 * Writes each conformance run's reports into its own folder: JUnit XML, summary.json, matrix.md and
 * index.html, and prints the matrix at the end. Registered through META-INF/services; does nothing in a
 * run without conformance classes (the unit tests).
 * Conformance classes run concurrently, so JUnit calls it from several threads: its callbacks are synchronized.
 */
public final class ConformanceReportListener implements TestExecutionListener {

    public static final String SERVER_VERSION = "vkac.serverVersion";
    public static final String KUBERNETES_VERSION = "vkac.kubernetesVersion";
    public static final String TARGET = "vkac.target";

    private TestPlan plan;
    private Instant started;
    private Path runDir;
    private SuiteConfig config;
    private LegacyXmlReportGeneratingListener xml;
    private final List<Class<?>> conformanceClasses = new ArrayList<>();
    private final List<CheckResult> results = new ArrayList<>();
    private final Map<String, String> serverVersions = java.util.Collections.synchronizedMap(new LinkedHashMap<>()); // listeners are called from concurrent classes
    private final Map<String, String> setupErrors = new ConcurrentHashMap<>();
    private final Map<String, String> facts = new ConcurrentHashMap<>();
    private final java.util.Set<String> kubernetesVersions = new java.util.LinkedHashSet<>();
    /** Conformance classes that failed as a whole (no server invocation, or its set-up or teardown broke), with why. */
    private final Map<Class<?>, String> classErrors = new ConcurrentHashMap<>();

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        started = Instant.now();
        testPlan.getRoots().forEach(root -> testPlan.getDescendants(root).forEach(id -> conformanceClass(id).ifPresent(c -> {
            if (!conformanceClasses.contains(c)) {
                conformanceClasses.add(c);
            }
        })));
        if (conformanceClasses.isEmpty()) {
            return;
        }
        try {
            config = SuiteConfig.fromSystem();
        } catch (RuntimeException e) {
            return; // the harness reports the configuration error itself, before anything starts
        }
        if (testPlan.getConfigurationParameters().getBoolean("junit.platform.execution.dryRun.enabled").orElse(false)) {
            List<CheckInfo> checks = CheckCatalogue.of(conformanceClasses.toArray(Class<?>[]::new));
            System.out.println("\nDry run: nothing starts. " + checks.size() + " checks would run against each of "
                    + config.describe().get("vkac.servers") + ":\n\n" + CheckCatalogue.markdown(checks));
            return;
        }
        runDir = RunDirectory.current(config.reportsDir());
        xml = new LegacyXmlReportGeneratingListener(runDir.resolve("junit"), new PrintWriter(System.err, true, StandardCharsets.UTF_8));
        xml.testPlanExecutionStarted(testPlan);
    }

    @Override
    public synchronized void executionStarted(TestIdentifier id) {
        if (xml != null) {
            startTimes.put(id.getUniqueId(), Instant.now());
            xml.executionStarted(id);
        }
    }

    @Override
    public synchronized void dynamicTestRegistered(TestIdentifier id) {
        if (xml != null) {
            xml.dynamicTestRegistered(id);
        }
    }

    @Override
    public synchronized void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        if (xml == null) {
            return;
        }
        xml.reportingEntryPublished(id, entry);
        Map<String, String> values = entry.getKeyValuePairs();
        serverOf(id).ifPresent(server -> {
            if (values.containsKey(SERVER_VERSION)) {
                serverVersions.put(server, values.get(SERVER_VERSION));
            }
        });
        if (values.containsKey(KUBERNETES_VERSION)) { // several, in order, when a run has several Kubernetes releases
            kubernetesVersions.add(values.get(KUBERNETES_VERSION));
            facts.put(KUBERNETES_VERSION, kubernetesVersions.stream().sorted((a, b) -> dev.vkac.junit.ServerSupport.compare(
                    a.replaceFirst("^v", "").split("[+-]")[0], b.replaceFirst("^v", "").split("[+-]")[0]))
                    .collect(java.util.stream.Collectors.joining(", ")));
        }
        if (values.containsKey(TARGET)) {
            facts.put(TARGET, values.get(TARGET));
        }
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier id, String reason) {
        if (xml == null) {
            return;
        }
        xml.executionSkipped(id, reason);
        record(id, Status.DISABLED, 0, reason);
    }

    private final Map<String, Instant> startTimes = new ConcurrentHashMap<>();

    @Override
    public synchronized void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (xml == null) {
            return;
        }
        xml.executionFinished(id, result);
        String message = result.getThrowable()
                .map(t -> result.getStatus() == TestExecutionResult.Status.ABORTED ? String.valueOf(t.getMessage()) : describe(t))
                .orElse("");
        if (id.isTest()) {
            Status status = switch (result.getStatus()) {
                case SUCCESSFUL -> Status.PASSED;
                case ABORTED -> Status.SKIPPED;
                case FAILED -> result.getThrowable().filter(ConformanceReportListener::isAssertion).isPresent() ? Status.FAILED : Status.ERROR;
            };
            record(id, status, durationOf(id), message);
        } else if (isServerInvocation(id)) {
            serverVersions.putIfAbsent(id.getDisplayName(), "");
            if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                setupErrors.put(id.getDisplayName(), message);
                // its set-up or teardown broke: every check of the class on this server is an error, passed or not
                plan.getParent(id).flatMap(ConformanceReportListener::conformanceClass).ifPresent(failedClass -> {
                    synchronized (results) {
                        results.addAll(classErrorResults(CheckCatalogue.of(failedClass), List.of(id.getDisplayName()),
                                failedClass.getSimpleName() + " on " + id.getDisplayName() + " failed as a whole: " + message));
                    }
                });
            }
        } else if (result.getStatus() == TestExecutionResult.Status.FAILED) {
            conformanceClass(id).ifPresent(failedClass -> classErrors.put(failedClass, message));
        }
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
        if (xml == null) {
            return;
        }
        xml.testPlanExecutionFinished(testPlan);
        List<CheckInfo> checks = CheckCatalogue.of(conformanceClasses.toArray(Class<?>[]::new));
        // columns in the order of vkac.servers (classes run concurrently, so the order they reported in is arbitrary),
        // with those no class reached too
        Map<String, String> versions = new LinkedHashMap<>();
        config.columns().forEach(column -> versions.put(column, serverVersions.getOrDefault(column, "")));
        serverVersions.forEach(versions::putIfAbsent);
        List<ServerInfo> servers = versions.entrySet().stream()
                .map(e -> new ServerInfo(e.getKey(), e.getValue(), setupErrors.getOrDefault(e.getKey(), ""))).toList();
        classErrors.forEach((failedClass, why) -> results.addAll(classErrorResults(CheckCatalogue.of(failedClass),
                servers.stream().map(ServerInfo::name).toList(), failedClass.getSimpleName() + " failed as a whole: " + why)));
        Map<String, String> configuration = new LinkedHashMap<>(config.describe());
        RunSummary summary = new RunSummary(started.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), Duration.between(started, Instant.now()).toMillis(),
                facts.getOrDefault(TARGET, config.target().id()), facts.getOrDefault(KUBERNETES_VERSION, "unknown"),
                configuration, servers, checks, List.copyOf(results));
        ReportWriter.writeAll(summary, runDir);
        RunDirectory.markLatest(config.reportsDir(), runDir);
        System.out.println("\n" + ReportWriter.markdownPage(summary) + "\nReports: " + runDir.resolve(ReportWriter.HTML) + "\n");
    }

    // ---------------------------------------------------------------------------------------------

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

    private void record(TestIdentifier id, Status status, long millis, String message) {
        Optional<Check> check = checkOf(id);
        Optional<String> server = serverOf(id);
        if (check.isPresent() && server.isPresent()) {
            synchronized (results) {
                results.add(new CheckResult(check.get().id(), server.get(), id.getDisplayName(), status, millis, message));
            }
        }
    }

    private long durationOf(TestIdentifier id) {
        Instant start = startTimes.remove(id.getUniqueId());
        return start == null ? 0 : Duration.between(start, Instant.now()).toMillis();
    }

    private Optional<String> serverOf(TestIdentifier id) {
        for (Optional<TestIdentifier> current = Optional.of(id); current.isPresent(); current = plan.getParent(current.get())) {
            if (isServerInvocation(current.get())) {
                return Optional.of(current.get().getDisplayName());
            }
        }
        return Optional.empty();
    }

    private static boolean isServerInvocation(TestIdentifier id) {
        return id.getUniqueIdObject().getLastSegment().getType().equals("class-template-invocation");
    }

    private static Optional<Check> checkOf(TestIdentifier id) {
        return id.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .map(source -> {
                    try {
                        return source.getJavaMethod().getAnnotation(Check.class);
                    } catch (RuntimeException e) {
                        return null;
                    }
                });
    }

    private static Optional<Class<?>> conformanceClass(TestIdentifier id) {
        Optional<TestSource> source = id.getSource();
        if (source.isEmpty() || !(source.get() instanceof ClassSource classSource)) {
            return Optional.empty();
        }
        try {
            Class<?> testClass = classSource.getJavaClass();
            return testClass.isAnnotationPresent(ConformanceTest.class) ? Optional.of(testClass) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean isAssertion(Throwable throwable) {
        return throwable instanceof AssertionError || throwable instanceof AssertionFailedError;
    }

    private static String describe(Throwable throwable) {
        if (throwable instanceof JUnitException && throwable.getCause() != null) {
            return describe(throwable.getCause()); // "Failed to close extension context": the cause says what failed
        }
        String message = throwable.getMessage() == null ? throwable.getClass().getName() : throwable.getMessage();
        String type = throwable instanceof Secrets.RedactedException redacted
                ? redacted.originalClass().substring(redacted.originalClass().lastIndexOf('.') + 1)
                : throwable.getClass().getSimpleName();
        return Secrets.redactShapes(isAssertion(throwable) ? message : type + ": " + message);
    }
}
