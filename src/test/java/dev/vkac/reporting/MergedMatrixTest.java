package dev.vkac.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tools/merge-matrices: two runs of an upgrade side by side (Vault 1.14.8 and OpenBao before, Vault 1.16.0 after, with
 * a check only the later run has); merged.md is what the Python merge-matrices printed for them.
 */
class MergedMatrixTest {

    private static final Path MERGE = resource("merge");

    @Test
    void theRunsOfAFolderAreMergedInTheOrderOfTheirPaths() {
        assertThat(SummaryFiles.named(List.of(MERGE.toString())))
                .containsExactly(MERGE.resolve("1-before/summary.json"), MERGE.resolve("2-after/summary.json"));
    }

    @Test
    void theMergedMatrixIsTheRunsCellsSideBySideUnderTheWorstStatus() throws Exception {
        String merged = MergedMatrix.markdown(runsOf(MERGE.toString()));

        assertThat(merged).isEqualTo(Files.readString(MERGE.resolve("merged.md")));
    }

    @Test
    void eachColumnSaysItsServerTargetAndKubernetesRelease() {
        String merged = MergedMatrix.markdown(runsOf(MERGE.toString()));

        assertThat(merged)
                .contains("| OpenBao 2.7.2 (reports 2.7.3) on local, Kubernetes v1.33.1 |")
                .contains("| Vault 1.16.0 on local, Kubernetes v1.34.0 |");
    }

    @Test
    void aCheckOneRunLacksIsNotApplicableInItsColumnsAndDoesNotLowerTheHeadline() {
        String merged = MergedMatrix.markdown(runsOf(MERGE.resolve("1-before").toString()));

        assertThat(merged)
                .startsWith("# Kubernetes auth conformance, all servers: PASSED")
                .doesNotContain("NEW-CHECK");
        assertThat(MergedMatrix.markdown(runsOf(MERGE.toString())))
                .contains(
                        "| 5 | `NEW-CHECK` A check the later run has | n/a (not in this run) | n/a (not in this run) | pass |");
    }

    @Test
    void aCellIsTheRunsOwnCellAsItsMatrixShowsIt() {
        RunSummary after = runsOf(MERGE.resolve("2-after").toString()).get(0);

        assertThat(MergedMatrix.markdown(List.of(after)))
                .contains("| " + ReportWriter.cellText(after.cell("AUDIENCE-CHECKED", "Vault 1.16.0")) + " |")
                .contains("| FAIL 1/2: expected status 400 but was 200 |");
    }

    @Test
    void foldersWithoutASummaryGiveNoColumns(@TempDir Path empty) {
        List<RunSummary> runs =
                runsOf(empty.toString(), empty.resolve("missing").toString());

        assertThat(MergedMatrix.hasColumns(runs)).isFalse();
    }

    private static List<RunSummary> runsOf(String... paths) {
        return SummaryFiles.named(List.of(paths)).stream()
                .map(SummaryFiles::read)
                .toList();
    }

    static Path resource(String name) {
        try {
            return Path.of(MergedMatrixTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
