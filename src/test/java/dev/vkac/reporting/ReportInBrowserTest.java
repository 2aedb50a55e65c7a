package dev.vkac.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens index.html in headless Chromium and reads back the DOM the browser built: one row per check and
 * one column per server, a count per server, rows marked failing or differing, and (through a probe script added to a
 * copy of the page) the sticky headers and the filter as the browser applied them. CI installs Chromium and sets
 * vkac.requireBrowser=true, so there it cannot skip.
 */
class ReportInBrowserTest {

    /** Three checks on two servers: A passes on both, B fails on OpenBao, C is skipped on Vault. */
    private static final RunSummary SUMMARY = new RunSummary(
            "r1",
            Verdict.FAILED,
            "",
            "2026-11-29T00:00:00Z",
            1234,
            "local",
            "v1.37.2",
            Map.of("vkac.target", "local"),
            List.of(new ServerInfo("Vault 1.14.8", "", "1.14.8", ""), new ServerInfo("OpenBao 2.6.2", "", "2.6.2", "")),
            List.of(
                    new CheckInfo("A-CHECK", 1, "a must", "C", "a"),
                    new CheckInfo("B-CHECK", 2, "b must", "C", "b"),
                    new CheckInfo("C-CHECK", 3, "c must", "C", "c")),
            List.of(
                    new CheckResult("A-CHECK", "Vault 1.14.8", "a()", Status.PASSED, 5, ""),
                    new CheckResult("A-CHECK", "OpenBao 2.6.2", "a()", Status.PASSED, 5, ""),
                    new CheckResult("B-CHECK", "Vault 1.14.8", "b()", Status.PASSED, 5, ""),
                    new CheckResult("B-CHECK", "OpenBao 2.6.2", "b()", Status.FAILED, 5, "expected: 403 but was: 204"),
                    new CheckResult("C-CHECK", "Vault 1.14.8", "c()", Status.SKIPPED, 0, "not in this version"),
                    new CheckResult("C-CHECK", "OpenBao 2.6.2", "c()", Status.PASSED, 5, "")));

    /**
     * Run in the page after its own script: what the browser made of its CSS and its filter, written into the DOM
     * for the dump to carry out. Each id list names the rows a filter leaves visible.
     */
    private static final String PROBE = """
            <script>
            (function () {
              function style(selector) { return getComputedStyle(document.querySelector(selector)); }
              function choose(rows) {
                var input = document.querySelector('#filter input[value=' + rows + ']');
                input.checked = true;
                input.dispatchEvent(new Event('change', {bubbles: true}));
                return Array.from(document.querySelectorAll('#matrix tr.check'))
                    .filter(function (row) { return getComputedStyle(row).display !== 'none'; })
                    .map(function (row) { return row.id; }).join(' ');
              }
              var probe = {
                filterShown: !document.getElementById('filter').hidden,
                headerPosition: style('#matrix thead th.server').position,
                headerBackground: style('#matrix thead th.server').backgroundColor,
                stepColumnPosition: style('#matrix tbody .step-col').position,
                checkColumnPosition: style('#matrix tbody .check-col').position,
                checkColumnBackground: style('#matrix tbody .check-col').backgroundColor,
                failing: choose('failing'),
                differs: choose('differs'),
                all: choose('all')
              };
              var out = document.createElement('pre');
              out.id = 'probe';
              out.textContent = JSON.stringify(probe);
              document.body.appendChild(out);
            })();
            </script>
            """;

    @Test
    void matrixRendersOneRowPerCheckAndOneColumnPerServer(@TempDir Path dir) throws Exception {
        // Given a run over three checks and two servers
        ReportWriter.writeAll(SUMMARY, dir);
        // When Chromium renders the page
        String dom =
                renderedDom(dir.resolve(ReportWriter.HTML), Files.createDirectory(dir.resolve("chromium-profile")));
        // Then
        String matrix = between(dom, "<table id=\"matrix\">", "</table>");
        assertThat(count(matrix, "<tr class=\"check")).isEqualTo(3);
        assertThat(count(matrix, "<th class=\"server\">")).isEqualTo(2);
        assertThat(matrix).contains("expected: 403 but was: 204");
        assertThat(between(dom, "<span id=\"overall\">", "</span>")).isEqualTo("FAILED");
    }

    @Test
    void summaryCountsEachServersChecks(@TempDir Path dir) throws Exception {
        ReportWriter.writeAll(SUMMARY, dir);

        String dom =
                renderedDom(dir.resolve(ReportWriter.HTML), Files.createDirectory(dir.resolve("chromium-profile")));

        String summary = between(dom, "<table id=\"summary\">", "</table>");
        assertThat(cellTexts(between(summary, "<thead>", "</thead>"), "th"))
                .containsExactly("checks per server", "passed", "failed", "error", "skipped");
        assertThat(count(summary, "<th scope=\"row\">")).isEqualTo(2);
        assertThat(cellTexts(between(summary, "<th scope=\"row\">Vault 1.14.8</th>", "</tr>"), "td"))
                .containsExactly("2", "0", "0", "1");
        assertThat(cellTexts(between(summary, "<th scope=\"row\">OpenBao 2.6.2</th>", "</tr>"), "td"))
                .containsExactly("2", "1", "0", "0");
    }

    @Test
    void rowsSayWhetherTheyFailOrDifferAndCellsKeepTheirMessageInADetails(@TempDir Path dir) throws Exception {
        ReportWriter.writeAll(SUMMARY, dir);

        String dom =
                renderedDom(dir.resolve(ReportWriter.HTML), Files.createDirectory(dir.resolve("chromium-profile")));

        String matrix = between(dom, "<table id=\"matrix\">", "</table>");
        assertThat(matrix)
                .contains(
                        "<tr class=\"check failing differs\" id=\"B-CHECK\">",
                        "<tr class=\"check\" id=\"A-CHECK\">",
                        "<tr class=\"check differs\" id=\"C-CHECK\">");
        assertThat(between(matrix, "id=\"B-CHECK\">", "</tr>"))
                .contains(
                        "<td class=\"cell FAILED\" title=\"OpenBao 2.6.2: expected: 403 but was: 204\"><details><summary>FAIL</summary>"
                                + "<div class=\"why\">expected: 403 but was: 204</div></details></td>")
                .contains("<td class=\"cell PASSED\" title=\"Vault 1.14.8\">pass</td>")
                .contains("<code>B-CHECK</code><div class=\"must\" title=\"b must\">b must</div>");
    }

    @Test
    void headersStayInViewAndTheFilterShowsTheRowsItNames(@TempDir Path dir) throws Exception {
        ReportWriter.writeAll(SUMMARY, dir);
        Path page = dir.resolve(ReportWriter.HTML);
        Path probed = dir.resolve("probed.html");
        Files.writeString(probed, Files.readString(page).replace("</body>", PROBE + "</body>"));

        String dom = renderedDom(probed, Files.createDirectory(dir.resolve("chromium-profile")));

        JsonNode probe = new ObjectMapper()
                .readTree(between(dom, "<pre id=\"probe\">", "</pre>").replace("&amp;", "&"));
        assertThat(probe.get("filterShown").asBoolean())
                .as("the filter, shown by the page's script")
                .isTrue();
        assertThat(probe.get("headerPosition").asText()).isEqualTo("sticky");
        assertThat(probe.get("stepColumnPosition").asText()).isEqualTo("sticky");
        assertThat(probe.get("checkColumnPosition").asText()).isEqualTo("sticky");
        assertThat(List.of(
                        probe.get("headerBackground").asText(),
                        probe.get("checkColumnBackground").asText()))
                .as("backgrounds, so that what scrolls under them does not show through")
                .doesNotContain("rgba(0, 0, 0, 0)");
        assertThat(probe.get("failing").asText()).isEqualTo("B-CHECK");
        assertThat(probe.get("differs").asText()).isEqualTo("B-CHECK C-CHECK");
        assertThat(probe.get("all").asText()).isEqualTo("A-CHECK B-CHECK C-CHECK");
    }

    private static String renderedDom(Path page, Path profile) throws Exception {
        Optional<Path> chromium = Stream.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
                .flatMap(name -> Stream.of(System.getenv("PATH").split(":")).map(dir -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst();
        if (Boolean.getBoolean("vkac.requireBrowser")) {
            assertThat(chromium)
                    .as("Chromium on PATH (vkac.requireBrowser=true; apt-get install chromium)")
                    .isPresent();
        }
        assumeTrue(
                chromium.isPresent(), "no Chromium on PATH: install it (apt-get install chromium) to run this check");
        Process browser = new ProcessBuilder(
                        chromium.get().toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--user-data-dir=" + profile,
                        "--dump-dom",
                        page.toUri().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String dom = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(browser.waitFor(60, TimeUnit.SECONDS))
                .as("Chromium finished")
                .isTrue();
        assertThat(browser.exitValue()).as("Chromium's exit status").isZero();
        return dom;
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as("%s in the rendered page", start).isNotNegative();
        return text.substring(from + start.length(), text.indexOf(end, from + start.length()));
    }

    /** The text of each {@code <tag>} element in an excerpt of the DOM, in order. */
    private static List<String> cellTexts(String html, String tag) {
        Matcher matcher =
                Pattern.compile("<" + tag + "\\b[^>]*>(.*?)</" + tag + ">").matcher(html);
        List<String> texts = new ArrayList<>();
        while (matcher.find()) {
            texts.add(matcher.group(1));
        }
        return texts;
    }

    private static int count(String text, String needle) {
        Matcher matcher = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
