package dev.vkac.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    private static final List<ServerInfo> SERVERS = List.of(
            new ServerInfo("Vault 1.14.8", "", "1.14.8", ""),
            new ServerInfo("OpenBao 2.6.2", "", "", "TimeoutException: OpenBao 2.6.2 did not start"));
    private static final List<CheckInfo> CHECKS = List.of(
            new CheckInfo("LOGIN", 6, "login works", "C", "login"),
            new CheckInfo("DENY", 7, "a | b denied", "C", "deny"));

    private final RunSummary summary = new RunSummary(
            "r1",
            Verdict.ERROR,
            "",
            "2026-11-29T00:00:00Z",
            42_000,
            "local",
            "v1.37.2",
            Map.of("vkac.servers", "vault:1.14.8,openbao:2.6.2  (default)"),
            SERVERS,
            CHECKS,
            List.of(
                    new CheckResult("LOGIN", "Vault 1.14.8", "[1] TokenRequest", Status.PASSED, 10, ""),
                    new CheckResult("LOGIN", "Vault 1.14.8", "[2] legacy", Status.PASSED, 10, ""),
                    new CheckResult(
                            "DENY",
                            "Vault 1.14.8",
                            "[1] write secret/foo",
                            Status.FAILED,
                            10,
                            "expected: 403\n but was: 204"),
                    new CheckResult("DENY", "Vault 1.14.8", "[2] read secret/foo", Status.PASSED, 10, "")));

    @Test
    void cellsFoldRunsIntoTheWorstStatusWithCounts() {
        assertThat(summary.cell("LOGIN", "Vault 1.14.8")).isEqualTo(new RunSummary.Cell(Status.PASSED, 2, 2, ""));
        assertThat(summary.cell("DENY", "Vault 1.14.8").label()).isEqualTo("FAIL 1/2");
        assertThat(summary.cell("DENY", "OpenBao 2.6.2"))
                .isEqualTo(new RunSummary.Cell(Status.ERROR, 0, 0, "TimeoutException: OpenBao 2.6.2 did not start"));
        assertThat(summary.overall()).isEqualTo(Status.ERROR);
    }

    @Test
    void aCheckOfAClassAServerDoesNotRunIsOffThereAndAnotherOfItsClassesChecksStillCount() {
        List<CheckInfo> checks = List.of(
                new CheckInfo("LOGIN", 6, "login works", "dev.vkac.conformance.LoginIT", "login"),
                new CheckInfo("ROLE", 4, "roles", "dev.vkac.conformance.RoleIT", "role"));
        RunSummary narrowed = new RunSummary(
                "r2",
                Verdict.PASSED,
                "",
                "t",
                0,
                "local",
                "v",
                Map.of(),
                List.of(new ServerInfo(
                        "Vault 1.14.8-defect.x", "vault:1.14.8-defect.x", "1.14.8", "", List.of("RoleIT"))),
                checks,
                List.of(new CheckResult("ROLE", "Vault 1.14.8-defect.x", "", Status.PASSED, 1, "")));

        assertThat(narrowed.cell("LOGIN", "Vault 1.14.8-defect.x"))
                .isEqualTo(new RunSummary.Cell(
                        Status.DISABLED, 0, 0, "not run here: vkac.classesOfServers gives this server only RoleIT"));
        assertThat(narrowed.overall()).isEqualTo(Status.PASSED);
        RunSummary roleMissing = new RunSummary(
                "r3",
                Verdict.PASSED,
                "",
                "t",
                0,
                "local",
                "v",
                Map.of(),
                narrowed.servers(),
                checks,
                List.of(new CheckResult("LOGIN", "Vault 1.14.8-defect.x", "", Status.PASSED, 1, "")));
        assertThat(roleMissing.cell("ROLE", "Vault 1.14.8-defect.x").status())
                .as("a class it runs that did not run")
                .isEqualTo(Status.ERROR);
    }

    @Test
    void markdownMatrixHasAColumnPerServerAndARowPerCheck() {
        String markdown = ReportWriter.markdown(summary);

        assertThat(markdown.lines()).hasSize(2 + CHECKS.size());
        assertThat(markdown.lines().findFirst().orElseThrow())
                .isEqualTo("| step | check | Vault 1.14.8 | OpenBao 2.6.2 |");
        assertThat(markdown)
                .contains(
                        "| 7 | `DENY` a \\| b denied | FAIL 1/2: expected: 403 but was: 204 | ERROR: TimeoutException: OpenBao 2.6.2 did not start |");
    }

    @Test
    void jsonSummaryCarriesConfigurationServersAndEveryRun(@TempDir Path dir) throws Exception {
        ReportWriter.writeAll(summary, dir);

        JsonNode json =
                new ObjectMapper().readTree(dir.resolve(ReportWriter.JSON).toFile());
        assertThat(json.get("kubernetesVersion").asText()).isEqualTo("v1.37.2");
        assertThat(json.get("configuration").get("vkac.servers").asText()).startsWith("vault:1.14.8,openbao:2.6.2");
        assertThat(json.get("servers")).hasSize(2);
        assertThat(json.get("results")).hasSize(4);
        assertThat(json.get("results").get(2).get("message").asText()).contains("but was: 204");
    }

    @Test
    void htmlEscapesWhatServersSay(@TempDir Path dir) {
        RunSummary hostile = new RunSummary(
                "r1",
                Verdict.FAILED,
                "",
                "t",
                0,
                "local",
                "v",
                Map.of(),
                List.of(new ServerInfo("S", "", "", "")),
                CHECKS,
                List.of(new CheckResult("LOGIN", "S", "x", Status.FAILED, 0, "<script>alert(1)</script>")));

        // the page's one script is its own filter
        assertThat(ReportWriter.html(hostile))
                .doesNotContain("<script>alert")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .containsOnlyOnce("<script>");
    }

    @Test
    void htmlCountsCellsNotRunYetApartAndNeitherAsFailingNorAsDiffering() {
        // a running run: LOGIN has run on A only, DENY on neither
        RunSummary halfRun = new RunSummary(
                "r1",
                Verdict.RUNNING,
                "",
                "t",
                0,
                "local",
                "v",
                Map.of(),
                List.of(new ServerInfo("A", "", "", ""), new ServerInfo("B", "", "", "")),
                CHECKS,
                List.of(new CheckResult("LOGIN", "A", "x", Status.PASSED, 0, "")));

        String html = ReportWriter.html(halfRun);

        assertThat(html)
                .contains("<tr class=\"check\" id=\"LOGIN\">", "<tr class=\"check\" id=\"DENY\">")
                .contains("<th>not yet</th>", "<td class=\"cell PENDING\" title=\"B\">not yet</td>");
    }
}
