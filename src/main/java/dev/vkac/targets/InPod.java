package dev.vkac.targets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * What a server started as in a pod sees of its pod, written by the harness as the kubelet writes it: the files of
 * {@value #SERVICE_ACCOUNT_FOLDER} ({@code ca.crt}, {@code namespace}, {@code token}), each replaced at once (written
 * beside and renamed) so that a reader never sees half a file; and the API server's address in the cluster.
 *
 * @param serviceAccountFolder the folder the server sees as {@value #SERVICE_ACCOUNT_FOLDER}
 * @param kubernetesHost the API server as the pod reaches it, by the name the cluster gives it
 *     ({@code https://kubernetes.default.svc:<port>})
 * @param how how the target makes the pod, for the reports
 */
public record InPod(Path serviceAccountFolder, URI kubernetesHost, String how) {

    public static final String SERVICE_ACCOUNT_FOLDER = "/var/run/secrets/kubernetes.io/serviceaccount";

    /** The ServiceAccount token, as the kubelet projects it (and rotates it): a secret, readable by its owner only. */
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
        try {
            Path next = serviceAccountFolder.resolve("." + name + ".next");
            Files.deleteIfExists(next);
            Files.createFile(next, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(next, content);
            Files.move(next, serviceAccountFolder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the pod's " + name + " in " + serviceAccountFolder, e);
        }
    }
}
