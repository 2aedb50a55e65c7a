package dev.vkac.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * one column per server. CI installs Chromium and sets vkac.requireBrowser=true, so there it cannot skip.
 */
class ReportInBrowserTest {

    @Test
    void matrixRendersOneRowPerCheckAndOneColumnPerServer(@TempDir Path dir) throws Exception {
        // Given a run over three checks and two servers
        RunSummary summary = new RunSummary("r1", Verdict.FAILED, "", "2026-11-29T00:00:00Z", 1234, "local", "v1.37.2", Map.of("vkac.target", "local"),
                List.of(new ServerInfo("Vault 1.14.8", "", "1.14.8", ""), new ServerInfo("OpenBao 2.6.2", "", "2.6.2", "")),
                List.of(new CheckInfo("A-CHECK", 1, "a must", "C", "a"), new CheckInfo("B-CHECK", 2, "b must", "C", "b"),
                        new CheckInfo("C-CHECK", 3, "c must", "C", "c")),
                List.of(new CheckResult("A-CHECK", "Vault 1.14.8", "a()", Status.PASSED, 5, ""),
                        new CheckResult("A-CHECK", "OpenBao 2.6.2", "a()", Status.PASSED, 5, ""),
                        new CheckResult("B-CHECK", "Vault 1.14.8", "b()", Status.PASSED, 5, ""),
                        new CheckResult("B-CHECK", "OpenBao 2.6.2", "b()", Status.FAILED, 5, "expected: 403 but was: 204"),
                        new CheckResult("C-CHECK", "Vault 1.14.8", "c()", Status.SKIPPED, 0, "not in this version"),
                        new CheckResult("C-CHECK", "OpenBao 2.6.2", "c()", Status.PASSED, 5, "")));
        ReportWriter.writeAll(summary, dir);
        // When Chromium renders the page
        String dom = renderedDom(dir.resolve(ReportWriter.HTML), Files.createDirectory(dir.resolve("chromium-profile")));
        // Then
        String matrix = between(dom, "<table id=\"matrix\">", "</table>");
        assertThat(count(matrix, "<tr class=\"check\"")).isEqualTo(3);
        assertThat(count(matrix, "<th class=\"server\">")).isEqualTo(2);
        assertThat(matrix).contains("expected: 403 but was: 204");
        assertThat(between(dom, "<span id=\"overall\">", "</span>")).isEqualTo("FAILED");
    }

    private static String renderedDom(Path page, Path profile) throws Exception {
        Optional<Path> chromium = Stream.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
                .flatMap(name -> Stream.of(System.getenv("PATH").split(":")).map(dir -> Path.of(dir, name)))
                .filter(Files::isExecutable).findFirst();
        if (Boolean.getBoolean("vkac.requireBrowser")) {
            assertThat(chromium).as("Chromium on PATH (vkac.requireBrowser=true; apt-get install chromium)").isPresent();
        }
        assumeTrue(chromium.isPresent(), "no Chromium on PATH: install it (apt-get install chromium) to run this check");
        Process browser = new ProcessBuilder(chromium.get().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--dump-dom", page.toUri().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(browser.waitFor(60, TimeUnit.SECONDS)).as("Chromium finished").isTrue();
        assertThat(browser.exitValue()).as("Chromium's exit status").isZero();
        return dom;
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as("%s in the rendered page", start).isNotNegative();
        return text.substring(from + start.length(), text.indexOf(end, from + start.length()));
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
