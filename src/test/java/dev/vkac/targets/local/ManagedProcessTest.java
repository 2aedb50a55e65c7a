package dev.vkac.targets.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagedProcessTest {

    @Test
    void secretsNeverReachTheLog() {
        assertThat(ManagedProcess.redact("Root Token: hvs.s3cr3t", List.of())).isEqualTo("Root Token: <redacted>");
        assertThat(ManagedProcess.redact("Unseal Key: q+Zx/abc=", List.of())).isEqualTo("Unseal Key: <redacted>");
        assertThat(ManagedProcess.redact("Unseal Key (1): q+Zx/abc=", List.of()))
                .isEqualTo("Unseal Key (1): <redacted>");
        assertThat(ManagedProcess.redact("login with token hvs.s3cr3t ok", List.of("hvs.s3cr3t")))
                .isEqualTo("login with token <redacted> ok");
    }

    @Test
    void stoppingAProcessStopsTheProcessesItStarted(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("sleeper.log");
        ManagedProcess process = ManagedProcess.start(
                "sleeper", List.of("bash", "-c", "sleep 300 & echo started; wait"), dir, log, Map.of(), List.of());
        while (process.lastLines(1).isEmpty()) {
            Thread.sleep(20);
        }
        List<ProcessHandle> children =
                ProcessHandle.of(process.pid()).orElseThrow().descendants().toList();

        process.close();

        assertThat(children).isNotEmpty().noneMatch(ProcessHandle::isAlive);
        assertThat(process.isAlive()).isFalse();
        assertThat(Files.readString(log)).contains("started");
    }
}
