package dev.vkac.targets.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleRunsTest {

    @Test
    void aFolderWhoseJvmIsGoneIsRemovedWithTheProcessesStartedFromIt(@TempDir Path temp) throws Exception {
        // Given a run folder owned by a process that has exited, and a "server" still running from it
        Path stale = Files.createDirectory(temp.resolve(StaleRuns.PREFIX + "1"));
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(5, TimeUnit.SECONDS);
        Files.writeString(stale.resolve(StaleRuns.OWNER), Long.toString(gone.pid()));
        Files.writeString(stale.resolve("server.sh"), "sleep 300\n");
        Process server = new ProcessBuilder("bash", stale.resolve("server.sh").toString()).start();
        // and a folder owned by this very JVM
        Path live = Files.createDirectory(temp.resolve(StaleRuns.PREFIX + "2"));
        StaleRuns.claim(live);

        // When
        StaleRuns.clean(temp);

        // Then
        assertThat(server.waitFor(10, TimeUnit.SECONDS)).as("the left-over server stopped").isTrue();
        assertThat(stale).doesNotExist();
        assertThat(live).exists();
    }
}
