package dev.vkac.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vkac.config.SuiteConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run's report model, built from results told to the collector directly, without JUnit's launcher. */
class RunResultsTest {

    private static final String VAULT = "Vault 1.14.8";
    private static final String OPENBAO = "OpenBao 2.7.2";
    private static final Instant STARTED = Instant.parse("2026-12-07T18:11:16.250Z");
    private static final Instant NOW = STARTED.plusSeconds(9);

    private static final CheckInfo LOGIN =
            new CheckInfo("LOGIN", 6, "login works", "dev.vkac.conformance.LoginIT", "loginWorks");
    private static final CheckInfo DENY =
            new CheckInfo("DENY", 7, "denied elsewhere", "dev.vkac.conformance.LoginIT", "deniedElsewhere");
    private static final CheckInfo REVIEW =
            new CheckInfo("REVIEW", 1, "the reviewer reviews", "dev.vkac.conformance.ReviewerIT", "reviews");

    @TempDir
    Path reports;

    @Test
    void aPassIsAPassedCellOfItsColumn() {
        RunResults run = run();
        // When
        run.checkEnded(new CheckResult("LOGIN", VAULT, "loginWorks()", Status.PASSED, 120, ""));
        run.columnEnded(VAULT);
        // Then
        RunSummary summary = run.snapshot(Verdict.RUNNING, "", NOW);
        assertThat(summary.cell("LOGIN", VAULT).label()).isEqualTo("pass");
        assertThat(summary.cell("LOGIN", OPENBAO).isPending()).isTrue();
        assertThat(summary.results())
                .containsExactly(new CheckResult("LOGIN", VAULT, "loginWorks()", Status.PASSED, 120, ""));
        assertThat(summary.startedAt()).isEqualTo("2026-12-07T18:11:16Z");
        assertThat(summary.durationMillis()).isEqualTo(9000);
    }

    @Test
    void aFailureTurnsTheRunRedWithItsMessage() {
        RunResults run = run(Map.of(), List.of(LOGIN));
        // When
        run.checkEnded(new CheckResult("LOGIN", VAULT, "loginWorks()", Status.PASSED, 1, ""));
        run.checkEnded(new CheckResult("LOGIN", OPENBAO, "loginWorks()", Status.FAILED, 1, "expected 200 but was 403"));
        // Then
        RunSummary summary = run.ended(NOW);
        assertThat(summary.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(summary.cell("LOGIN", OPENBAO).label()).isEqualTo("FAIL");
        assertThat(ReportWriter.markdown(summary)).contains("| pass | FAIL: expected 200 but was 403 |");
    }

    @Test
    void aSkipKeepsItsReasonAndLeavesTheRunPassed() {
        RunResults run = run(Map.of(), List.of(LOGIN));
        // When
        run.checkEnded(new CheckResult("LOGIN", VAULT, "loginWorks()", Status.PASSED, 1, ""));
        run.checkEnded(new CheckResult(
                "LOGIN", OPENBAO, "loginWorks()", Status.SKIPPED, 0, "alias_name_source is not in OpenBao 2.7.2"));
        // Then
        RunSummary summary = run.ended(NOW);
        assertThat(summary.verdict()).isEqualTo(Verdict.PASSED);
        assertThat(ReportWriter.markdown(summary))
                .contains("| pass | skip: alias_name_source is not in OpenBao 2.7.2 |");
    }

    @Test
    void aClassAServerDoesNotRunIsOffThere() throws IOException {
        Path classesOfServers = Files.writeString(reports.resolve("classes-of-servers"), "openbao:2.7.2\tReviewerIT\n");
        RunResults run = run(Map.of("vkac.classesOfServers", classesOfServers.toString()), List.of(LOGIN, REVIEW));
        // When
        run.checkEnded(new CheckResult("LOGIN", VAULT, "loginWorks()", Status.PASSED, 1, ""));
        run.checkEnded(new CheckResult("REVIEW", VAULT, "reviews()", Status.PASSED, 1, ""));
        run.checkEnded(new CheckResult("REVIEW", OPENBAO, "reviews()", Status.PASSED, 1, ""));
        // Then
        RunSummary summary = run.ended(NOW);
        assertThat(summary.servers().get(1).onlyClasses()).containsExactly("ReviewerIT");
        assertThat(summary.cell("LOGIN", OPENBAO).label()).isEqualTo("off");
        assertThat(summary.cell("LOGIN", OPENBAO).message())
                .isEqualTo("not run here: vkac.classesOfServers gives this server only ReviewerIT");
        assertThat(summary.verdict()).isEqualTo(Verdict.PASSED);
    }

    @Test
    void aBrokenSetUpOfAClassIsAnErrorOfEachOfItsChecksOnThatColumnOnly() {
        RunResults run = run();
        run.checkEnded(new CheckResult("REVIEW", OPENBAO, "reviews()", Status.PASSED, 1, ""));
        run.columnEnded(OPENBAO);
        // When
        run.columnFailed(VAULT, "LoginIT", List.of(LOGIN, DENY), "IllegalStateException: the server did not start");
        // Then
        RunSummary summary = run.ended(NOW);
        assertThat(summary.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(summary.servers().get(0).setupError()).isEqualTo("IllegalStateException: the server did not start");
        assertThat(summary.cell("DENY", VAULT).message())
                .isEqualTo(
                        "LoginIT on Vault 1.14.8 failed as a whole: IllegalStateException: the server did not start");
        assertThat(summary.cell("REVIEW", VAULT).message())
                .as("a check of another class that did not run there")
                .isEqualTo("IllegalStateException: the server did not start");
        assertThat(summary.cell("REVIEW", OPENBAO).label()).isEqualTo("pass");
    }

    @Test
    void aClassThatFailedAsAWholeIsAnErrorOnEveryColumn() {
        RunResults run = run();
        run.checkEnded(new CheckResult("REVIEW", VAULT, "reviews()", Status.PASSED, 1, ""));
        run.checkEnded(new CheckResult("REVIEW", OPENBAO, "reviews()", Status.PASSED, 1, ""));
        // When
        run.classFailed("LoginIT", List.of(LOGIN, DENY), "ConfigException: vkac.servers names no server");
        // Then
        RunSummary summary = run.ended(NOW);
        assertThat(summary.results())
                .filteredOn(r -> r.status() == Status.ERROR)
                .hasSize(4);
        assertThat(summary.cell("LOGIN", OPENBAO).message())
                .isEqualTo("LoginIT failed as a whole: ConfigException: vkac.servers names no server");
        assertThat(summary.verdict()).isEqualTo(Verdict.ERROR);
    }

    @Test
    void aRunThatCouldNotStartEndsWithTheFirstCauseNotAMatrixVerdict() {
        RunResults run = run();
        // When
        run.runCouldNotStart("VAULT_ADDR is not set");
        run.runCouldNotStart("a later class says it again");
        // Then
        RunSummary summary = run.ended(NOW);
        assertThat(summary.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(summary.cause()).isEqualTo("the run could not start: VAULT_ADDR is not set");
    }

    @Test
    void whatTheServersReportGoesToTheirColumnsAndTheHeadline() {
        RunResults run = run();
        // When
        run.serverReported(OPENBAO, "2.7.2");
        run.serverReported(VAULT, "1.14.9");
        run.kubernetesReported("v1.35.4+k3s1");
        run.kubernetesReported("v1.33.1");
        run.targetReported("local");
        // Then
        RunSummary summary = run.snapshot(Verdict.RUNNING, "", NOW);
        assertThat(summary.servers())
                .extracting(ServerInfo::heading)
                .containsExactly("Vault 1.14.8 (reports 1.14.9)", "OpenBao 2.7.2");
        assertThat(summary.kubernetesVersion()).isEqualTo("v1.33.1, v1.35.4+k3s1");
        assertThat(summary.target()).isEqualTo("local");
    }

    @Test
    void theServersThatRanInAPodAreNamedInTheHeadlineAndTheirColumns() {
        RunResults run = run();
        String sandbox = "a local process in a mount namespace of its own";
        // When both columns ran the in-pod class in a pod made alike, on two Kubernetes releases
        run.ranInAPod(VAULT, "VaultInAPodIT", sandbox);
        run.ranInAPod(OPENBAO, "VaultInAPodIT", sandbox);
        run.ranInAPod(VAULT, "VaultInAPodIT", sandbox);
        // Then each column says it, and the headline names both columns once
        RunSummary summary = run.snapshot(Verdict.RUNNING, "", NOW);
        assertThat(summary.servers())
                .extracting(ServerInfo::inAPod)
                .containsExactly("VaultInAPodIT (" + sandbox + ")", "VaultInAPodIT (" + sandbox + ")");
        assertThat(summary.inAPod()).containsExactly("VaultInAPodIT (" + sandbox + "): " + VAULT + ", " + OPENBAO);
        assertThat(ReportWriter.markdownHeadline(summary))
                .contains("Ran in a pod: VaultInAPodIT (" + sandbox + "): " + VAULT + ", " + OPENBAO + ".");
        assertThat(ReportWriter.html(summary))
                .contains("<p id=\"in-a-pod\">Ran in a pod: VaultInAPodIT (" + sandbox)
                .contains("title=\"ran in a pod: VaultInAPodIT (" + sandbox + ")\"");
    }

    @Test
    void aServerGivenInAPodRanEveryClassThere() {
        RunResults run = run();
        String given = "the given Vault's own pod (vkac.vaultInAPod)";
        // When every class ran in the given Vault's pod
        run.ranInAPod(VAULT, "LoginIT", given);
        run.ranInAPod(VAULT, "ReviewerIT", given);
        // Then the headline says so once
        RunSummary summary = run.snapshot(Verdict.RUNNING, "", NOW);
        assertThat(summary.inAPod()).containsExactly("every class (" + given + "): " + VAULT);
    }

    @Test
    void noServerInAPodNoPodInTheHeadline() {
        RunSummary summary = run().snapshot(Verdict.RUNNING, "", NOW);

        assertThat(summary.inAPod()).isEmpty();
        assertThat(ReportWriter.markdownHeadline(summary)).doesNotContain("In a pod");
        assertThat(ReportWriter.html(summary)).doesNotContain("in-a-pod").doesNotContain("ran in a pod");
    }

    @Test
    void beforeAnyServerReportsTheHeadlineSaysWhatIsConfigured() {
        RunSummary summary = run().snapshot(Verdict.RUNNING, "", NOW);

        assertThat(summary.kubernetesVersion()).isEqualTo("unknown");
        assertThat(summary.target()).isEqualTo("local");
        assertThat(summary.servers()).extracting(ServerInfo::spec).containsExactly("vault:1.14.8", "openbao:2.7.2");
    }

    private RunResults run() {
        return run(Map.of(), List.of(LOGIN, DENY, REVIEW));
    }

    private RunResults run(Map<String, String> moreSettings, List<CheckInfo> catalogue) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "vkac.reportsDir", reports.toString(),
                "vkac.target", "local",
                "vkac.servers", "vault:1.14.8,openbao:2.7.2"));
        settings.putAll(moreSettings);
        return new RunResults("r1", STARTED, SuiteConfig.from(settings, Map.of()), catalogue);
    }
}
