package dev.vkac.targets;

import dev.vkac.config.ServerSpec;
import dev.vkac.config.TargetKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the servers come from. One Kubernetes cluster per suite, shared by every server under test;
 * a fresh Vault or OpenBao server for each. The conformance tests do not know which target they run on.
 */
public interface Target extends AutoCloseable {

    TargetKind kind();

    /**
     * Starts a cluster of the run on first call and returns it; later calls return the same cluster. Clusters are
     * named by {@link dev.vkac.config.SuiteConfig#clusterNames()}: "" for a run's one cluster, a Kubernetes release
     * when the local target runs several.
     */
    KubernetesCluster cluster(String clusterName);

    /** The run's one (or first) cluster. */
    default KubernetesCluster cluster() {
        return cluster("");
    }

    /** Whether a cluster was given (so the run may have created objects in it). */
    boolean clusterStarted();

    /**
     * Checks, once and before any class, what this target needs of servers it did not start (reach, certificates,
     * versions, rights), so that a wrong setting stops the run with one message naming it; nothing is created yet.
     */
    default void preFlight(List<ServerSpec> servers) {}

    /** Starts a fresh server of this kind and version; its logs go under {@code logDir}. */
    VaultServer startVault(ServerSpec spec, Path logDir);

    /**
     * Why this target cannot start a server as in a pod of the cluster (the in-pod checks are then skipped, saying
     * so), or empty when it can.
     */
    default Optional<String> whyNoVaultInAPod() {
        return Optional.of("the " + kind().id() + " target does not run Vault in a pod yet");
    }

    /**
     * Starts a fresh server as in a pod of a cluster: it finds the pod's CA, namespace and ServiceAccount token where a
     * pod has them ({@link InPod#SERVICE_ACCOUNT_FOLDER}, written through {@link VaultServer#inPod()}) and reaches the
     * API server as {@code kubernetes.default.svc}. Only where {@link #whyNoVaultInAPod()} is empty.
     */
    default VaultServer startVaultInAPod(ServerSpec spec, Path logDir, KubernetesCluster cluster) {
        throw new UnsupportedOperationException(whyNoVaultInAPod().orElse("not implemented"));
    }

    /**
     * Local addresses Vault tells apart, for checks of CIDR restrictions; none where Vault sees every request coming
     * from one gateway, as behind Docker's port mapping, with why.
     */
    default ClientAddresses clientAddresses() {
        return ClientAddresses.none("this target cannot send requests to Vault from two addresses it tells apart");
    }

    /**
     * Whether the servers are the run's own, started for it and gone after it: only then may the guide's own
     * scenario use the guide's own names (namespace default, secret/). An existing cluster and Vault are not.
     */
    default boolean isDisposable() {
        return true;
    }

    /** Stops everything this target started. */
    @Override
    void close();

    /**
     * Instead of {@link #close()}, after a failure with vkac.keepOnFailure: leaves the servers running and says,
     * without printing secrets, how to reach them and how to stop them.
     */
    String keepForDebugging();
}
