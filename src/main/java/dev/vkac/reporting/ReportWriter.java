package dev.vkac.reporting;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vkac.support.RunDirectory;
import dev.vkac.support.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes a run's summary as JSON (for machines), Markdown (for pull requests) and HTML (for people, offline). */
public final class ReportWriter {

    public static final String JSON = "summary.json";
    public static final String MARKDOWN = "matrix.md";
    public static final String HTML = "index.html";

    private ReportWriter() {
    }

    /** Writes (or rewrites, as the run goes) summary.json, matrix.md and index.html; each file is replaced in one step. */
    public static void writeAll(RunSummary summary, Path runDir) {
        String json;
        try {
            json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reports to " + runDir, e);
        }
        RunDirectory.writeAtomically(runDir.resolve(JSON), Secrets.redactShapes(json));
        RunDirectory.writeAtomically(runDir.resolve(MARKDOWN), markdownPage(summary));
        RunDirectory.writeAtomically(runDir.resolve(HTML), html(summary));
    }

    /**
     * The matrix as a page of its own: the verdict and the run's id, why it did not finish (when it did not), when,
     * where and against what it was made, then the table. Like every report, it passes through
     * {@link Secrets#redactShapes}: the last line of defence for a token in a message.
     */
    public static String markdownPage(RunSummary summary) {
        return Secrets.redactShapes("# Kubernetes auth conformance: " + summary.verdict() + "\n\n"
                + "Run `" + summary.runId() + "`" + (summary.cause().isEmpty() ? "." : ":") + "\n\n"
                + (summary.cause().isEmpty() ? "" : "```\n" + summary.cause().strip() + "\n```\n\n")
                + "Made " + summary.startedAt() + " on the " + summary.target() + " target with Kubernetes "
                + summary.kubernetesVersion() + ", against " + summary.servers().stream().map(ServerInfo::name)
                .collect(Collectors.joining(", ")) + " (" + duration(summary) + ").\n"
                + "Cells: pass, FAIL, ERROR (the environment broke), skip (not in this version; the reason follows), "
                + "off (disabled); `n/m` counts the runs of a parameterized check.\n\n"
                + markdown(summary));
    }

    private static String duration(RunSummary summary) {
        return summary.verdict() == Verdict.RUNNING ? "running for " + summary.durationMillis() / 1000 + " s so far"
                : summary.durationMillis() / 1000 + " s";
    }

    /** The compatibility matrix in Markdown: one row per check, one column per server. */
    public static String markdown(RunSummary summary) {
        StringBuilder out = new StringBuilder();
        List<ServerInfo> servers = summary.servers();
        out.append("| step | check | ").append(servers.stream().map(ServerInfo::heading).collect(Collectors.joining(" | "))).append(" |\n");
        out.append("|---|---|").append("---|".repeat(servers.size())).append('\n');
        for (CheckInfo check : summary.checksInOrder()) {
            out.append("| ").append(check.step()).append(" | `").append(check.id()).append("` ").append(escapeMd(check.must())).append(" | ");
            out.append(servers.stream().map(s -> {
                RunSummary.Cell cell = summary.cell(check.id(), s.name());
                String why = cell.status() == Status.PASSED || cell.isPending() || cell.message().isEmpty() ? "" : ": " + escapeMd(firstLine(cell.message()));
                return cell.label() + why;
            }).collect(Collectors.joining(" | "))).append(" |\n");
        }
        return out.toString();
    }

    static String html(RunSummary summary) {
        return Secrets.redactShapes(unredactedHtml(summary));
    }

    private static String unredactedHtml(RunSummary summary) {
        StringBuilder out = new StringBuilder();
        out.append("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <title>vault-k8s-auth-conformance: %s</title>
                <style>
                body{font-family:system-ui,sans-serif;margin:2em;color:#222}
                table{border-collapse:collapse;margin:1em 0}
                th,td{border:1px solid #ccc;padding:.35em .6em;text-align:left;vertical-align:top}
                th{background:#f3f3f3}
                td.PASSED{background:#e6f4ea}td.FAILED,td.ERROR{background:#fce8e6}
                td.SKIPPED,td.DISABLED,td.PENDING{background:#f1f3f4;color:#555}
                #cause{background:#fce8e6;padding:.6em;white-space:pre-wrap}
                .why{font-size:.85em;white-space:pre-wrap;max-width:40em}
                code{font-size:.9em}
                </style></head><body>
                """.formatted(summary.verdict()));
        out.append("<h1>Kubernetes auth conformance: <span id=\"overall\">").append(summary.verdict()).append("</span></h1>\n");
        out.append("<p>Run <code id=\"run-id\">").append(esc(summary.runId())).append("</code></p>\n");
        if (!summary.cause().isEmpty()) {
            out.append("<pre id=\"cause\">").append(esc(summary.cause().strip())).append("</pre>\n");
        }
        out.append("<p>Started ").append(esc(summary.startedAt())).append(summary.verdict() == Verdict.RUNNING ? ", running for " : ", took ")
                .append(summary.durationMillis() / 1000).append(" s on the <b>").append(esc(summary.target())).append("</b> target, Kubernetes ")
                .append(esc(summary.kubernetesVersion())).append(". Results: ")
                .append(summary.counts().entrySet().stream().filter(e -> e.getValue() > 0)
                        .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase()).collect(Collectors.joining(", ")))
                .append(".</p>\n");
        out.append("<h2>Configuration</h2>\n<table id=\"configuration\">\n");
        for (Map.Entry<String, String> entry : summary.configuration().entrySet()) {
            out.append("<tr><th>").append(esc(entry.getKey())).append("</th><td><code>").append(esc(entry.getValue())).append("</code></td></tr>\n");
        }
        out.append("</table>\n<h2>Compatibility matrix</h2>\n<table id=\"matrix\">\n<thead><tr><th>step</th><th>check</th>");
        for (ServerInfo server : summary.servers()) {
            out.append("<th class=\"server\">").append(esc(server.heading())).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (CheckInfo check : summary.checksInOrder()) {
            out.append("<tr class=\"check\" id=\"").append(esc(check.id())).append("\"><td>").append(check.step())
                    .append("</td><td><code>").append(esc(check.id())).append("</code><br>").append(esc(check.must())).append("</td>");
            for (ServerInfo server : summary.servers()) {
                RunSummary.Cell cell = summary.cell(check.id(), server.name());
                out.append("<td class=\"").append(cell.isPending() ? "PENDING" : cell.status()).append("\">").append(esc(cell.label()));
                if (cell.status() != Status.PASSED && !cell.isPending() && !cell.message().isEmpty()) {
                    out.append("<div class=\"why\">").append(esc(cell.message())).append("</div>");
                }
                out.append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table>\n<h2>Every run</h2>\n<table id=\"runs\"><tr><th>server</th><th>check</th><th>run</th><th>status</th><th>ms</th></tr>\n");
        for (CheckResult result : summary.results()) {
            out.append("<tr><td>").append(esc(result.server())).append("</td><td><code>").append(esc(result.checkId()))
                    .append("</code></td><td>").append(esc(result.name())).append("</td><td class=\"").append(result.status()).append("\">")
                    .append(result.status().symbol()).append("</td><td>").append(result.millis()).append("</td></tr>\n");
        }
        out.append("</table>\n<p>Server logs: <a href=\"servers/\">servers/</a>. JUnit XML: <a href=\"junit/\">junit/</a>.</p>\n</body></html>\n");
        return out.toString();
    }

    /** A failure message on one line (assertion messages put expected and actual on lines of their own). */
    private static String firstLine(String text) {
        String line = text.strip().replaceAll("\\s*\\R\\s*", " ");
        return line.length() > 200 ? line.substring(0, 197) + "..." : line;
    }

    private static String escapeMd(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static String esc(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
