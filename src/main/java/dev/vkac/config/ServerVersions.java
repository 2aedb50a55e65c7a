package dev.vkac.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The local target's server versions, from {@code tools/servers/versions.env}: the file that
 * {@code tools/install-servers} builds from, so a version changes in one place.
 */
public record ServerVersions(
        String etcd,
        String kubernetes,
        List<String> kubernetesReleases,
        Map<ServerKind, List<String>> releases,
        Map<ServerKind, List<String>> defaultReleases,
        List<String> authMethodDefaults) {

    public static final String FILE = "tools/servers/versions.env";

    public static ServerVersions read(Path projectDir) {
        Path file = projectDir.resolve(FILE);
        Properties values = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            values.load(reader); // KEY=VALUE lines and # comments read the same in shell and Properties
        } catch (IOException e) {
            throw new ConfigException(
                    "cannot read " + file + ": " + e.getMessage() + " (set vkac.projectDir to the suite's folder)");
        }
        Map<ServerKind, List<String>> releases = new EnumMap<>(ServerKind.class);
        Map<ServerKind, List<String>> defaults = new EnumMap<>(ServerKind.class);
        for (ServerKind kind : ServerKind.values()) {
            releases.put(kind, list(required(values, kind.releasesKey(), file)));
            defaults.put(kind, list(required(values, kind.defaultReleasesKey(), file)));
            if (!releases.get(kind).containsAll(defaults.get(kind))) {
                throw new ConfigException(file + ": " + kind.defaultReleasesKey() + " " + defaults.get(kind)
                        + " are not all in " + kind.releasesKey() + " " + releases.get(kind));
            }
        }
        List<String> authMethods = list(required(values, "AUTH_KUBERNETES_RELEASES", file));
        List<String> authMethodDefaults = list(required(values, "AUTH_KUBERNETES_DEFAULT_RELEASES", file));
        if (!authMethods.containsAll(authMethodDefaults)) {
            throw new ConfigException(file + ": AUTH_KUBERNETES_DEFAULT_RELEASES " + authMethodDefaults
                    + " are not all in AUTH_KUBERNETES_RELEASES " + authMethods);
        }
        String kubernetes = required(values, "KUBERNETES_VERSION", file);
        List<String> kubernetesReleases = list(required(values, "KUBERNETES_RELEASES", file));
        if (!kubernetesReleases.contains(kubernetes)) {
            throw new ConfigException(file + ": KUBERNETES_VERSION " + kubernetes + " is not in KUBERNETES_RELEASES "
                    + kubernetesReleases);
        }
        return new ServerVersions(
                required(values, "ETCD_VERSION", file),
                kubernetes,
                kubernetesReleases,
                Map.copyOf(releases),
                Map.copyOf(defaults),
                authMethodDefaults);
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(","))
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .toList();
    }

    private static String required(Properties values, String key, Path file) {
        String value = values.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new ConfigException(file + " has no " + key);
        }
        return value.trim();
    }

    /** The versions of a server kind that the local target can run (tools/install-servers installs them all). */
    public List<String> installed(ServerKind kind) {
        return releases.get(kind);
    }

    /** A Kubernetes release the local target has, or a ConfigException naming those it has. */
    public String kubernetesRelease(String release) {
        if (!kubernetesReleases.contains(release)) {
            throw new ConfigException("the local target has Kubernetes " + String.join(", ", kubernetesReleases)
                    + " (KUBERNETES_RELEASES of " + FILE + "), not " + release);
        }
        return release;
    }

    /** What a run checks when vkac.servers is not set: the default releases of each kind, in the order of the kinds. */
    public List<ServerSpec> defaultServers() {
        return defaultServers(false);
    }

    /**
     * The same, and, where the target builds them (the local target), each server that runs auth method plugins (Vault)
     * running each default release of the auth method as a plugin, after it runs its own.
     */
    public List<ServerSpec> defaultServers(boolean withAuthMethodReleases) {
        List<ServerSpec> servers = new ArrayList<>();
        for (ServerKind kind : ServerKind.values()) {
            for (String release : defaultReleases.get(kind)) {
                servers.add(ServerSpec.of(kind, release));
                if (withAuthMethodReleases && kind.runsAuthMethodPlugins()) {
                    authMethodDefaults.forEach(
                            plugin -> servers.add(new ServerSpec(kind, release, null, "v" + plugin)));
                }
            }
        }
        return List.copyOf(servers);
    }
}
