package dev.vkac.reporting;

import dev.vkac.support.Secrets;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several runs' matrices as one (tools/merge-matrices): a row per check, a column per server of each run, in the
 * order given, for example the runs before and after an upgrade side by side, or the jobs of a CI matrix. Its cells
 * are the runs' own ({@link ReportWriter#cellText}); a check a run does not have is "n/a" in that run's columns.
 */
public final class MergedMatrix {

    static final String NOT_IN_RUN = "n/a (not in this run)";

    private record Column(RunSummary run, ServerInfo server) {
        String heading() {
            return server.heading() + " on " + run.target() + ", Kubernetes " + run.kubernetesVersion();
        }

        boolean hasCheck(String checkId) {
            return run.checks().stream().anyMatch(c -> c.id().equals(checkId));
        }
    }

    private MergedMatrix() {}

    /**
     * The merged matrix in Markdown, headlined with its worst status (a skip counts as passed, "n/a" not at all);
     * rows by step, then check id. A check's text is the first run's that has it.
     */
    public static String markdown(List<RunSummary> runs) {
        Map<String, CheckInfo> checks = new LinkedHashMap<>();
        List<Column> columns = new ArrayList<>();
        for (RunSummary run : runs) {
            run.checks().forEach(check -> checks.putIfAbsent(check.id(), check));
            run.servers().forEach(server -> columns.add(new Column(run, server)));
        }
        List<CheckInfo> rows = new ArrayList<>(checks.values());
        rows.sort(Comparator.comparingInt(CheckInfo::step).thenComparing(CheckInfo::id));
        Status overall = Status.PASSED;
        StringBuilder table = new StringBuilder(
                ReportWriter.tableHead(columns.stream().map(Column::heading).toList()));
        for (CheckInfo check : rows) {
            List<String> cells = new ArrayList<>();
            for (Column column : columns) {
                if (!column.hasCheck(check.id())) {
                    cells.add(NOT_IN_RUN);
                    continue;
                }
                RunSummary.Cell cell =
                        column.run().cell(check.id(), column.server().name());
                overall = overall.worse(cell.status().isRed() ? cell.status() : Status.PASSED);
                cells.add(ReportWriter.cellText(cell));
            }
            table.append(ReportWriter.row(check, cells));
        }
        return Secrets.redactShapes("# Kubernetes auth conformance, all servers: " + overall + "\n\n"
                + checks.size() + " checks, " + columns.size() + " server columns. Cells: pass, FAIL, ERROR, skip "
                + "(with its reason), off; `n/m` counts the runs of a parameterized check.\n\n"
                + table);
    }

    /** Whether the runs have a server column between them: a merged matrix without one says nothing. */
    static boolean hasColumns(List<RunSummary> runs) {
        return runs.stream().anyMatch(run -> !run.servers().isEmpty());
    }

    /** tools/merge-matrices SUMMARY_OR_FOLDER...: exits 0 when it printed a matrix, 1 when no summary was found. */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        if (args.length == 0) {
            System.err.println("Usage: tools/merge-matrices SUMMARY_OR_FOLDER...");
            System.exit(2);
        }
        List<RunSummary> runs = SummaryFiles.named(List.of(args)).stream()
                .map(SummaryFiles::read)
                .toList();
        if (!hasColumns(runs)) {
            System.err.println("merge-matrices: no summary.json found in " + String.join(" ", args));
            System.exit(1);
        }
        out.print(markdown(runs));
        out.flush();
    }
}
