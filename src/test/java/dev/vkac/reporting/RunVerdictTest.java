package dev.vkac.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vkac.config.ConfigException;
import dev.vkac.config.SuiteConfig;
import dev.vkac.fixtures.Guide;
import dev.vkac.junit.Check;
import dev.vkac.junit.ConformanceTest;
import dev.vkac.support.Interruption;
import dev.vkac.support.RunDirectory;
import dev.vkac.support.RunId;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The verdict in reports/latest is never stale: a run is RUNNING from its start, ERROR with the cause when its
 * configuration is invalid, INTERRUPTED with why when its JVM is stopped first; the listener is driven with the test
 * plan of a conformance class of its own, without servers.
 */
class RunVerdictTest {

    /** A conformance class for the listener to see; never run. */
    @ConformanceTest
    static class SomeConformance {
        @Parameter
        Guide guide;

        @Test
        @Check(id = "SOME-CHECK", step = 6, must = "something holds")
        void somethingHolds() {}
    }

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path reports;

    private final Interruption interruption = Interruption.unhooked();
    private final TestPlan plan = LauncherFactory.create()
            .discover(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(SomeConformance.class))
                    .build());
    private Path previousRun;

    @BeforeEach
    void aPreviousRunPassed() throws IOException {
        newRunOfThisJvm();
        previousRun = Files.createDirectories(reports.resolve("runs/20261130-000000"));
        Files.writeString(previousRun.resolve(ReportWriter.JSON), "{\"verdict\": \"PASSED\"}");
        RunDirectory.markLatest(reports, previousRun);
    }

    @AfterEach
    void newRunOfThisJvm() {
        System.clearProperty(RunDirectory.PROPERTY); // a run's folder and id are chosen once per JVM
        System.clearProperty(RunId.PROPERTY);
    }

    @Test
    void aRunIsRunningFromItsStartAndLatestNamesItAtOnce() throws IOException {
        // When a run starts
        listener().testPlanExecutionStarted(plan);
        // Then
        Path latest = latest();
        assertThat(latest).isNotEqualTo(previousRun);
        JsonNode summary = summaryOf(latest);
        assertThat(summary.get("verdict").asText()).isEqualTo("RUNNING");
        assertThat(summary.get("runId").asText()).isEqualTo(RunId.current()).matches("[a-z0-9]{6}");
        assertThat(summary.has("cause")).isFalse();
        assertThat(Files.readString(latest.resolve(ReportWriter.HTML)))
                .contains("<span id=\"overall\">RUNNING</span>", "<code id=\"run-id\">" + RunId.current() + "</code>");
        assertThat(Files.readString(latest.resolve(ReportWriter.MARKDOWN)))
                .startsWith("# Kubernetes auth conformance: RUNNING\n\nRun `" + RunId.current() + "`.")
                .contains("| not yet |");
    }

    @Test
    void aRunThatCannotStartIsAnErrorWithTheCause() throws IOException {
        ConformanceReportListener listener = new ConformanceReportListener(
                () -> {
                    throw new ConfigException(
                            "invalid vkac.target / VKAC_TARGET = 'bogus': expected auto, local, containers or external");
                },
                () -> reports,
                interruption,
                QUIET);
        // When
        listener.testPlanExecutionStarted(plan);
        listener.testPlanExecutionFinished(plan);
        // Then
        Path latest = latest();
        assertThat(latest).isNotEqualTo(previousRun);
        JsonNode summary = summaryOf(latest);
        assertThat(summary.get("verdict").asText()).isEqualTo("ERROR");
        assertThat(summary.get("runId").asText()).isEqualTo(RunId.current());
        assertThat(summary.get("cause").asText())
                .isEqualTo("the run could not start: invalid vkac.target / VKAC_TARGET = 'bogus': "
                        + "expected auto, local, containers or external");
        assertThat(Files.readString(latest.resolve(ReportWriter.HTML)))
                .contains(
                        "<span id=\"overall\">ERROR</span>",
                        "<pre id=\"cause\">the run could not start: invalid vkac.target");
    }

    @Test
    void anInterruptedRunSaysWhyAndStaysInterruptedWhateverFinishesAfter() throws IOException {
        ConformanceReportListener listener = listener();
        listener.testPlanExecutionStarted(plan);
        interruption.register(
                "the run's objects in the external cluster and Vault",
                Duration.ofSeconds(5),
                "tools/cleanup " + RunId.current(),
                removed -> removed.accept("deleted Namespace vkac-" + RunId.current() + "-1"));
        // When the JVM is stopped, and then the run's end still comes
        interruption.interrupt();
        listener.testPlanExecutionFinished(plan);
        // Then
        JsonNode summary = summaryOf(latest());
        assertThat(summary.get("verdict").asText()).isEqualTo("INTERRUPTED");
        assertThat(summary.get("cause").asText())
                .startsWith("run " + RunId.current() + " interrupted by ")
                .contains(
                        "Removed the run's objects in the external cluster and Vault in ",
                        "deleted Namespace vkac-" + RunId.current() + "-1");
        assertThat(Files.readString(latest().resolve(ReportWriter.MARKDOWN)))
                .contains("did not run: the run was interrupted")
                .startsWith("# Kubernetes auth conformance: INTERRUPTED");
        assertThat(latest().resolve(Interruption.ACCOUNT_FILE)).exists();
    }

    @Test
    void aRunThatEndsGetsItsMatrixVerdictNeverRunning() throws IOException {
        ConformanceReportListener listener = listener();
        listener.testPlanExecutionStarted(plan);

        listener.testPlanExecutionFinished(plan);

        assertThat(summaryOf(latest()).get("verdict").asText()).isEqualTo("ERROR"); // nothing ran
    }

    private ConformanceReportListener listener() {
        return new ConformanceReportListener(
                () -> SuiteConfig.from(
                        Map.of(
                                "vkac.reportsDir",
                                reports.toString(),
                                "vkac.target",
                                "local",
                                "vkac.servers",
                                "openbao:2.7.2"),
                        Map.of()),
                () -> reports,
                interruption,
                QUIET);
    }

    private Path latest() throws IOException {
        return reports.resolve(
                Files.readString(reports.resolve(RunDirectory.LATEST)).strip());
    }

    private static JsonNode summaryOf(Path runDir) throws IOException {
        return new ObjectMapper().readTree(runDir.resolve(ReportWriter.JSON).toFile());
    }
}
