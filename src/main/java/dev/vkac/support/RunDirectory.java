package dev.vkac.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The folder of one run, {@code <reports>/runs/<UTC time>}, shared by the report listener and the harness
 * through the system property {@value #PROPERTY} (as its id is, {@link RunId}); {@code <reports>/latest} names the
 * newest run, from the moment it starts.
 */
public final class RunDirectory {

    public static final String PROPERTY = "vkac.runDir";
    /** The file under the reports folder naming the newest run's folder. */
    public static final String LATEST = "latest";
    /** How many run folders are kept; older ones are removed when a new run starts. */
    public static final int KEPT_RUNS = 20;
    /** A run folder holding this file is kept however old: it lists what the owner of the servers still has to remove. */
    public static final String KEPT_FOR_THE_OWNER = "entities-for-the-owner.txt";

    private static final AtomicLong NEXT_FILES = new AtomicLong();
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private RunDirectory() {}

    /** This run's folder: the one already chosen in this JVM, or a new one under the reports folder. */
    public static synchronized Path current(Path reportsDir) {
        String chosen = System.getProperty(PROPERTY);
        if (chosen == null) {
            prune(reportsDir.resolve("runs"), KEPT_RUNS - 1);
        }
        Path dir = chosen != null ? Path.of(chosen) : unique(reportsDir.resolve("runs"), STAMP.format(Instant.now()));
        try {
            Files.createDirectories(dir.resolve("servers"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the report folder " + dir, e);
        }
        System.setProperty(PROPERTY, dir.toString());
        return dir;
    }

    /** Records the run as the newest: {@code <reports>/latest} holds its folder's path relative to the reports folder. */
    public static void markLatest(Path reportsDir, Path runDir) {
        writeAtomically(reportsDir.resolve(LATEST), reportsDir.relativize(runDir) + "\n");
    }

    /**
     * Replaces a file's content in one step: a reader (a CI job publishing the report while the run still updates it)
     * sees the old content or the new, never half of it.
     */
    public static void writeAtomically(Path file, String content) {
        try {
            Path folder = Files.createDirectories(file.toAbsolutePath().getParent());
            Path next = folder.resolve("." + file.getFileName() + "." + NEXT_FILES.incrementAndGet() + ".next");
            Files.writeString(next, content);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Removes all but the newest {@code keep} run folders (their names sort by time). */
    static void prune(Path runs, int keep) {
        if (!Files.isDirectory(runs)) {
            return;
        }
        try (Stream<Path> folders = Files.list(runs)) {
            List<Path> sorted = folders.filter(Files::isDirectory)
                    .filter(folder -> !Files.exists(folder.resolve(KEPT_FOR_THE_OWNER)))
                    .sorted()
                    .toList();
            for (Path old : sorted.subList(0, Math.max(0, sorted.size() - keep))) {
                try (Stream<Path> files = Files.walk(old)) {
                    files.sorted(Comparator.reverseOrder())
                            .forEach(path -> path.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prune old runs in " + runs, e);
        }
    }

    private static Path unique(Path parent, String name) {
        Path candidate = parent.resolve(name);
        for (int i = 2; Files.exists(candidate); i++) {
            candidate = parent.resolve(name + "-" + i);
        }
        return candidate;
    }
}
