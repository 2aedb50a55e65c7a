package dev.vkac.targets.local;

import dev.vkac.support.Wait;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server started as a plain process, in a session of its own ({@code setsid}), so that everything it starts can be
 * found again even after the server itself died and its children were handed to init. Its output goes to a log file
 * with secrets replaced by {@code <redacted>}; stopping it stops its whole session. The session is recorded in its
 * working folder ({@value #SESSION_FILE_PREFIX}name) for the watchdog of {@link StaleRuns}.
 */
public final class ManagedProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ManagedProcess.class);
    static final String SESSION_FILE_PREFIX = "session.";
    private static final String CI_RUN_MARK = "VKAC_CI_RUN";
    private static final int TAIL_LINES = 40;
    /** Lines in which dev servers print their secrets, whatever the secret's value. */
    private static final Pattern SECRET_LINES = Pattern.compile("(Unseal Key|Root Token)( \\(\\d+\\))?: \\S+");

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Path workDir;
    private final Deque<String> tail = new ArrayDeque<>();
    private final Thread pump;

    private ManagedProcess(String name, Process process, Path workDir, Path logFile, Collection<String> secrets) {
        this.name = name;
        this.workDir = workDir;
        this.process = process;
        this.logFile = logFile;
        this.pump = new Thread(() -> pump(secrets), "log-" + name);
        pump.setDaemon(true);
        pump.start();
    }

    /**
     * Starts a command with a clean environment (only {@code PATH}, {@code HOME}, CI's mark {@code VKAC_CI_RUN} if set,
     * and the given variables), so that settings of the user's shell such as {@code VAULT_TOKEN} cannot leak in.
     */
    public static ManagedProcess start(
            String name,
            List<String> command,
            Path workDir,
            Path logFile,
            Map<String, String> environment,
            Collection<String> secrets) {
        List<String> inOwnSession = new ArrayList<>(List.of("setsid"));
        inOwnSession.addAll(command); // setsid execs the command: the same process, now leading its own session
        ProcessBuilder builder =
                new ProcessBuilder(inOwnSession).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().put("HOME", workDir.toString());
        String ciRun = System.getenv(CI_RUN_MARK);
        if (ciRun != null) {
            builder.environment().put(CI_RUN_MARK, ciRun); // how tools/left-running tells this run's processes
        }
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(logFile.getParent());
            LOG.debug("starting {}: {}", name, command.get(0));
            Process process = builder.start();
            try {
                Files.writeString(workDir.resolve(SESSION_FILE_PREFIX + name), Long.toString(process.pid()));
            } catch (IOException unrecorded) { // a session no watchdog could find must not outlive this
                process.destroyForcibly();
                StaleRuns.killSession(process.pid(), workDir);
                throw unrecorded;
            }
            return new ManagedProcess(name, process, workDir, logFile, secrets);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + command.get(0) + ")", e);
        }
    }

    private void pump(Collection<String> secrets) {
        try (BufferedReader in =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                BufferedWriter out = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                line = redact(line, secrets);
                out.write(line);
                out.newLine();
                out.flush();
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("log of {} closed: {}", name, e.getMessage());
        }
    }

    /** The line with every given secret, and the value of every "Root Token:"/"Unseal Key:" line, redacted. */
    static String redact(String line, Collection<String> secrets) {
        for (String secret : secrets) {
            line = line.replace(secret, "<redacted>");
        }
        return SECRET_LINES.matcher(line).replaceAll("$1$2: <redacted>");
    }

    public String name() {
        return name;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    private static boolean awaitExit(ProcessHandle handle, int seconds) {
        try {
            handle.onExit().get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException e) {
            handle.destroyForcibly();
            return false;
        } catch (ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handle.destroyForcibly();
            return false;
        }
    }

    public long pid() {
        return process.pid();
    }

    /** A one-line state for wait messages: running, or how it ended and the last lines it printed. */
    public String describeIfDead() {
        if (process.isAlive()) {
            return null;
        }
        try {
            pump.join(1000); // let the last lines reach the tail
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return name + " exited with status " + process.exitValue() + "; last output:\n  "
                + String.join("\n  ", lastLines(15)) + "\n(full log: " + logFile + ")";
    }

    /** For probes of waits: ends the wait at once, with the process's last output, if it has exited. */
    public void failIfDead() {
        String death = describeIfDead();
        if (death != null) {
            throw new Wait.GaveUp(death);
        }
    }

    public List<String> lastLines(int count) {
        synchronized (tail) {
            return tail.stream().skip(Math.max(0, tail.size() - count)).toList();
        }
    }

    /**
     * Stops everything the process started, then the process itself: SIGTERM, then SIGKILL after a grace
     * period. Children go first so that their parent is still there to reap them; whatever is left in its session
     * (children of a server that died before, now init's) is killed last.
     */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        children.forEach(child -> awaitExit(child, 5));
        process.destroy();
        if (!awaitExit(process.toHandle(), 10)) {
            LOG.warn("{} did not stop within 10s of SIGTERM; killing it", name);
            process.destroyForcibly();
            awaitExit(process.toHandle(), 5);
        }
        StaleRuns.killSession(process.pid(), workDir);
        try {
            pump.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
