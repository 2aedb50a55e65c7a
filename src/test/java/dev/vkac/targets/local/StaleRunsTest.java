package dev.vkac.targets.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleRunsTest {

    /**
     * A "server" whose command line names its run folder, as the real ones do, with a child whose command line does not
     * (as Vault's plugin processes): both must go with the run.
     */
    private static final String SERVER_SCRIPT = "sleep 300 &\nwhile :; do sleep 1; done\n";

    @Test
    void aFolderWhoseJvmIsGoneIsRemovedWithTheProcessesStartedFromIt(@TempDir Path temp) throws Exception {
        // Given a run folder owned by a process that has exited, and a "server" still running from it
        Path stale = Files.createDirectory(temp.resolve(StaleRuns.PREFIX + "1"));
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(5, TimeUnit.SECONDS);
        Files.writeString(stale.resolve(StaleRuns.OWNER), Long.toString(gone.pid()));
        Files.writeString(stale.resolve("server.sh"), SERVER_SCRIPT);
        Process server = new ProcessBuilder("bash", stale.resolve("server.sh").toString()).start();
        ProcessHandle plugin = childOf(server);
        // and a folder owned by this very JVM
        Path live = Files.createDirectory(temp.resolve(StaleRuns.PREFIX + "2"));
        StaleRuns.claim(live);

        // When
        StaleRuns.clean(temp);

        // Then
        assertThat(server.waitFor(10, TimeUnit.SECONDS)).as("the left-over server stopped").isTrue();
        Awaitility.await("the server's child to stop").atMost(Duration.ofSeconds(10)).until(() -> !plugin.isAlive());
        assertThat(stale).doesNotExist();
        assertThat(live).exists();
    }

    @Test
    void theWatchdogStopsTheServersAndRemovesTheFolderOnceItsOwnerDiesHoweverItDied(@TempDir Path temp) throws Exception {
        // Given a run folder, a "server" started from it, and an owner that will die (as a JVM killed with -9 would)
        Path run = Files.createDirectory(temp.resolve(StaleRuns.PREFIX + "3"));
        Files.writeString(run.resolve("server.sh"), SERVER_SCRIPT);
        Process server = new ProcessBuilder("bash", run.resolve("server.sh").toString()).start();
        ProcessHandle plugin = childOf(server);
        Process owner = new ProcessBuilder("sleep", "1").start();

        // When the watchdog watches for the owner, and the owner ends
        StaleRuns.watch(owner.pid(), run);
        owner.waitFor(5, TimeUnit.SECONDS);

        // Then
        assertThat(server.waitFor(10, TimeUnit.SECONDS)).as("the server stopped after its owner died").isTrue();
        Awaitility.await("the server's child to stop").atMost(Duration.ofSeconds(10)).until(() -> !plugin.isAlive());
        Awaitility.await("the run folder to be removed").atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(run));
    }

    @Test
    void aRunKeptForDebuggingIsLeftAlone(@TempDir Path temp) throws Exception {
        Path run = Files.createDirectory(temp.resolve(StaleRuns.PREFIX + "4"));
        Files.writeString(run.resolve("server.sh"), SERVER_SCRIPT);
        Process server = new ProcessBuilder("bash", run.resolve("server.sh").toString()).start();
        Process owner = new ProcessBuilder("sleep", "1").start();
        StaleRuns.keep(run);

        StaleRuns.watch(owner.pid(), run);
        owner.waitFor(5, TimeUnit.SECONDS);

        assertThat(server.waitFor(3, TimeUnit.SECONDS)).as("the kept server still runs").isFalse();
        assertThat(run).exists();
        server.children().forEach(ProcessHandle::destroyForcibly);
        server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }

    /** The server's long-lived child, once it has started. */
    private static ProcessHandle childOf(Process server) {
        return Awaitility.await("the server's child to start").atMost(Duration.ofSeconds(10)).until(() -> server.children()
                .filter(child -> child.info().commandLine().orElse("").contains("sleep 300")).findFirst(), Optional::isPresent).get();
    }
}
