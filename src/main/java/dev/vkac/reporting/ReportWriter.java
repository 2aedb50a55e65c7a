package dev.vkac.reporting;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vkac.support.RunDirectory;
import dev.vkac.support.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Writes a run's summary as JSON (for machines), Markdown (for pull requests) and HTML (for people, offline). */
public final class ReportWriter {

    public static final String JSON = "summary.json";
    public static final String MARKDOWN = "matrix.md";
    public static final String HTML = "index.html";

    private ReportWriter() {}

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
        return markdownHeadline(summary)
                + "Cells: pass, FAIL, ERROR (the environment broke), skip (not in this version; the reason follows), "
                + "off (disabled); `n/m` counts the runs of a parameterized check.\n\n"
                + Secrets.redactShapes(markdown(summary));
    }

    /** The verdict, its cause if any, and what ran where: the page without its matrix. */
    public static String markdownHeadline(RunSummary summary) {
        return Secrets.redactShapes("# Kubernetes auth conformance: " + summary.verdict() + "\n\n"
                + "Run `" + summary.runId() + "`" + (summary.cause().isEmpty() ? "." : ":") + "\n\n"
                + (summary.cause().isEmpty() ? "" : "```\n" + summary.cause().strip() + "\n```\n\n")
                + "Made " + summary.startedAt() + " on the " + summary.target() + " target with Kubernetes "
                + summary.kubernetesVersion() + ", against "
                + summary.servers().stream().map(ServerInfo::name).collect(Collectors.joining(", ")) + " ("
                + duration(summary) + ").\n"
                + (summary.inAPod().isEmpty() ? "" : "\nRan in a pod: " + String.join("; ", summary.inAPod()) + ".\n"));
    }

    private static String duration(RunSummary summary) {
        return summary.verdict() == Verdict.RUNNING
                ? "running for " + summary.durationMillis() / 1000 + " s so far"
                : summary.durationMillis() / 1000 + " s";
    }

    /** The compatibility matrix in Markdown: one row per check, one column per server. */
    public static String markdown(RunSummary summary) {
        StringBuilder out = new StringBuilder(
                tableHead(summary.servers().stream().map(ServerInfo::heading).toList()));
        for (CheckInfo check : summary.checksInOrder()) {
            out.append(row(
                    check,
                    summary.servers().stream()
                            .map(s -> cellText(summary.cell(check.id(), s.name())))
                            .toList()));
        }
        return out.toString();
    }

    /** The matrix's first two lines: the step and check columns, then one per heading. */
    static String tableHead(List<String> headings) {
        return "| step | check | " + String.join(" | ", headings) + " |\n" + "|---|---|"
                + "---|".repeat(headings.size()) + "\n";
    }

    /** A check's row: its step, id and what must hold, then its cells. */
    static String row(CheckInfo check, List<String> cells) {
        return "| " + check.step() + " | `" + check.id() + "` " + escapeMd(check.must()) + " | "
                + String.join(" | ", cells) + " |\n";
    }

    /** A cell's text: its label, and for a cell that did not pass, the first line of why. */
    static String cellText(RunSummary.Cell cell) {
        String why = cell.status() == Status.PASSED
                        || cell.isPending()
                        || cell.message().isEmpty()
                ? ""
                : ": " + escapeMd(firstLine(cell.message()));
        return cell.label() + why;
    }

    static String html(RunSummary summary) {
        return Secrets.redactShapes(HtmlReport.unredacted(summary));
    }

    /** A failure message on one line (assertion messages put expected and actual on lines of their own). */
    static String firstLine(String text) {
        String line = text.strip().replaceAll("\\s*\\R\\s*", " ");
        return line.length() > 200 ? line.substring(0, 197) + "..." : line;
    }

    private static String escapeMd(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
