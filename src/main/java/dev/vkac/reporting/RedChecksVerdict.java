package dev.vkac.reporting;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The verdict of the proofs that checks can fail (tools/prove-refusals: defects of the servers; tools/prove-fixtures:
 * defects of the guide's files): compares, server by server, the checks a run turned red with the ones each defect
 * must turn red. A check is red on a server when its cell is ({@link Status#isRed}), in error when its cell is ERROR.
 */
public final class RedChecksVerdict {

    static final String USAGE = "Usage: tools/java-main " + RedChecksVerdict.class.getName()
            + " SUMMARY EXPECTED [CONTROLS [CAUGHT]]\n"
            + "  EXPECTED: lines \"<vkac.servers entry>\\t<defect>\\t<check ids>\" (\"?CHECK\" for one it may turn red"
            + " or not) or \"<vkac.servers entry>\\t<defect>\\terror: <text>\" (every class stops, naming <text>);\n"
            + "  CONTROLS: comma-separated vkac.servers entries that must turn no check red; CAUGHT: a file to append"
            + " each check a defect turned red as it must.\n"
            + "Prints one line per server; exits 1 unless each turned exactly its checks red, with no check in error.";

    private final RunSummary run;
    private final PrintStream out;
    private boolean failed;

    private RedChecksVerdict(RunSummary run, PrintStream out) {
        this.run = run;
        this.out = out;
    }

    /**
     * Judges each expectation (in the file's order, then the controls) against the run, prints a line per server
     * and what went wrong, appends the checks caught as they must be to {@code caught} (when not null).
     *
     * @return whether every server turned exactly its checks red, with none in error
     */
    public static boolean judge(
            RunSummary run, List<String> expectedLines, String controls, Path caught, PrintStream out) {
        Map<String, String> columnOfSpec = new LinkedHashMap<>();
        run.servers().forEach(server -> columnOfSpec.put(server.spec(), server.name()));
        Map<String, Expectation> expected = new LinkedHashMap<>();
        for (String line : expectedLines) {
            Expectation expectation = Expectation.parse(line);
            expected.put(columnOfSpec.getOrDefault(expectation.spec(), expectation.spec()), expectation);
        }
        for (String control : controls.split(",")) {
            if (!control.isEmpty()) {
                expected.put(
                        columnOfSpec.getOrDefault(control, control),
                        new Expectation(
                                control,
                                "none (" + control + ": the unchanged auth method)",
                                Set.of(),
                                Set.of(),
                                null));
            }
        }
        RedChecksVerdict verdict = new RedChecksVerdict(run, out);
        expected.forEach((server, expectation) -> {
            if (expectation.stopReason() != null) {
                verdict.judgeStopped(server, expectation);
            } else {
                verdict.judgeRed(server, expectation, caught);
            }
        });
        return !verdict.failed;
    }

    /** A defect that must stop every class before its checks: each result on its server an error naming why. */
    private void judgeStopped(String server, Expectation expectation) {
        String why = expectation.stopReason();
        List<CheckResult> results =
                run.results().stream().filter(r -> r.server().equals(server)).toList();
        Set<String> stray = results.stream()
                .filter(r -> r.status() != Status.ERROR || !r.message().contains(why))
                .map(CheckResult::checkId)
                .collect(Collectors.toCollection(TreeSet::new));
        boolean ok = !results.isEmpty() && stray.isEmpty();
        out.println(
                ok
                        ? "  ok   " + expectation.defect() + ": every class stopped before its checks, naming \"" + why
                                + "\""
                        : "  FAIL " + expectation.defect() + ": not every class stopped naming \"" + why + "\""
                                + (results.isEmpty() ? " (no results)" : ""));
        stray.forEach(c -> out.println("         NOT STOPPED FOR THAT REASON: " + c));
        failed |= !ok;
    }

    /** A defect that must turn exactly its checks red on its server, none of them in error. */
    private void judgeRed(String server, Expectation expectation, Path caught) {
        Set<String> ran = run.results().stream()
                .filter(r -> r.server().equals(server))
                .map(CheckResult::checkId)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> red = new TreeSet<>();
        Set<String> errors = new TreeSet<>();
        for (String checkId : ran) {
            Status status = run.cell(checkId, server).status();
            if (status.isRed()) {
                red.add(checkId);
            }
            if (status == Status.ERROR) {
                errors.add(checkId);
            }
        }
        Set<String> missed = new TreeSet<>(expectation.red());
        missed.removeAll(red);
        Set<String> unexpected = new TreeSet<>(red);
        unexpected.removeAll(expectation.red());
        unexpected.removeAll(expectation.maybeRed());
        boolean ok = !ran.isEmpty() && missed.isEmpty() && unexpected.isEmpty() && errors.isEmpty();
        out.println("  " + (ok ? "ok  " : "FAIL") + " " + expectation.defect() + ": " + red.size() + " red"
                + (ran.isEmpty() ? " (no results: the server did not run)" : ""));
        missed.forEach(c -> out.println("         STILL GREEN (the suite passes this defect): " + c));
        unexpected.forEach(c -> out.println("         UNEXPECTEDLY RED: " + c));
        errors.forEach(c -> out.println("         ERROR (the harness broke, not the check): " + c));
        if (caught != null) {
            Set<String> caughtHere = new TreeSet<>(red);
            caughtHere.retainAll(expectation.red());
            appendLines(caught, caughtHere);
        }
        failed |= !ok;
    }

    private static void appendLines(Path file, Set<String> lines) {
        try {
            Files.write(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append the caught checks to " + file, e);
        }
    }

    /**
     * One line of the expected file.
     *
     * @param red        the checks the defect must turn red
     * @param maybeRed   the checks it may turn red or not ("?CHECK": its patch says why)
     * @param stopReason for a defect that must stop every class ("error: <text>"), the text; otherwise null
     */
    record Expectation(String spec, String defect, Set<String> red, Set<String> maybeRed, String stopReason) {

        static Expectation parse(String line) {
            String[] fields = line.split("\t", -1);
            if (fields.length != 3) {
                throw new IllegalArgumentException(
                        "an expected line has 3 tab-separated fields (server, defect, checks), not: " + line);
            }
            String red = fields[2];
            if (red.startsWith("error:")) {
                return new Expectation(
                        fields[0],
                        fields[1],
                        Set.of(),
                        Set.of(),
                        red.substring("error:".length()).strip());
            }
            List<String> ids = Arrays.stream(red.strip().split("\\s+"))
                    .filter(id -> !id.isEmpty())
                    .toList();
            return new Expectation(
                    fields[0],
                    fields[1],
                    ids.stream().filter(id -> !id.startsWith("?")).collect(Collectors.toSet()),
                    ids.stream()
                            .filter(id -> id.startsWith("?"))
                            .map(id -> id.substring(1))
                            .collect(Collectors.toSet()),
                    null);
        }
    }

    /** SUMMARY EXPECTED [CONTROLS [CAUGHT]]: exits 0 when every server turned exactly its checks red, else 1. */
    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 4) {
            System.err.println(USAGE);
            System.exit(2);
        }
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        boolean passed = judge(
                SummaryFiles.read(Path.of(args[0])),
                Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8),
                args.length > 2 ? args[2] : "",
                args.length > 3 && !args[3].isEmpty() ? Path.of(args[3]) : null,
                out);
        out.flush();
        System.exit(passed ? 0 : 1);
    }
}
