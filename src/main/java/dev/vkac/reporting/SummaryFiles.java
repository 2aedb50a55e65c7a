package dev.vkac.reporting;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Reads back the summary.json that {@link ReportWriter} wrote, for the tools that compare or merge runs. */
public final class SummaryFiles {

    /** summary.json holds derived fields too (a server's heading), which the model computes again. */
    private static final ObjectMapper JSON =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SummaryFiles() {}

    public static RunSummary read(Path summaryJson) {
        try {
            return JSON.readValue(summaryJson.toFile(), RunSummary.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run summary " + summaryJson, e);
        }
    }

    /**
     * The summary.json files a list of paths names, in its order: a file as given, a folder's in the order of their
     * folders' paths (a reports folder holds one per run). Paths that do not exist name none.
     */
    public static List<Path> named(List<String> filesOrFolders) {
        List<Path> found = new ArrayList<>();
        for (String given : filesOrFolders) {
            Path path = Path.of(given);
            if (Files.isDirectory(path)) {
                found.addAll(under(path));
            } else if (Files.isRegularFile(path)) {
                found.add(path);
            }
        }
        return found;
    }

    private static List<Path> under(Path folder) {
        // the folder itself may be a link (reports/ often is); links below it are not followed
        Path start = Files.isSymbolicLink(folder) ? folder.resolve(".") : folder;
        try (Stream<Path> files = Files.walk(start)) {
            return files.filter(p -> p.getFileName().toString().equals(ReportWriter.JSON) && Files.isRegularFile(p))
                    .sorted(Comparator.comparing(p -> p.getParent().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search " + folder + " for run summaries", e);
        }
    }
}
