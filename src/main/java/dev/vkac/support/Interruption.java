package dev.vkac.support;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.opentest4j.TestAbortedException;

/**
 * A run stopped before its end: Ctrl-C (SIGINT to Maven and its test JVM), SIGTERM (a CI timeout), or Maven stopping
 * its test JVM. One JVM shutdown hook, installed when the run starts ({@link #watch}), then
 * <ol>
 * <li>refuses the run's new objects ({@link #refuseNewObjects}): the checks still running go on until the JVM halts;</li>
 * <li>runs the run's clean-ups, each within its time bound, and collects what each removed, or the command that
 * finishes its work when it could not;</li>
 * <li>hands that account to the run's reports (verdict INTERRUPTED, the account as cause), writes it to
 * {@value #ACCOUNT_FILE} in the run's folder, to stderr, and to the terminal once Maven has exited (on Ctrl-C it exits
 * at once, and this JVM's output went through it).</li>
 * </ol>
 * A run that ends normally says so ({@link #endNormally()}) and the hook does nothing. One per JVM, like the hook:
 * the report listener and the harness meet here. Over 300 lines because the hook's three steps share one state (running,
 * ended, interrupted) and must happen in that order; split, the order would be spread over classes.
 */
public final class Interruption {

    public static final String ACCOUNT_FILE = "interrupted.txt";
    private static final Interruption OF_THIS_JVM = new Interruption(true);

    /** A clean-up: reports each thing it removed as it goes (so a clean-up cut short still says what it did). */
    @FunctionalInterface
    public interface CleanUp {
        void run(Consumer<String> removed) throws Exception;
    }

    /** A registered clean-up, withdrawn when the run has removed its objects itself. */
    public final class Registration {
        private final String what;
        private final Duration bound;
        private final String otherwise;
        private final CleanUp cleanUp;

        private Registration(String what, Duration bound, String otherwise, CleanUp cleanUp) {
            this.what = what;
            this.bound = bound;
            this.otherwise = otherwise;
            this.cleanUp = cleanUp;
        }

        public void withdraw() {
            cleanUps.remove(this);
        }
    }

    private enum State {
        RUNNING,
        ENDED,
        INTERRUPTED
    }

    private final AtomicReference<State> state = new AtomicReference<>(State.RUNNING);
    private final List<Registration> cleanUps = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> reports = new CopyOnWriteArrayList<>();
    private final boolean hooked;
    private volatile Instant started = Instant.now();
    private volatile String runId = "";
    private volatile Path runDir;
    private volatile Optional<ProcessHandle> maven = Optional.empty();
    private boolean watching;

    private Interruption(boolean hooked) {
        this.hooked = hooked;
    }

    /** The JVM's: the run's reports and harness meet here. */
    public static Interruption ofThisJvm() {
        return OF_THIS_JVM;
    }

    /** One that installs no JVM hook: tests call {@link #interrupt()} themselves. */
    public static Interruption unhooked() {
        return new Interruption(false);
    }

    /** Watches for the JVM being stopped before the run ends (the hook is installed once per JVM). */
    public synchronized void watch(String runId, Path runDir) {
        this.runId = runId;
        this.runDir = runDir;
        if (watching) {
            return;
        }
        watching = true;
        started = Instant.now();
        if (!hooked) {
            return;
        }
        maven = ProcessHandle.current().parent();
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(this::interrupt, "vkac-interrupted-run"));
        } catch (IllegalStateException alreadyShuttingDown) {
            // too late to watch
        }
    }

    /**
     * Registers a clean-up of the run's objects for an interrupted run.
     *
     * @param what      what it removes, for people ("the run's objects in the external cluster and Vault")
     * @param bound     how long it may take
     * @param otherwise the command that finishes its work when it could not
     */
    public Registration register(String what, Duration bound, String otherwise, CleanUp cleanUp) {
        Registration registration = new Registration(what, bound, otherwise, cleanUp);
        cleanUps.add(registration);
        return registration;
    }

    /** Registers a writer of the run's reports: given the account, first while clean-ups run, then when they are done. */
    public void onInterrupted(Consumer<String> report) {
        reports.add(report);
    }

    /** The run ended normally; false if it was interrupted first (its reports say INTERRUPTED, and stay so). */
    public boolean endNormally() {
        return state.compareAndSet(State.RUNNING, State.ENDED) || state.get() == State.ENDED;
    }

    public boolean isInterrupted() {
        return state.get() == State.INTERRUPTED;
    }

    /**
     * Refuses to create one more object once the run is interrupted: its clean-up may already have passed by. The
     * check or class that wanted it is aborted (reported as skipped, in one line), not failed.
     */
    public void refuseNewObjects(String what) {
        if (isInterrupted()) {
            TestAbortedException refused =
                    new TestAbortedException("the run was interrupted: " + what + " is not created");
            refused.setStackTrace(new StackTraceElement[0]);
            throw refused;
        }
    }

    /** What the hook does when the JVM is stopped: nothing after a normal end. */
    public void interrupt() {
        if (!state.compareAndSet(State.RUNNING, State.INTERRUPTED)) {
            return;
        }
        Instant now = Instant.now();
        String headline = "run " + runId + " interrupted by " + cause(Thread.getAllStackTraces()) + " at "
                + now.truncatedTo(ChronoUnit.SECONDS) + ", "
                + Duration.between(started, now).toSeconds() + " s after it started.";
        List<Registration> pending = List.copyOf(cleanUps);
        List<String> account = new ArrayList<>(List.of(headline));
        if (!pending.isEmpty()) {
            List<String> underWay = new ArrayList<>(account);
            pending.forEach(p -> underWay.add("Removing " + p.what + " (at most " + p.bound.toSeconds()
                    + " s); if nothing follows, finish with: " + p.otherwise));
            tell(String.join("\n", underWay), false);
        }
        pending.forEach(p -> account.addAll(runBounded(p)));
        tell(String.join("\n", account), true);
    }

    private List<String> runBounded(Registration registration) {
        List<String> removed = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> result = new CompletableFuture<>();
        Thread worker = new Thread(
                () -> {
                    try {
                        registration.cleanUp.run(removed::add);
                        result.complete(null);
                    } catch (Throwable e) {
                        result.completeExceptionally(e);
                    }
                },
                "vkac-interrupted-run-clean-up");
        worker.setDaemon(true);
        long start = System.nanoTime();
        worker.start();
        List<String> lines = new ArrayList<>();
        String failure = null;
        try {
            result.get(registration.bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            worker.interrupt();
            failure = "not finished within " + registration.bound.toSeconds() + " s";
        } catch (ExecutionException e) {
            failure = String.valueOf(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        }
        List<String> done;
        synchronized (removed) {
            done = List.copyOf(removed);
        }
        String seconds = String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9);
        if (failure == null) {
            lines.add("Removed " + registration.what + " in " + seconds + " s"
                    + (done.isEmpty() ? ": nothing was left." : ":"));
        } else {
            lines.add("Could NOT remove " + registration.what + " (" + failure + "). Finish with:");
            lines.add("  " + registration.otherwise);
            if (!done.isEmpty()) {
                lines.add("Removed before that:");
            }
        }
        done.forEach(line -> lines.add("  " + line));
        return lines;
    }

    /**
     * What is stopping the JVM, read from the thread waiting for the hooks: the JVM handles a signal in a thread named
     * after it ("SIGINT handler"); System.exit waits in the thread that called it.
     */
    static String cause(Map<Thread, StackTraceElement[]> threads) {
        for (Thread thread : threads.keySet()) {
            String name = thread.getName();
            if (name.matches("SIG[A-Z]+ handler")) {
                String signal = name.substring(0, name.indexOf(' '));
                return signal
                        + switch (signal) {
                            case "SIGINT" -> " (Ctrl-C)";
                            case "SIGTERM" ->
                                " (kill, a CI job's timeout or cancellation, or Maven stopping its test JVM)";
                            case "SIGHUP" -> " (its terminal closed)";
                            default -> "";
                        };
            }
        }
        for (StackTraceElement[] stack : threads.values()) {
            boolean exiting = Arrays.stream(stack)
                    .anyMatch(frame -> frame.getClassName().equals("java.lang.Runtime")
                            && frame.getMethodName().equals("exit"));
            if (exiting) {
                String caller = Arrays.stream(stack)
                        .map(StackTraceElement::getClassName)
                        .filter(name -> !name.startsWith("java."))
                        .findFirst()
                        .orElse("the JVM");
                return caller.startsWith("org.apache.maven.surefire")
                        ? "Maven stopping its test JVM (Maven was interrupted, or exited)"
                        : "System.exit called by " + caller;
            }
        }
        return "the JVM shutting down before the run ended";
    }

    /** Says it everywhere someone may look: the reports, the run folder, stderr, and the terminal if Maven is gone. */
    private void tell(String account, boolean last) {
        String text = Secrets.redactShapes(account);
        for (Consumer<String> report : reports) {
            try {
                report.accept(text);
            } catch (RuntimeException e) {
                System.err.println("could not write the interrupted run's report: " + e);
            }
        }
        if (runDir != null) {
            try {
                RunDirectory.writeAtomically(runDir.resolve(ACCOUNT_FILE), text + "\n");
            } catch (RuntimeException e) {
                System.err.println("could not write " + runDir.resolve(ACCOUNT_FILE) + ": " + e.getMessage());
            }
        }
        if (!hooked) {
            return; // a test's
        }
        toNativeStderr("\n" + text + "\n");
        if (last && maven.isPresent() && !maven.get().isAlive()) {
            toTerminal("\n[vault-k8s-auth-conformance] " + text.replace("\n", "\n  ") + "\n");
        }
    }

    /**
     * The process's own stderr, not System.err: surefire carries System.err to Maven through a channel that its own
     * shutdown hook closes, while Maven prints what its test JVM writes to the native stream as it comes.
     */
    private static void toNativeStderr(String text) {
        try {
            OutputStream stderr = new FileOutputStream(FileDescriptor.err);
            stderr.write((text + "\n").getBytes(StandardCharsets.UTF_8));
            stderr.flush();
        } catch (IOException | RuntimeException closed) {
            // Maven has gone: the run folder and the reports say it
        }
    }

    /** Maven has exited and closed this JVM's output: a terminal the run was started from still reads. */
    private static void toTerminal(String text) {
        try (OutputStream terminal = new FileOutputStream("/dev/tty")) {
            terminal.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException noTerminal) {
            // CI, or no terminal: the run folder and the reports say it
        }
    }
}
