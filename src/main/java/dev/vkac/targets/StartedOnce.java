package dev.vkac.targets;

import java.util.function.Supplier;

/**
 * Something a target starts at most once per run, such as the Kubernetes cluster every class shares: the first
 * caller starts it, later callers get it, and when starting failed they get that failure at once, with its
 * cause, instead of each conformance class trying (and waiting) again.
 */
public final class StartedOnce<T> implements AutoCloseable {

    private final String what;
    private final Supplier<T> starter;
    private T value;
    private RuntimeException failure;

    public StartedOnce(String what, Supplier<T> starter) {
        this.what = what;
        this.starter = starter;
    }

    public synchronized T get() {
        if (failure != null) {
            throw new NotTriedAgain(what + " failed to start earlier in this run, so this was not tried again: "
                    + String.valueOf(failure.getMessage()).lines().findFirst().orElse(""));
        }
        if (value == null) {
            try {
                value = starter.get();
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        }
        return value;
    }

    /** Whether starting it was tried and failed. */
    public synchronized boolean failed() {
        return failure != null;
    }

    /** The first line of why starting it failed, or null when it did not fail. */
    public synchronized String whyItFailed() {
        return failure == null
                ? null
                : String.valueOf(failure.getMessage()).lines().findFirst().orElse("");
    }

    /** Why a caller gets no value: one line, no stack trace (the first caller's failure has the whole story). */
    public static final class NotTriedAgain extends IllegalStateException {
        NotTriedAgain(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /** Whether it was started (and so needs stopping). */
    public synchronized boolean isStarted() {
        return value != null;
    }

    /** Closes what was started, if it is closeable. */
    @Override
    public synchronized void close() throws Exception {
        if (value instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Override
    public String toString() {
        return what;
    }
}
