package dev.vkac.reporting;

import dev.vkac.config.SuiteConfig;
import dev.vkac.support.Interruption;
import dev.vkac.support.RunDirectory;
import dev.vkac.support.RunId;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;

/**
 * Writes each conformance run's reports into its own folder: summary.json, matrix.md and index.html from the
 * moment the run starts (verdict RUNNING, and {@code reports/latest} names the folder at once), rewritten as each class
 * ends and at the end (PASSED, FAILED or ERROR), or as INTERRUPTED with why when the JVM is stopped first
 * ({@link Interruption}); a run whose configuration is invalid gets a folder too, ERROR with the cause. JUnit XML
 * and the matrix on the console come at the end. Registered through META-INF/services; does nothing in a run
 * without conformance classes (the unit tests).
 * <p>What each event means for the results is {@link ResultListener}'s to say, what the run found {@link RunResults}'s to
 * keep; this listener starts and ends the run's reports. Conformance classes run concurrently, so JUnit calls it from
 * several threads: its callbacks are synchronized.
 */
public final class ConformanceReportListener implements TestExecutionListener {

    private Instant started;
    private Path reportsDir;
    private Path runDir;
    private List<CheckInfo> checks = List.of();
    /** The report of a run whose configuration is invalid, written at its start. */
    private RunSummary couldNotStart;

    /** Null until the run's reports are under way, as are results and events. */
    private LegacyXmlReportGeneratingListener xml;

    private RunResults results;
    private ResultListener events;

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
        started = Instant.now();
        List<Class<?>> conformanceClasses = new ArrayList<>();
        testPlan.getRoots()
                .forEach(root -> testPlan.getDescendants(root)
                        .forEach(id -> ResultListener.conformanceClass(id).ifPresent(c -> {
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
        SuiteConfig config;
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
        reportsDir = config.reportsDir();
        runDir = RunDirectory.current(reportsDir);
        String runId = RunId.current();
        results = new RunResults(runId, started, config, checks);
        events = new ResultListener(testPlan, results, this::writeSoFar); // as it goes: a class is over
        xml = new LegacyXmlReportGeneratingListener(
                runDir.resolve("junit"), new PrintWriter(System.err, true, StandardCharsets.UTF_8));
        xml.testPlanExecutionStarted(testPlan);
        interruption.watch(runId, runDir);
        interruption.onInterrupted(this::reportInterrupted);
        writeSoFar();
    }

    /** An invalid setting: the run gets its folder all the same (the configured one if it can be read), saying why. */
    private void reportCouldNotStart(RuntimeException e) {
        Path reportsDirOfThisRun = reportsDirOfInvalidConfiguration.get();
        try {
            runDir = RunDirectory.current(reportsDirOfThisRun);
            couldNotStart = RunResults.couldNotStart(
                    RunId.current(), started, e.getMessage(), SuiteConfig.givenSettings(), checks);
            ReportWriter.writeAll(couldNotStart, runDir);
            RunDirectory.markLatest(reportsDirOfThisRun, runDir);
        } catch (RuntimeException cannotWrite) {
            couldNotStart = null;
            System.err.println("cannot write the report of a run that could not start under " + reportsDirOfThisRun
                    + ": " + cannotWrite.getMessage());
        }
    }

    @Override
    public synchronized void executionStarted(TestIdentifier id) {
        if (xml != null) {
            events.executionStarted(id);
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
        if (xml != null) {
            xml.reportingEntryPublished(id, entry);
            events.reportingEntryPublished(id, entry);
        }
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier id, String reason) {
        if (xml != null) {
            xml.executionSkipped(id, reason);
            events.executionSkipped(id, reason);
        }
    }

    @Override
    public synchronized void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (xml == null) {
            return;
        }
        xml.executionFinished(id, result);
        if (!interruption.isInterrupted()) {
            // what fails once the run is being taken down is not recorded: the reports stay as it was interrupted
            events.executionFinished(id, result);
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
        RunSummary summary = results.ended(Instant.now());
        write(summary);
        if (results.whyItCouldNotStart().isPresent()) {
            // a setting to fix before anything ran: its cause, not a matrix of cells that did not run
            console.println("\n" + ReportWriter.markdownHeadline(summary) + "Reports: "
                    + runDir.resolve(ReportWriter.HTML) + "\n");
            return;
        }
        console.println(
                "\n" + ReportWriter.markdownPage(summary) + "\nReports: " + runDir.resolve(ReportWriter.HTML) + "\n");
    }

    /** From the interrupted run's shutdown hook: what stopped it and what was removed. */
    private synchronized void reportInterrupted(String account) {
        write(results.snapshot(Verdict.INTERRUPTED, account, Instant.now()));
    }

    private void writeSoFar() {
        write(results.snapshot(Verdict.RUNNING, "", Instant.now()));
    }

    private void write(RunSummary summary) {
        ReportWriter.writeAll(summary, runDir);
        RunDirectory.markLatest(reportsDir, runDir);
    }
}
