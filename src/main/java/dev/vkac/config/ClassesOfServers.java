package dev.vkac.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The file of vkac.classesOfServers, read: the conformance classes (simple names) each server listed there runs; a
 * server not listed runs every class.
 *
 * @param file    the file, or null when none is given
 * @param classes server id to the simple names of its classes
 */
record ClassesOfServers(Path file, Map<String, Set<String>> classes) {

    static final ClassesOfServers NONE = new ClassesOfServers(null, Map.of());

    /** Reads lines {@code <vkac.servers entry><TAB><class>,<class>...}, each naming one of the servers under test. */
    static ClassesOfServers read(Path file, List<ServerSpec> servers) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new ConfigException("cannot read the file: " + e.getMessage());
        }
        Map<String, Set<String>> classes = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t");
            String where = "line " + (i + 1) + " ('" + line.strip() + "')";
            if (fields.length != 2) {
                throw new ConfigException(
                        where + ": expected a vkac.servers entry, a tab, and class names separated by commas");
            }
            ServerSpec spec = ServerSpec.parse(fields[0].strip());
            if (servers.stream().noneMatch(s -> s.id().equals(spec.id()))) {
                throw new ConfigException(where + ": " + spec + " is not among the servers under test (vkac.servers)");
            }
            Set<String> names = new TreeSet<>();
            for (String name : fields[1].split(",")) {
                if (!name.strip().matches("[A-Z][A-Za-z0-9_]*")) {
                    throw new ConfigException(where + ": '" + name.strip()
                            + "' is not the simple name of a class, such as TokenReviewerIT");
                }
                names.add(name.strip());
            }
            if (classes.put(spec.id(), names) != null) {
                throw new ConfigException(where + ": " + spec + " is listed twice");
            }
        }
        return new ClassesOfServers(file, Map.copyOf(classes));
    }

    /** As the printed configuration shows it, or null when no file is given. */
    String shown() {
        return file == null ? null : file + ": " + classes.size() + " of the servers run only some classes";
    }
}
