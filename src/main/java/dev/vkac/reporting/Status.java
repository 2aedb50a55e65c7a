package dev.vkac.reporting;

/** What one check's run meant. */
public enum Status {
    /** The server did what the guide says. */
    PASSED,
    /** The server did something else: a conformance failure. */
    FAILED,
    /** The harness or the environment broke (a server did not start, a request could not be sent). */
    ERROR,
    /** This server version does not support the check; the reason says why. */
    SKIPPED,
    /** Switched off by configuration. */
    DISABLED;

    /** The worse of two statuses, for folding the runs of one check into one matrix cell. */
    public Status worse(Status other) {
        return rank(other) > rank(this) ? other : this;
    }

    /**
     * Whether this turns its matrix red: a failure or a broken harness. A skip or a disabled check does not, and a
     * proof of refusals counts a check red on a server when any of its runs is.
     */
    public boolean isRed() {
        return this == FAILED || this == ERROR;
    }

    private static int rank(Status status) {
        return switch (status) {
            case DISABLED -> 0;
            case SKIPPED -> 1;
            case PASSED -> 2;
            case FAILED -> 3;
            case ERROR -> 4;
        };
    }

    public String symbol() {
        return switch (this) {
            case PASSED -> "pass";
            case FAILED -> "FAIL";
            case ERROR -> "ERROR";
            case SKIPPED -> "skip";
            case DISABLED -> "off";
        };
    }
}
