package dev.vkac.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterruptionTest {

    private final Interruption interruption = Interruption.unhooked();
    private final List<String> reported = new CopyOnWriteArrayList<>();

    @Test
    void anInterruptedRunRemovesItsObjectsAndSaysWhatInItsFolderAndItsReports(@TempDir Path runDir) throws Exception {
        // Given a run that registered the removal of its objects
        interruption.watch("abc123", runDir);
        interruption.onInterrupted(reported::add);
        interruption.register(
                "the run's objects",
                Duration.ofSeconds(5),
                "tools/cleanup abc123",
                removed -> removed.accept("deleted Namespace vkac-abc123-1"));
        // When the JVM is stopped
        interruption.interrupt();
        // Then
        String account = Files.readString(runDir.resolve(Interruption.ACCOUNT_FILE));
        assertThat(account)
                .startsWith("run abc123 interrupted by ")
                .contains("Removed the run's objects in ")
                .contains("  deleted Namespace vkac-abc123-1")
                .doesNotContain("Could NOT");
        assertThat(reported).hasSize(2); // while removing, then done
        assertThat(reported.get(0)).contains("if nothing follows, finish with: tools/cleanup abc123");
        assertThat(reported.get(1)).isEqualTo(account.strip());
    }

    @Test
    void aRemovalThatTakesTooLongNamesTheCommandThatFinishesItAndWhatItDidSoFar(@TempDir Path runDir) throws Exception {
        interruption.watch("abc123", runDir);
        interruption.register("the run's objects", Duration.ofSeconds(1), "tools/cleanup abc123", removed -> {
            removed.accept("deleted Vault policy vkac-abc123-1-demo-policy");
            Thread.sleep(30_000);
        });

        interruption.interrupt();

        assertThat(Files.readString(runDir.resolve(Interruption.ACCOUNT_FILE)))
                .contains(
                        "Could NOT remove the run's objects (not finished within 1 s). Finish with:\n  tools/cleanup abc123\n")
                .contains("Removed before that:\n  deleted Vault policy vkac-abc123-1-demo-policy");
    }

    @Test
    void aRemovalThatFailsNamesTheCommandThatFinishesIt(@TempDir Path runDir) throws Exception {
        interruption.watch("abc123", runDir);
        interruption.register("the run's objects", Duration.ofSeconds(5), "tools/cleanup abc123", removed -> {
            throw new IllegalStateException("cannot reach the cluster");
        });

        interruption.interrupt();

        assertThat(Files.readString(runDir.resolve(Interruption.ACCOUNT_FILE)))
                .contains(
                        "Could NOT remove the run's objects (java.lang.IllegalStateException: cannot reach the cluster). Finish with:\n"
                                + "  tools/cleanup abc123");
    }

    @Test
    void aRunThatEndedNormallyIsLeftAloneWhenTheJvmExits(@TempDir Path runDir) {
        interruption.watch("abc123", runDir);
        interruption.onInterrupted(reported::add);
        interruption.register(
                "the run's objects",
                Duration.ofSeconds(5),
                "tools/cleanup abc123",
                removed -> removed.accept("deleted everything"));

        assertThat(interruption.endNormally()).isTrue();
        interruption.interrupt();

        assertThat(reported).isEmpty();
        assertThat(runDir.resolve(Interruption.ACCOUNT_FILE)).doesNotExist();
    }

    @Test
    void aWithdrawnRemovalDoesNotRunAndAnInterruptedRunCreatesNothingMore(@TempDir Path runDir) throws Exception {
        interruption.watch("abc123", runDir);
        interruption
                .register(
                        "the run's objects",
                        Duration.ofSeconds(5),
                        "tools/cleanup abc123",
                        removed -> removed.accept("deleted everything"))
                .withdraw();

        interruption.interrupt();

        assertThat(Files.readString(runDir.resolve(Interruption.ACCOUNT_FILE))).doesNotContain("deleted everything");
        assertThat(interruption.endNormally()).isFalse();
        assertThatThrownBy(() -> interruption.refuseNewObjects("Namespace vkac-abc123-9"))
                .hasMessage("the run was interrupted: Namespace vkac-abc123-9 is not created");
    }

    @Test
    void theCauseNamesTheSignalOrWhoCalledSystemExit() {
        assertThat(Interruption.cause(Map.of(new Thread(() -> {}, "SIGINT handler"), new StackTraceElement[0])))
                .isEqualTo("SIGINT (Ctrl-C)");
        StackTraceElement[] surefireExit = {
            new StackTraceElement("java.lang.Shutdown", "exit", null, 0),
            new StackTraceElement("java.lang.Runtime", "exit", null, 0),
            new StackTraceElement("java.lang.System", "exit", null, 0),
            new StackTraceElement("org.apache.maven.surefire.booter.ForkedBooter", "exit1", null, 0)
        };
        assertThat(Interruption.cause(Map.of(new Thread(() -> {}, "surefire-forkedjvm-command-thread"), surefireExit)))
                .startsWith("Maven stopping its test JVM");
    }
}
