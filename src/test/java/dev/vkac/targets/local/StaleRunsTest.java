package dev.vkac.targets.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleRunsTest {

    /**
     * A "server" whose command line names its run folder, as the real ones do, with a child and a grandchild whose
     * command lines do not (as Vault's plugin processes and what they start): all must go with the run.
     */
    private static final String SERVER_SCRIPT = "bash -c 'sleep 120 & wait' &\nwhile :; do sleep 1; done\n";

    @Test
    void aFolderWhoseJvmIsGoneIsRemovedWithEveryProcessStartedFromItEvenWhenTheServerDiedFirst(@TempDir Path temp)
            throws Exception {
        // Given a run folder owned by a process that has exited, a "server" started from it that died and left its
        // children to init (a crashed Vault leaves its plugins so)
        Path stale = Files.createDirectory(temp.resolve(StaleRuns.PREFIX + "1"));
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(5, TimeUnit.SECONDS);
        Files.writeString(stale.resolve(StaleRuns.OWNER), Long.toString(gone.pid()));
        ManagedProcess server = startServer(stale);
        List<ProcessHandle> started = treeOf(server);
        ProcessHandle.of(server.pid()).ifPresent(ProcessHandle::destroyForcibly);
        // and a folder owned by this very JVM
        Path live = Files.createDirectory(temp.resolve(StaleRuns.PREFIX + "2"));
        StaleRuns.claim(live);

        // When
        StaleRuns.clean(temp);

        // Then
        awaitAllStopped(started);
        assertThat(stale).doesNotExist();
        assertThat(live).exists();
    }

    @Test
    void theWatchdogStopsEveryProcessOfTheRunAndRemovesTheFolderOnceItsOwnerDiesHoweverItDied(@TempDir Path temp)
            throws Exception {
        // Given a run folder, a "server" started from it, and an owner that will die (as a JVM killed with -9 would)
        Path run = Files.createDirectory(temp.resolve(StaleRuns.PREFIX + "3"));
        ManagedProcess server = startServer(run);
        List<ProcessHandle> started = treeOf(server);
        Process owner = new ProcessBuilder("sleep", "1").start();

        // When the watchdog watches for the owner, and the owner ends
        StaleRuns.watch(owner.pid(), run);
        owner.waitFor(5, TimeUnit.SECONDS);

        // Then
        awaitAllStopped(started);
        Awaitility.await("the run folder to be removed")
                .atMost(Duration.ofSeconds(10))
                .until(() -> !Files.exists(run));
    }

    @Test
    void stoppingAServerStopsWhatItsDeadChildrenLeft(@TempDir Path temp) throws Exception {
        // Given a server whose child died and left the grandchild to init
        ManagedProcess server = startServer(Files.createDirectory(temp.resolve(StaleRuns.PREFIX + "5")));
        List<ProcessHandle> started = treeOf(server);
        started.stream()
                .filter(process -> process.info().commandLine().orElse("").contains("wait"))
                .forEach(ProcessHandle::destroyForcibly);

        // When
        server.close();

        // Then
        awaitAllStopped(started);
    }

    @Test
    void aRunKeptForDebuggingIsLeftAlone(@TempDir Path temp) throws Exception {
        Path run = Files.createDirectory(temp.resolve(StaleRuns.PREFIX + "4"));
        ManagedProcess server = startServer(run);
        List<ProcessHandle> started = treeOf(server);
        Process owner = new ProcessBuilder("sleep", "1").start();
        StaleRuns.keep(run);

        StaleRuns.watch(owner.pid(), run);
        owner.waitFor(5, TimeUnit.SECONDS);

        Thread.sleep(3000); // the watchdog's loop checks every second
        assertThat(started).as("the kept server and its children still run").allMatch(ProcessHandle::isAlive, "alive");
        assertThat(run).exists();
        server.close();
        awaitAllStopped(started);
    }

    /** A fake server, started as the local target starts its servers. */
    private static ManagedProcess startServer(Path run) throws Exception {
        Path script = Files.writeString(run.resolve("server.sh"), SERVER_SCRIPT);
        return ManagedProcess.start(
                "server", List.of("bash", script.toString()), run, run.resolve("server.log"), Map.of(), List.of());
    }

    /** The server, its child and its grandchild, once all three have started. */
    private static List<ProcessHandle> treeOf(ManagedProcess server) {
        ProcessHandle leader = ProcessHandle.of(server.pid()).orElseThrow();
        ProcessHandle grandchild = Awaitility.await("the server's grandchild to start")
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> leader.descendants()
                                .filter(StaleRunsTest::isTheGrandchild)
                                .findFirst(),
                        Optional::isPresent)
                .get();
        ProcessHandle child = grandchild.parent().orElseThrow();
        return List.of(leader, child, grandchild);
    }

    private static boolean isTheGrandchild(ProcessHandle process) {
        return process.info().command().orElse("").endsWith("/sleep")
                && List.of(process.info().arguments().orElse(new String[0])).equals(List.of("120"));
    }

    private static void awaitAllStopped(List<ProcessHandle> processes) {
        Awaitility.await("every process of the run to stop")
                .atMost(Duration.ofSeconds(15))
                .untilAsserted(
                        () -> assertThat(processes).as("processes still alive").noneMatch(ProcessHandle::isAlive));
    }
}
