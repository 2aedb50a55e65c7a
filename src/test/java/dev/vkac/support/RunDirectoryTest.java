package dev.vkac.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {

    @Test
    void pruningKeepsTheNewestRuns(@TempDir Path runs) throws Exception {
        for (String name :
                new String[] {"20261129-010000", "20261129-020000", "20261129-020000-2", "20261130-000000"}) {
            Files.createDirectories(runs.resolve(name).resolve("servers"));
            Files.writeString(runs.resolve(name).resolve("summary.json"), "{}");
        }

        RunDirectory.prune(runs, 2);

        try (var left = Files.list(runs)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("20261129-020000-2", "20261130-000000");
        }
    }

    @Test
    void aRunWhoseEntitiesTheOwnerStillHasToRemoveIsKept(@TempDir Path runs) throws Exception {
        for (String name : new String[] {"20261129-010000", "20261129-020000", "20261130-000000"}) {
            Files.createDirectories(runs.resolve(name));
        }
        Files.writeString(runs.resolve("20261129-010000").resolve(RunDirectory.KEPT_FOR_THE_OWNER), "3c0a6e1f\n");

        RunDirectory.prune(runs, 1);

        try (var left = Files.list(runs)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("20261129-010000", "20261130-000000");
        }
    }
}
