package dev.vkac.targets;

import java.net.URI;

/**
 * What a server started as in a pod sees of its pod, written by the harness as the kubelet writes it: the files of
 * {@value #SERVICE_ACCOUNT_FOLDER} ({@code ca.crt}, {@code namespace}, {@code token}), each replaced at once (written
 * beside and renamed), readable by the server's user; and the API server's address in the cluster.
 *
 * @param kubernetesHost the API server as the pod reaches it, by the name the cluster gives it
 *     ({@code https://kubernetes.default.svc:<port>})
 * @param how how the target makes the pod, for the logs and reports
 * @param files writes one of the pod's files where the server sees them, replacing it at once; null where they are
 *     the kubelet's only (the pod of a Vault the run did not start)
 */
public record InPod(URI kubernetesHost, String how, PodFiles files) {

    /** A pod whose files are its kubelet's: the run reads nothing of them and writes none. */
    public static InPod ownedByItsKubelet(URI kubernetesHost, String how) {
        return new InPod(kubernetesHost, how, null);
    }

    /** Whether the run writes the pod's files (only in a pod it made). */
    public boolean filesWritten() {
        return files != null;
    }

    public static final String SERVICE_ACCOUNT_FOLDER = "/var/run/secrets/kubernetes.io/serviceaccount";

    /** Writes a file of {@value #SERVICE_ACCOUNT_FOLDER} (by its name) where the server sees it. */
    @FunctionalInterface
    public interface PodFiles {
        void write(String name, String content);
    }

    /** The ServiceAccount token, as the kubelet projects it (and rotates it): a secret. */
    public void writeToken(String jwt) {
        write("token", jwt);
    }

    /** The cluster's CA, which the pod trusts for the API server. */
    public void writeCaCert(String pem) {
        write("ca.crt", pem);
    }

    /** The pod's namespace. */
    public void writeNamespace(String namespace) {
        write("namespace", namespace);
    }

    private void write(String name, String content) {
        if (files == null) {
            throw new IllegalStateException("the files of " + this + " are its kubelet's: the run writes none");
        }
        files.write(name, content);
    }

    @Override
    public String toString() {
        return "a pod (" + how + ") reaching the API server at " + kubernetesHost;
    }
}
