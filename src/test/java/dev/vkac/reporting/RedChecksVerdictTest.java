package dev.vkac.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proofs' verdict against one run: the unchanged auth method (all green), a defect that skips the audience check
 * (AUDIENCE-CHECKED red in one of its two runs), and a broken policy file that stopped every class. The expected
 * texts are what the Python red_checks.py printed for the same inputs.
 */
class RedChecksVerdictTest {

    private static final String CONTROL = "vault:1.14.8+auth-v0.23.1";
    private static final String DEFECT = "vault:1.14.8+auth-v0.23.1-defect.skip-audience";
    private static final RunSummary RUN = SummaryFiles.read(MergedMatrixTest.resource("refusals/summary.json"));

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @Test
    void aDefectThatTurnsExactlyItsChecksRedIsCaughtAndTheControlStaysGreen(@TempDir Path dir) throws Exception {
        Path caught = dir.resolve("caught.txt");

        boolean passed = judge(DEFECT + "\tskip-audience\tAUDIENCE-CHECKED", CONTROL, caught);

        assertThat(passed).isTrue();
        assertThat(printed())
                .isEqualTo("  ok   skip-audience: 1 red\n"
                        + "  ok   none (vault:1.14.8+auth-v0.23.1: the unchanged auth method): 0 red\n");
        assertThat(Files.readAllLines(caught)).containsExactly("AUDIENCE-CHECKED");
    }

    @Test
    void aCheckTheDefectMustTurnRedThatStaysGreenFailsTheProof() {
        boolean passed = judge(DEFECT + "\tskip-audience\tAUDIENCE-CHECKED LOGIN-BOUND", "", null);

        assertThat(passed).isFalse();
        assertThat(printed())
                .isEqualTo("  FAIL skip-audience: 1 red\n"
                        + "         STILL GREEN (the suite passes this defect): LOGIN-BOUND\n");
    }

    @Test
    void aRedCheckTheDefectDoesNotNameFailsTheProof() {
        boolean passed = judge(DEFECT + "\tskip-audience\t", "", null);

        assertThat(passed).isFalse();
        assertThat(printed()).isEqualTo("  FAIL skip-audience: 1 red\n         UNEXPECTEDLY RED: AUDIENCE-CHECKED\n");
    }

    @Test
    void aCheckTheDefectMayTurnRedIsNeitherRequiredNorUnexpected() {
        boolean passed = judge(DEFECT + "\tskip-audience\t?AUDIENCE-CHECKED", "", null);

        assertThat(passed).isTrue();
        assertThat(printed()).isEqualTo("  ok   skip-audience: 1 red\n");
    }

    @Test
    void aGuideFileThatStopsEveryClassPassesWhenEachErrorNamesIt() {
        boolean passed = judge("vault:1.14.8\tbroken-policy\terror: fixtures/policy.hcl", "", null);

        assertThat(passed).isTrue();
        assertThat(printed())
                .isEqualTo(
                        "  ok   broken-policy: every class stopped before its checks, naming \"fixtures/policy.hcl\"\n");
    }

    @Test
    void aClassStoppedForAnotherReasonFailsTheProof() {
        boolean passed = judge("vault:1.14.8\tbroken-role\terror: fixtures/role.json", "", null);

        assertThat(passed).isFalse();
        assertThat(printed())
                .isEqualTo("  FAIL broken-role: not every class stopped naming \"fixtures/role.json\"\n"
                        + "         NOT STOPPED FOR THAT REASON: AUDIENCE-CHECKED\n"
                        + "         NOT STOPPED FOR THAT REASON: AUTH-MOUNT\n"
                        + "         NOT STOPPED FOR THAT REASON: LOGIN-BOUND\n");
    }

    @Test
    void aCheckInErrorIsTheHarnessBrokenNotTheCheckRed() {
        boolean passed = judge("vault:1.14.8\tbroken-policy\tAUTH-MOUNT LOGIN-BOUND AUDIENCE-CHECKED", "", null);

        assertThat(passed).isFalse();
        assertThat(printed()).startsWith("  FAIL broken-policy: 3 red\n").contains("""
                         ERROR (the harness broke, not the check): AUTH-MOUNT
                """);
    }

    @Test
    void aServerWithoutResultsDidNotRun() {
        boolean passed = judge("vault:2.0.0\tnot-started\tAUTH-MOUNT", "", null);

        assertThat(passed).isFalse();
        assertThat(printed())
                .isEqualTo("  FAIL not-started: 0 red (no results: the server did not run)\n"
                        + "         STILL GREEN (the suite passes this defect): AUTH-MOUNT\n");
    }

    private boolean judge(String expectedLine, String controls, Path caught) {
        return RedChecksVerdict.judge(
                RUN, List.of(expectedLine), controls, caught, new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }
}
