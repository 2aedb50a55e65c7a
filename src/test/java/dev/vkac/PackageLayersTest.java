package dev.vkac;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The main code's packages form layers, each reaching only the ones below it, so that none is part of a cycle: where
 * servers come from knows nothing of what is created on them, what is created knows nothing of JUnit, and JUnit's
 * side knows nothing of the reports. A target kind (targets.local, ...) builds on targets and knows no other kind.
 */
class PackageLayersTest {

    /** From the bottom up. */
    private static final List<Set<String>> LAYERS = List.of(
            Set.of("support"),
            Set.of("config"),
            Set.of("clients"),
            Set.of("targets"),
            Set.of("targets.containers", "targets.local", "targets.external"),
            Set.of("fixtures"),
            Set.of("junit"),
            Set.of("reporting"));

    private static final Path MAIN = Path.of("src/main/java/dev/vkac");
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.vkac\\.([a-z.]+?)\\.[A-Z]");

    @Test
    void everyPackageReachesOnlyTheLayersBelowIt() throws IOException {
        Set<String> upward = new TreeSet<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                String from = packageOf(file);
                Matcher reference = REFERENCE.matcher(read(file));
                while (reference.find()) {
                    String to = reference.group(1);
                    if (!to.equals(from) && layerOf(to) >= layerOf(from)) {
                        upward.add(MAIN.relativize(file) + " reaches " + to + " (layer " + layerOf(to) + ") from "
                                + from + " (layer " + layerOf(from) + ")");
                    }
                }
            });
        }
        assertThat(upward)
                .as("references to the same or a higher layer (see LAYERS)")
                .isEmpty();
    }

    @Test
    void everyPackageHasItsLayer() throws IOException {
        try (Stream<Path> dirs = Files.walk(MAIN)) {
            List<String> packages = dirs.filter(dir -> Files.isDirectory(dir) && !dir.equals(MAIN) && hasJava(dir))
                    .map(dir -> MAIN.relativize(dir).toString().replace('/', '.'))
                    .toList();
            assertThat(packages)
                    .isNotEmpty()
                    .allSatisfy(name ->
                            assertThat(layerOf(name)).as("the layer of " + name).isNotNegative());
        }
    }

    private static int layerOf(String name) {
        for (int layer = 0; layer < LAYERS.size(); layer++) {
            if (LAYERS.get(layer).contains(name)) {
                return layer;
            }
        }
        return -1;
    }

    private static String packageOf(Path file) {
        return MAIN.relativize(file.getParent()).toString().replace('/', '.');
    }

    private static boolean hasJava(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(file -> file.toString().endsWith(".java"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
