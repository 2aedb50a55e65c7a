package dev.vkac.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A run whose conformance classes failed as a whole must never be headlined PASSED. */
class ClassErrorHeadlineTest {

    private static final List<CheckInfo> CHECKS = List.of(
            new CheckInfo("LOGIN", 6, "login works", "C", "login"),
            new CheckInfo("DENY", 7, "denied elsewhere", "C", "deny"));
    private static final List<ServerInfo> SERVERS =
            List.of(new ServerInfo("Vault 1.14.8", "", "", ""), new ServerInfo("OpenBao 2.6.2", "", "", ""));

    @Test
    void aRunWhereEveryClassFailedAtInitialisationIsAnErrorInEveryCell() {
        List<CheckResult> errors = RunResults.classErrorResults(
                CHECKS, List.of("Vault 1.14.8", "OpenBao 2.6.2"), "C failed as a whole: k3s did not start");

        RunSummary summary = new RunSummary(
                "r1", Verdict.ERROR, "", "t", 0, "containers", "unknown", Map.of(), SERVERS, CHECKS, errors);

        assertThat(errors)
                .hasSize(4)
                .allSatisfy(result -> assertThat(result.status()).isEqualTo(Status.ERROR));
        assertThat(summary.overall()).isEqualTo(Status.ERROR);
        assertThat(summary.cell("DENY", "OpenBao 2.6.2").label()).isEqualTo("ERROR");
        assertThat(ReportWriter.markdown(summary))
                .contains("| 6 | `LOGIN` login works | ERROR: C failed as a whole: k3s did not start |");
    }

    @Test
    void aRunWithNothingInItIsNotPassed() {
        assertThat(new RunSummary(
                                "r1", Verdict.RUNNING, "", "t", 0, "local", "v", Map.of(), List.of(), CHECKS, List.of())
                        .ended()
                        .verdict())
                .isEqualTo(Verdict.ERROR);
        assertThat(new RunSummary("r1", Verdict.RUNNING, "", "t", 0, "local", "v", Map.of(), SERVERS, CHECKS, List.of())
                        .ended()
                        .verdict())
                .isEqualTo(Verdict.ERROR);
    }

    @Test
    void aClassThatFailedAfterItsChecksPassedStillTurnsTheirCellsRed() {
        List<CheckResult> results = new ArrayList<>(List.of(
                new CheckResult("LOGIN", "Vault 1.14.8", "login", Status.PASSED, 1, ""),
                new CheckResult("DENY", "Vault 1.14.8", "deny", Status.PASSED, 1, "")));
        results.addAll(RunResults.classErrorResults(
                CHECKS, List.of("Vault 1.14.8"), "C failed as a whole: teardown left objects behind"));

        RunSummary summary = new RunSummary(
                "r1", Verdict.ERROR, "", "t", 0, "local", "v", Map.of(), List.of(SERVERS.get(0)), CHECKS, results);

        assertThat(summary.overall()).isEqualTo(Status.ERROR);
        assertThat(summary.cell("LOGIN", "Vault 1.14.8").message()).contains("teardown left objects behind");
    }
}
