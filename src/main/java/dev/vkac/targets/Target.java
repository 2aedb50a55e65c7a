package dev.vkac.targets;

import dev.vkac.config.ServerSpec;
import dev.vkac.config.TargetKind;
import java.nio.file.Path;

/**
 * Where the servers come from. One Kubernetes cluster per suite, shared by every server under test;
 * a fresh Vault or OpenBao server for each. The conformance tests do not know which target they run on.
 */
public interface Target extends AutoCloseable {

    TargetKind kind();

    /** Starts the cluster on first call and returns it; later calls return the same cluster. */
    KubernetesCluster kubernetes();

    /** Starts a fresh server of this kind and version; its logs go under {@code logDir}. */
    VaultServer startVault(ServerSpec spec, Path logDir);

    /** Stops everything this target started. */
    @Override
    void close();

    /**
     * Instead of {@link #close()}, after a failure with vkac.keepOnFailure: leaves the servers running and says,
     * without printing secrets, how to reach them and how to stop them.
     */
    String keepForDebugging();
}
