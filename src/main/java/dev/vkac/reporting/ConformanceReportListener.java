package dev.vkac.reporting;

import dev.vkac.config.ConfigException;
import dev.vkac.config.SuiteConfig;
import dev.vkac.config.TargetKind;
import dev.vkac.fixtures.GuideFacts;
import dev.vkac.junit.Check;
import dev.vkac.junit.ConformanceTest;
import dev.vkac.support.Interruption;
import dev.vkac.support.RunDirectory;
import dev.vkac.support.RunId;
import dev.vkac.support.Secrets;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
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
 * Writes each conformance run's reports into its own folder: summary.json, matrix.md and index.html from the
 * moment the run starts (verdict RUNNING, and {@code reports/latest} names the folder at once), rewritten as each class
 * ends and at the end (PASSED, FAILED or ERROR), or as INTERRUPTED with why when the JVM is stopped first
 * ({@link Interruption}); a run whose configuration is invalid gets a folder too, ERROR with the cause. JUnit XML
 * and the matrix on the console come at the end. Registered through META-INF/services; does nothing in a run
 * without conformance classes (the unit tests).
 * Conformance classes run concurrently, so JUnit calls it from several threads: its callbacks are synchronized.
 */
public final class ConformanceReportListener implements TestExecutionListener {

    private static final String SERVER_VERSION = GuideFacts.SERVER_VERSION;
    private static final String KUBERNETES_VERSION = GuideFacts.KUBERNETES_VERSION;
    private static final String TARGET = GuideFacts.TARGET;

    private TestPlan plan;
    private Instant started;
    private Path runDir;
    private String runId;
    private SuiteConfig config;
    private List<CheckInfo> checks = List.of();
    /** The report of a run whose configuration is invalid, written at its start. */
    private RunSummary couldNotStart;
    /** Why the run could not start after its configuration was read (the external target's pre-flight), or null. */
    private String startFailure;

    private LegacyXmlReportGeneratingListener xml;
    private final List<Class<?>> conformanceClasses = new ArrayList<>();
    private final List<CheckResult> results = new ArrayList<>();
    private final Map<String, String> serverVersions = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>()); // listeners are called from concurrent classes
    private final Map<String, String> setupErrors = new ConcurrentHashMap<>();
    private final Map<String, String> facts = new ConcurrentHashMap<>();
    private final java.util.Set<String> kubernetesVersions = new java.util.LinkedHashSet<>();
    /** Conformance classes that failed as a whole (no server invocation, or its set-up or teardown broke), with why. */
    private final Map<Class<?>, String> classErrors = new ConcurrentHashMap<>();

    private final Supplier<SuiteConfig> configuration;
    private final Supplier<Path> reportsDirOfInvalidConfiguration;
    private final Interruption interruption;
    private final PrintStream console;

    public ConformanceReportListener() {
        this(SuiteConfig::fromSystem, SuiteConfig::reportsDirFromSystem, Interruption.ofThisJvm(), System.out);
    }

    /** For tests: another configuration, an interruption they trigger themselves, their own console. */
    ConformanceReportListener(
            Supplier<SuiteConfig> configuration,
            Supplier<Path> reportsDirOfInvalidConfiguration,
            Interruption interruption,
            PrintStream console) {
        this.configuration = configuration;
        this.reportsDirOfInvalidConfiguration = reportsDirOfInvalidConfiguration;
        this.interruption = interruption;
        this.console = console;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        started = Instant.now();
        testPlan.getRoots()
                .forEach(root -> testPlan.getDescendants(root)
                        .forEach(id -> conformanceClass(id).ifPresent(c -> {
                            if (!conformanceClasses.contains(c)) {
                                conformanceClasses.add(c);
                            }
                        })));
        if (conformanceClasses.isEmpty()) {
            return;
        }
        checks = CheckCatalogue.of(conformanceClasses.toArray(Class<?>[]::new));
        boolean dryRun = testPlan.getConfigurationParameters()
                .getBoolean("junit.platform.execution.dryRun.enabled")
                .orElse(false);
        try {
            config = configuration.get();
        } catch (RuntimeException e) {
            if (!dryRun) {
                reportCouldNotStart(e); // the harness fails every class with the same cause
            }
            return;
        }
        if (dryRun) {
            console.println("\nDry run: nothing starts. " + checks.size() + " checks would run against each of "
                    + config.describe().get("vkac.servers") + ":\n\n" + CheckCatalogue.markdown(checks));
            return;
        }
        runDir = RunDirectory.current(config.reportsDir());
        runId = RunId.current();
        xml = new LegacyXmlReportGeneratingListener(
                runDir.resolve("junit"), new PrintWriter(System.err, true, StandardCharsets.UTF_8));
        xml.testPlanExecutionStarted(testPlan);
        interruption.watch(runId, runDir);
        interruption.onInterrupted(this::reportInterrupted);
        write(snapshot(Verdict.RUNNING, ""));
    }

    /** An invalid setting: the run gets its folder all the same (the configured one if it can be read), saying why. */
    private void reportCouldNotStart(RuntimeException e) {
        Path reportsDir = reportsDirOfInvalidConfiguration.get();
        try {
            runDir = RunDirectory.current(reportsDir);
            runId = RunId.current();
            couldNotStart = new RunSummary(
                    runId,
                    Verdict.ERROR,
                    "the run could not start: " + e.getMessage(),
                    started.truncatedTo(ChronoUnit.SECONDS).toString(),
                    0,
                    "(none: the run did not start)",
                    "unknown",
                    SuiteConfig.givenSettings(),
                    List.of(),
                    checks,
                    List.of());
            ReportWriter.writeAll(couldNotStart, runDir);
            RunDirectory.markLatest(reportsDir, runDir);
        } catch (RuntimeException cannotWrite) {
            couldNotStart = null;
            System.err.println("cannot write the report of a run that could not start under " + reportsDir + ": "
                    + cannotWrite.getMessage());
        }
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
            facts.put(
                    KUBERNETES_VERSION,
                    kubernetesVersions.stream()
                            .sorted((a, b) -> dev.vkac.config.Versions.compare(
                                    a.replaceFirst("^v", "").split("[+-]")[0],
                                    b.replaceFirst("^v", "").split("[+-]")[0]))
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
        if (interruption.isInterrupted()) {
            return; // what fails now fails because the run is being taken down: the report stays as it was interrupted
        }
        String message = result.getThrowable()
                .map(t -> result.getStatus() == TestExecutionResult.Status.ABORTED
                        ? String.valueOf(t.getMessage())
                        : describe(t))
                .orElse("");
        if (id.isTest()) {
            Status status = switch (result.getStatus()) {
                case SUCCESSFUL -> Status.PASSED;
                case ABORTED -> Status.SKIPPED;
                case FAILED ->
                    result.getThrowable()
                                    .filter(ConformanceReportListener::isAssertion)
                                    .isPresent()
                            ? Status.FAILED
                            : Status.ERROR;
            };
            record(id, status, durationOf(id), message);
        } else if (isServerInvocation(id)) {
            serverVersions.putIfAbsent(id.getDisplayName(), "");
            if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                setupErrors.put(id.getDisplayName(), message);
                // its set-up or teardown broke: every check of the class on this server is an error, passed or not
                plan.getParent(id)
                        .flatMap(ConformanceReportListener::conformanceClass)
                        .ifPresent(failedClass -> {
                            synchronized (results) {
                                results.addAll(classErrorResults(
                                        CheckCatalogue.of(failedClass),
                                        List.of(id.getDisplayName()),
                                        failedClass.getSimpleName() + " on " + id.getDisplayName()
                                                + " failed as a whole: " + message));
                            }
                        });
            }
        } else if (result.getStatus() == TestExecutionResult.Status.FAILED) {
            conformanceClass(id).ifPresent(failedClass -> classErrors.put(failedClass, message));
            result.getThrowable()
                    .filter(ConfigException.class::isInstance)
                    .filter(t -> startFailure == null)
                    .ifPresent(t -> startFailure = "the run could not start: " + t.getMessage());
        }
        if (conformanceClass(id).isPresent()) {
            write(snapshot(Verdict.RUNNING, "")); // as it goes: a class is over
        }
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
        if (couldNotStart != null) {
            console.println("\n" + ReportWriter.markdownPage(couldNotStart) + "\nReports: "
                    + runDir.resolve(ReportWriter.HTML) + "\n");
            return;
        }
        if (xml == null) {
            return;
        }
        xml.testPlanExecutionFinished(testPlan);
        if (!interruption.endNormally()) {
            return; // interrupted first: the reports say so, and stay so
        }
        if (startFailure != null) {
            // a setting to fix before anything ran: its cause, not a matrix of cells that did not run
            RunSummary summary = snapshot(Verdict.ERROR, startFailure);
            write(summary);
            console.println("\n" + ReportWriter.markdownHeadline(summary) + "Reports: "
                    + runDir.resolve(ReportWriter.HTML) + "\n");
            return;
        }
        RunSummary summary = snapshot(Verdict.RUNNING, "").ended();
        write(summary);
        console.println(
                "\n" + ReportWriter.markdownPage(summary) + "\nReports: " + runDir.resolve(ReportWriter.HTML) + "\n");
    }

    /** From the interrupted run's shutdown hook: what stopped it and what was removed. */
    private synchronized void reportInterrupted(String account) {
        write(snapshot(Verdict.INTERRUPTED, account));
    }

    private void write(RunSummary summary) {
        ReportWriter.writeAll(summary, runDir);
        RunDirectory.markLatest(config.reportsDir(), runDir);
    }

    /** The run as far as it went. */
    private RunSummary snapshot(Verdict verdict, String cause) {
        // columns in the order of vkac.servers (classes run concurrently, so the order they reported in is arbitrary),
        // with those no class reached too
        Map<String, String> versions = new LinkedHashMap<>();
        TargetKind target = facts.containsKey(TARGET)
                ? TargetKind.parse(facts.get(TARGET))
                : config.target(); // as the guides saw it
        config.columns(target).forEach(column -> versions.put(column, serverVersions.getOrDefault(column, "")));
        serverVersions.forEach(versions::putIfAbsent);
        Map<String, String> specs = config.specsOfColumns(target);
        List<ServerInfo> servers = versions.entrySet().stream()
                .map(e -> new ServerInfo(
                        e.getKey(),
                        specs.getOrDefault(e.getKey(), ""),
                        e.getValue(),
                        setupErrors.getOrDefault(e.getKey(), ""),
                        config.onlyClassesOf(specs.get(e.getKey()))))
                .toList();
        List<CheckResult> all;
        synchronized (results) {
            all = new ArrayList<>(results);
        }
        classErrors.forEach((failedClass, why) -> all.addAll(classErrorResults(
                CheckCatalogue.of(failedClass),
                servers.stream().map(ServerInfo::name).toList(),
                failedClass.getSimpleName() + " failed as a whole: " + why)));
        return new RunSummary(
                runId,
                verdict,
                cause,
                started.truncatedTo(ChronoUnit.SECONDS).toString(),
                Duration.between(started, Instant.now()).toMillis(),
                facts.getOrDefault(TARGET, config.target().id()),
                facts.getOrDefault(KUBERNETES_VERSION, "unknown"),
                new LinkedHashMap<>(config.describe()),
                servers,
                checks,
                List.copyOf(all));
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
                results.add(
                        new CheckResult(check.get().id(), server.get(), id.getDisplayName(), status, millis, message));
            }
        }
    }

    private long durationOf(TestIdentifier id) {
        Instant start = startTimes.remove(id.getUniqueId());
        return start == null ? 0 : Duration.between(start, Instant.now()).toMillis();
    }

    private Optional<String> serverOf(TestIdentifier id) {
        for (Optional<TestIdentifier> current = Optional.of(id);
                current.isPresent();
                current = plan.getParent(current.get())) {
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
        return id.getSource()
                .filter(MethodSource.class::isInstance)
                .map(MethodSource.class::cast)
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
