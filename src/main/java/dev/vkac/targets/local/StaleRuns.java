package dev.vkac.targets.local;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an earlier run left behind when its JVM was killed outright (SIGKILL, a crashed CI runner), where no
 * shutdown hook could run: each run's folder names its JVM in {@value #OWNER}; a folder whose JVM is gone is
 * removed, and the servers started from it are stopped.
 */
final class StaleRuns {

    static final String PREFIX = "vkac-local-";
    static final String OWNER = "owner.pid";
    static final String KEEP = "kept";
    private static final Logger LOG = LoggerFactory.getLogger(StaleRuns.class);

    private StaleRuns() {}

    /** Marks a run folder as belonging to this JVM. */
    static void claim(Path runFolder) throws IOException {
        Files.writeString(
                runFolder.resolve(OWNER), Long.toString(ProcessHandle.current().pid()));
    }

    /**
     * Starts a watchdog that outlives this JVM: once the JVM is gone, however it ended (kill -9 included), it kills
     * every session recorded under the run folder (each server leads one: {@link ManagedProcess}), which takes Vault's
     * plugin processes and their children too, even when the server that started them died first, then every process
     * whose command line names the run folder, and removes the folder, unless the run chose to keep its servers
     * ({@link #keep}). Testcontainers' reaper does the same for containers.
     */
    static void watch(Path runFolder) throws IOException {
        watch(ProcessHandle.current().pid(), runFolder);
    }

    /** The same, for the given owner process instead of this JVM. */
    static void watch(long owner, Path runFolder) throws IOException {
        String script = "while kill -0 \"$1\" 2>/dev/null; do sleep 1; done; "
                + "[ -e \"$2/" + KEEP + "\" ] && exit 0; "
                + "for s in $(find \"$2\" -name '" + ManagedProcess.SESSION_FILE_PREFIX
                + "*' -exec cat {} + 2>/dev/null); do "
                + "if ! kill -0 \"$s\" 2>/dev/null || grep -q -- \"$2\" \"/proc/$s/cmdline\"; then pkill -9 -s \"$s\"; fi 2>/dev/null; done; "
                + "for p in $(pgrep -f -- \"$2\"); do [ \"$p\" != \"$$\" ] && { pkill -9 -P \"$p\"; kill -9 \"$p\"; } 2>/dev/null; done; "
                + "rm -rf -- \"$2\"";
        new ProcessBuilder("sh", "-c", script, "vkac-watchdog", Long.toString(owner), runFolder.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** The run keeps its servers for debugging (vkac.keepOnFailure): the watchdog leaves them alone. */
    static void keep(Path runFolder) {
        try {
            Files.writeString(runFolder.resolve(KEEP), "kept by vkac.keepOnFailure\n");
        } catch (IOException e) {
            LOG.warn("cannot mark {} as kept: {}", runFolder, e.getMessage());
        }
    }

    /** Removes the folders under {@code tempRoot} whose JVM is gone, stopping their processes first. */
    static void clean(Path tempRoot) {
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(tempRoot, PREFIX + "*")) {
            for (Path folder : folders) {
                if (isOrphaned(folder)) {
                    List<ProcessHandle> leftovers = processesUsing(folder);
                    List<Long> sessions = sessionsOf(folder);
                    LOG.warn(
                            "removing {} left by an earlier run (killed, or kept by vkac.keepOnFailure){}",
                            folder,
                            leftovers.isEmpty() ? "" : ", and stopping its " + leftovers.size() + " server processes");
                    sessions.forEach(session -> killSession(session, folder));
                    leftovers.forEach(process -> {
                        process.children()
                                .forEach(ProcessHandle::destroyForcibly); // Vault's plugins name no run folder
                        process.destroyForcibly();
                    });
                    deleteRecursively(folder);
                }
            }
        } catch (IOException e) {
            LOG.debug("cannot look for stale runs in {}: {}", tempRoot, e.getMessage());
        }
    }

    /** The sessions the servers of a run folder lead, as {@link ManagedProcess} recorded them. */
    static List<Long> sessionsOf(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(file -> file.getFileName().toString().startsWith(ManagedProcess.SESSION_FILE_PREFIX))
                    .flatMap(file -> {
                        try {
                            return Stream.of(
                                    Long.parseLong(Files.readString(file).trim()));
                        } catch (IOException | NumberFormatException e) {
                            return Stream.empty();
                        }
                    })
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Kills every process left in a session (SIGKILL): what a server started, even after the server itself died. Not
     * if its leader's number now belongs to a process that does not name {@code ownFolder} (a number reused since).
     */
    static void killSession(long sessionId, Path ownFolder) {
        boolean reused = ProcessHandle.of(sessionId)
                .filter(ProcessHandle::isAlive)
                .map(leader -> !leader.info().commandLine().orElse("").contains(ownFolder.toString()))
                .orElse(false);
        if (reused) {
            return;
        }
        try {
            new ProcessBuilder("pkill", "-KILL", "-s", Long.toString(sessionId))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            LOG.warn("cannot stop what is left of session {}: {}", sessionId, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isOrphaned(Path folder) {
        Path owner = folder.resolve(OWNER);
        if (!Files.isRegularFile(owner)) {
            return false; // being created right now, or not ours to judge
        }
        try {
            long pid = Long.parseLong(Files.readString(owner).trim());
            return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    static List<ProcessHandle> processesUsing(Path folder) {
        String marker = folder.toString() + "/";
        return ProcessHandle.allProcesses()
                .filter(p -> p.info()
                        .commandLine()
                        .map(line -> line.contains(marker))
                        .orElse(false))
                .toList();
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", dir, e.getMessage());
        }
    }
}
