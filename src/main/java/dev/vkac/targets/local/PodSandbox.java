package dev.vkac.targets.local;

import dev.vkac.targets.InPod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A pod-like sandbox for a local server: the server runs in a mount namespace of its own ({@code unshare}) in which a
 * folder of the run is {@value InPod#SERVICE_ACCOUNT_FOLDER} (on a tmpfs over {@code /var/run}, so nothing is created
 * on the host) and a hosts file of the run is {@code /etc/hosts}, naming the API server {@code kubernetes.default.svc}
 * (its certificate names it). The environment has {@code KUBERNETES_SERVICE_HOST} and {@code _PORT}, as in a pod.
 * Needs root, or user namespaces (then the server runs as root of its own user namespace).
 */
final class PodSandbox {

    /** Mounts the pod's view, then becomes the server (exec: the same process, so stopping it stops the server). */
    private static final String ENTER = "set -e; run=$(readlink -f /var/run); mount -t tmpfs -o mode=0755 vkac-pod"
            + " \"$run\"; mkdir -p \"$run/secrets/kubernetes.io/serviceaccount\"; mount --bind \"$1\""
            + " \"$run/secrets/kubernetes.io/serviceaccount\"; mount --bind \"$2\" /etc/hosts; shift 2; exec \"$@\"";

    private static final List<List<String>> UNSHARE = List.of(
            List.of("unshare", "--mount", "--propagation", "private"),
            List.of("unshare", "--user", "--map-root-user", "--mount", "--propagation", "private"));

    private final List<String> unshare;
    private final Path serviceAccountFolder;
    private final Path hosts;
    private final InPod inPod;
    private final URI apiServer;

    private PodSandbox(List<String> unshare, Path folder, URI apiServer) {
        this.unshare = unshare;
        this.apiServer = apiServer;
        try {
            this.serviceAccountFolder = Files.createDirectories(
                    folder.resolve("serviceaccount"),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            this.hosts = folder.resolve("hosts");
            Files.writeString(
                    hosts,
                    Files.readString(Path.of("/etc/hosts"))
                            + "\n127.0.0.1 kubernetes kubernetes.default kubernetes.default.svc\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the pod sandbox's files in " + folder, e);
        }
        URI host = URI.create("https://kubernetes.default.svc:" + apiServer.getPort());
        this.inPod = new InPod(
                host,
                "a second server of the column, a local process in a mount namespace of its own ("
                        + String.join(" ", unshare) + ")",
                this::write);
    }

    /** Replaces a pod file at once (written beside and renamed), as the kubelet swaps its files; owner-only. */
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

    /**
     * How this machine makes a pod's mount namespace, or why it cannot: each way is tried with the sandbox's own script
     * on a folder of {@code runFolder} (where the servers' folders are), a file of it read back as a pod's.
     */
    static Optional<List<String>> unshareCommand(Path runFolder, StringBuilder whyNot) {
        Path probe = null;
        try {
            probe = Files.createTempDirectory(runFolder, "pod-probe-");
            PodSandbox sandbox = new PodSandbox(List.of(), probe, URI.create("https://127.0.0.1:443"));
            sandbox.write("namespace", "vkac-probe");
            Path output = probe.resolve("output");
            for (List<String> unshare : UNSHARE) {
                List<String> command = new PodSandbox(unshare, probe, URI.create("https://127.0.0.1:443"))
                        .wrap(List.of("cat", InPod.SERVICE_ACCOUNT_FOLDER + "/namespace"));
                Process process = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .start();
                boolean ended = process.waitFor(10, TimeUnit.SECONDS);
                if (!ended) {
                    process.destroyForcibly();
                }
                String said = Files.readString(output).trim();
                if (ended && process.exitValue() == 0 && said.equals("vkac-probe")) {
                    return Optional.of(unshare);
                }
                whyNot.append(String.join(" ", unshare))
                        .append(": ")
                        .append(ended ? said : "no answer in 10 s")
                        .append("; ");
            }
            return Optional.empty();
        } catch (IOException e) {
            whyNot.append(e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            whyNot.append("interrupted");
            return Optional.empty();
        } finally {
            deleteQuietly(probe);
        }
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (var paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // inside the run's folder, which goes with the run
        }
    }

    static PodSandbox in(List<String> unshare, Path folder, URI apiServer) {
        return new PodSandbox(unshare, folder, apiServer);
    }

    /** The server's command, run in the sandbox. */
    List<String> wrap(List<String> command) {
        List<String> wrapped = new ArrayList<>(unshare);
        wrapped.addAll(
                List.of("--", "/bin/sh", "-c", ENTER, "vkac-pod", serviceAccountFolder.toString(), hosts.toString()));
        wrapped.addAll(command);
        return wrapped;
    }

    /** What a pod's environment says of the API server's service. */
    Map<String, String> environment() {
        return Map.of(
                "KUBERNETES_SERVICE_HOST", apiServer.getHost(),
                "KUBERNETES_SERVICE_PORT", String.valueOf(apiServer.getPort()));
    }

    InPod inPod() {
        return inPod;
    }
}
