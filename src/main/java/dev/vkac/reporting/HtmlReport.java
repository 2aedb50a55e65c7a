package dev.vkac.reporting;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * index.html, read in seconds: the verdict and a count per server first, then the matrix with one-symbol cells (a
 * cell's message opens on demand), headers that stay in view and a filter for the rows that failed or differ; the
 * configuration and every run below. Self-contained: no external CSS, scripts or fonts, so it opens offline.
 */
final class HtmlReport {

    /** The summary's columns: a cell's CSS class (its status, or PENDING) and its heading. */
    private static final Map<String, String> SUMMARY_COLUMNS = new LinkedHashMap<>();

    static {
        SUMMARY_COLUMNS.put("PASSED", "passed");
        SUMMARY_COLUMNS.put("FAILED", "failed");
        SUMMARY_COLUMNS.put("ERROR", "error");
        SUMMARY_COLUMNS.put("SKIPPED", "skipped");
        SUMMARY_COLUMNS.put("DISABLED", "off");
        SUMMARY_COLUMNS.put("PENDING", "not yet");
    }

    /** Shown even when no server has any: the four a reader looks for. */
    private static final List<String> ALWAYS_SHOWN = List.of("PASSED", "FAILED", "ERROR", "SKIPPED");

    private HtmlReport() {}

    /** The page before {@code Secrets.redactShapes}, which {@link ReportWriter#html} applies to all of it. */
    static String unredacted(RunSummary summary) {
        List<Row> rows = summary.checksInOrder().stream()
                .map(check -> new Row(
                        check,
                        summary.servers().stream()
                                .map(s -> summary.cell(check.id(), s.name()))
                                .toList()))
                .toList();
        StringBuilder out = new StringBuilder();
        out.append(
                        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>vault-k8s-auth-conformance: ")
                .append(summary.verdict())
                .append("</title>\n<style>\n")
                .append(HtmlAssets.STYLE)
                .append("</style></head><body>\n");
        headline(out, summary);
        serverSummary(out, summary.servers(), rows);
        matrix(out, summary.servers(), rows);
        configuration(out, summary.configuration());
        everyRun(out, summary.results());
        out.append(HtmlAssets.FILTER_SCRIPT).append("</body></html>\n");
        return out.toString();
    }

    private static void headline(StringBuilder out, RunSummary summary) {
        out.append("<h1 class=\"")
                .append(summary.verdict())
                .append("\">Kubernetes auth conformance: <span id=\"overall\">")
                .append(summary.verdict())
                .append("</span></h1>\n");
        out.append("<p>Run <code id=\"run-id\">")
                .append(esc(summary.runId()))
                .append("</code>, started ")
                .append(esc(summary.startedAt()))
                .append(summary.verdict() == Verdict.RUNNING ? ", running for " : ", took ")
                .append(summary.durationMillis() / 1000)
                .append(" s on the <b>")
                .append(esc(summary.target()))
                .append("</b> target, Kubernetes ")
                .append(esc(summary.kubernetesVersion()))
                .append(". Runs: ")
                .append(summary.counts().entrySet().stream()
                        .filter(e -> e.getValue() > 0)
                        .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase())
                        .collect(Collectors.joining(", ")))
                .append(
                        ". Server logs: <a href=\"servers/\">servers/</a>, JUnit XML: <a href=\"junit/\">junit/</a>.</p>\n");
        if (!summary.inAPod().isEmpty()) {
            out.append("<p id=\"in-a-pod\">Ran in a pod: ")
                    .append(esc(String.join("; ", summary.inAPod())))
                    .append(".</p>\n");
        }
        if (!summary.cause().isEmpty()) {
            out.append("<pre id=\"cause\">")
                    .append(esc(summary.cause().strip()))
                    .append("</pre>\n");
        }
    }

    /** Per server, how many checks ended in each status: the matrix's columns, counted. */
    private static void serverSummary(StringBuilder out, List<ServerInfo> servers, List<Row> rows) {
        List<Map<String, Long>> counts = IntStream.range(0, servers.size())
                .mapToObj(column -> rows.stream()
                        .collect(Collectors.groupingBy(
                                row -> statusClass(row.cells().get(column)), Collectors.counting())))
                .toList();
        List<String> shown = SUMMARY_COLUMNS.keySet().stream()
                .filter(key -> ALWAYS_SHOWN.contains(key) || counts.stream().anyMatch(c -> c.containsKey(key)))
                .toList();
        out.append("<table id=\"summary\">\n<thead><tr><th>checks per server</th>");
        shown.forEach(key -> out.append("<th>").append(SUMMARY_COLUMNS.get(key)).append("</th>"));
        out.append("</tr></thead>\n<tbody>\n");
        for (int column = 0; column < servers.size(); column++) {
            out.append("<tr><th scope=\"row\">")
                    .append(esc(servers.get(column).heading()))
                    .append("</th>");
            for (String key : shown) {
                long count = counts.get(column).getOrDefault(key, 0L);
                out.append("<td class=\"")
                        .append(count == 0 ? "zero" : key)
                        .append("\">")
                        .append(count)
                        .append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table>\n");
    }

    private static void matrix(StringBuilder out, List<ServerInfo> servers, List<Row> rows) {
        out.append(
                "<h2>Compatibility matrix</h2>\n<p class=\"legend\">pass, FAIL, ERROR (the environment broke), skip (not in this version), "
                        + "off (disabled), not yet; <code>n/m</code> counts the passed runs of a parameterized check. Click a cell for its "
                        + "message. <span class=\"marker\"></span> marks a check whose results differ between servers.</p>\n");
        long failing = rows.stream().filter(Row::failing).count();
        long differing = rows.stream().filter(Row::differs).count();
        out.append("<p id=\"filter\" hidden>Show: ")
                .append(filterChoice("all", "all checks", rows.size(), true))
                .append(filterChoice("failing", "failing or erroring", failing, false))
                .append(filterChoice("differs", "differing between servers", differing, false))
                .append("</p>\n");
        out.append(
                "<table id=\"matrix\">\n<thead><tr><th class=\"step-col\" title=\"the guide's step\">step</th><th class=\"check-col\">check</th>");
        for (ServerInfo server : servers) {
            out.append("<th class=\"server\"")
                    .append(server.inAPod().isEmpty() ? "" : " title=\"ran in a pod: " + esc(server.inAPod()) + "\"")
                    .append("><span>")
                    .append(esc(server.heading()))
                    .append("</span></th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (Row row : rows) {
            CheckInfo check = row.check();
            out.append("<tr class=\"check")
                    .append(row.failing() ? " failing" : "")
                    .append(row.differs() ? " differs" : "")
                    .append("\" id=\"")
                    .append(esc(check.id()))
                    .append("\"><td class=\"step-col\">")
                    .append(check.step())
                    .append("</td><td class=\"check-col\"><code>")
                    .append(esc(check.id()))
                    .append("</code><div class=\"must\" title=\"")
                    .append(esc(check.must()))
                    .append("\">")
                    .append(esc(check.must()))
                    .append("</div></td>");
            for (int column = 0; column < servers.size(); column++) {
                cell(out, servers.get(column), row.cells().get(column));
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table>\n");
    }

    private static String filterChoice(String value, String label, long count, boolean checked) {
        return "<label><input type=\"radio\" name=\"rows\" value=\"" + value + "\"" + (checked ? " checked" : "")
                + (count == 0 && !checked ? " disabled" : "") + "> " + label + " (" + count + ")</label>";
    }

    /** One symbol wide; its message (why it failed, erred or was skipped) in a title and a details that opens over the table. */
    private static void cell(StringBuilder out, ServerInfo server, RunSummary.Cell cell) {
        boolean explained = cell.status() != Status.PASSED
                && !cell.isPending()
                && !cell.message().isEmpty();
        out.append("<td class=\"cell ")
                .append(statusClass(cell))
                .append("\" title=\"")
                .append(esc(server.heading()))
                .append(explained ? ": " + esc(ReportWriter.firstLine(cell.message())) : "")
                .append("\">");
        if (explained) {
            out.append("<details><summary>")
                    .append(esc(cell.label()))
                    .append("</summary><div class=\"why\">")
                    .append(esc(cell.message()))
                    .append("</div></details>");
        } else {
            out.append(esc(cell.label()));
        }
        out.append("</td>");
    }

    private static void configuration(StringBuilder out, Map<String, String> configuration) {
        out.append("<details open><summary class=\"section\">Configuration</summary>\n<table id=\"configuration\">\n");
        for (Map.Entry<String, String> entry : configuration.entrySet()) {
            out.append("<tr><th>")
                    .append(esc(entry.getKey()))
                    .append("</th><td><code>")
                    .append(esc(entry.getValue()))
                    .append("</code></td></tr>\n");
        }
        out.append("</table></details>\n");
    }

    private static void everyRun(StringBuilder out, List<CheckResult> results) {
        out.append("<details><summary class=\"section\">Every run (")
                .append(results.size())
                .append(")</summary>\n")
                .append(
                        "<table id=\"runs\"><tr><th>server</th><th>check</th><th>run</th><th>status</th><th>ms</th></tr>\n");
        for (CheckResult result : results) {
            out.append("<tr><td>")
                    .append(esc(result.server()))
                    .append("</td><td><code>")
                    .append(esc(result.checkId()))
                    .append("</code></td><td>")
                    .append(esc(result.name()))
                    .append("</td><td class=\"")
                    .append(result.status())
                    .append("\">")
                    .append(result.status().symbol())
                    .append("</td><td>")
                    .append(result.millis())
                    .append("</td></tr>\n");
        }
        out.append("</table></details>\n");
    }

    /** A cell's CSS class: its status, or PENDING for one not run yet (which says ERROR only until it runs). */
    private static String statusClass(RunSummary.Cell cell) {
        return cell.isPending() ? "PENDING" : cell.status().name();
    }

    private static String esc(String text) {
        return text == null
                ? ""
                : text.replace("&", "&amp;")
                        .replace("<", "&lt;")
                        .replace(">", "&gt;")
                        .replace("\"", "&quot;");
    }

    /** A check and its cells, one per server in column order; cells not run yet neither fail nor differ. */
    private record Row(CheckInfo check, List<RunSummary.Cell> cells) {

        boolean failing() {
            return cells.stream()
                    .anyMatch(cell ->
                            !cell.isPending() && (cell.status() == Status.FAILED || cell.status() == Status.ERROR));
        }

        boolean differs() {
            return cells.stream()
                            .filter(cell -> !cell.isPending())
                            .map(RunSummary.Cell::status)
                            .distinct()
                            .count()
                    > 1;
        }
    }
}
