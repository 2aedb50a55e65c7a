package dev.vkac.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The local target's server versions, from {@code tools/servers/versions.env}: the file that
 * {@code tools/install-servers} builds from, so a version changes in one place.
 */
public record ServerVersions(String etcd, String kubernetes, String vault, String openbao) {

    public static final String FILE = "tools/servers/versions.env";

    public static ServerVersions read(Path projectDir) {
        Path file = projectDir.resolve(FILE);
        Properties values = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            values.load(reader); // KEY=VALUE lines and # comments read the same in shell and Properties
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage()
                    + " (set vkac.projectDir to the suite's folder)");
        }
        return new ServerVersions(required(values, "ETCD_VERSION", file), required(values, "KUBERNETES_VERSION", file),
                required(values, "VAULT_VERSION", file), required(values, "OPENBAO_VERSION", file));
    }

    private static String required(Properties values, String key, Path file) {
        String value = values.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new ConfigException(file + " has no " + key);
        }
        return value.trim();
    }

    /** The version of a server kind that the local target can run. */
    public String of(ServerKind kind) {
        return switch (kind) {
            case VAULT -> vault;
            case OPENBAO -> openbao;
        };
    }
}
