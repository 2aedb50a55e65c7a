package dev.vkac.reporting;

/** What a whole run says, in its reports' headline and in summary.json's {@code verdict}. */
public enum Verdict {
    /** Started and not yet ended: the reports are rewritten as it goes. */
    RUNNING,
    /** Every check passed, or was skipped with a reason, on every server. */
    PASSED,
    /** A server did something else than the guide says. */
    FAILED,
    /** The run could not start, or the harness or the environment broke; the cause or the cells say why. */
    ERROR,
    /** Stopped before its end (Ctrl-C, SIGTERM); the cause says by what and what was removed. */
    INTERRUPTED;

    /** The verdict of a run that ended: its matrix's. */
    static Verdict of(Status overall) {
        return switch (overall) {
            case PASSED, SKIPPED, DISABLED -> PASSED;
            case FAILED -> FAILED;
            case ERROR -> ERROR;
        };
    }
}
