package dev.vkac.targets.local;

import dev.vkac.config.ConfigException;
import dev.vkac.config.ServerKind;
import dev.vkac.config.ServerVersions;
import dev.vkac.targets.AuthPlugin;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where tools/install-servers put each binary: {@code <cache>/<product>-<version>/bin/<name>}. */
public record ServerBinaries(Path cache, ServerVersions versions, String kubernetes) {

    public Path etcd() {
        return find("etcd", versions.etcd(), "etcd");
    }

    public Path kubeApiserver() {
        return find("kubernetes", kubernetes, "kube-apiserver");
    }

    public Path kubeControllerManager() {
        return find("kubernetes", kubernetes, "kube-controller-manager");
    }

    public Path vault(ServerKind kind, String version) {
        return find(kind.id(), version, kind.binary());
    }

    /** A release of the Kubernetes auth method built as a plugin: {@code <cache>/auth-kubernetes-<version>/bin/...}. */
    public Path authPlugin(String pluginVersion) {
        return find("auth-kubernetes", pluginVersion.replaceFirst("^v", ""), AuthPlugin.BINARY);
    }

    /** Whether a build of a server is in the cache, whatever versions.env lists (the project's defect builds are not). */
    public boolean hasVault(ServerKind kind, String version) {
        return Files.isExecutable(path(kind.id(), version, kind.binary()));
    }

    private Path path(String product, String version, String name) {
        return cache.resolve(product + "-" + version).resolve("bin").resolve(name);
    }

    private Path find(String product, String version, String name) {
        Path binary = path(product, version, name);
        if (!Files.isExecutable(binary)) {
            throw new ConfigException("the local target needs " + name + " " + version + " at " + binary
                    + ", which is missing: run tools/install-servers (it builds the servers listed in "
                    + ServerVersions.FILE + "), or set vkac.serverCache / VKAC_SERVER_CACHE to where it put them");
        }
        return binary;
    }
}
