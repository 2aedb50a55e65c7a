package dev.vkac.targets;

import dev.vkac.config.ServerSpec;
import java.net.URI;

/**
 * A running Vault or OpenBao dev server, served over TLS; closing it stops it.
 *
 * @param spec      what was asked for
 * @param address   its HTTPS address, for example https://127.0.0.1:8200
 * @param caPem     the CA certificate (PEM) its serving certificate chains to
 * @param rootToken the dev server's root token: a secret, never logged (see {@link #toString()})
 * @param auditFile where the server should write its audit log (a path it can write, or {@code stdout}),
 *                  kept with the run's reports for diagnosing failures; request values are HMAC'd by Vault
 * @param stopper   stops the server
 * @param upgrader  for an upgrade, moves the server to the release it is upgraded to; null otherwise
 * @param inPod     for a server started as in a pod, what it sees of its pod; null otherwise
 */
public record VaultServer(
        ServerSpec spec,
        URI address,
        String caPem,
        String rootToken,
        String auditFile,
        Runnable stopper,
        Runnable upgrader,
        InPod inPod)
        implements AutoCloseable {

    public VaultServer(
            ServerSpec spec, URI address, String caPem, String rootToken, String auditFile, Runnable stopper) {
        this(spec, address, caPem, rootToken, auditFile, stopper, null, null);
    }

    /** The same server, seen as started in a pod. */
    public VaultServer inPod(InPod pod) {
        return new VaultServer(spec, address, caPem, rootToken, auditFile, stopper, upgrader, pod);
    }

    /**
     * For an upgrade ({@link ServerSpec#isUpgrade()}): stops the installed release and starts the one it is upgraded
     * to on the same storage, address and certificate; unsealed and active when this returns.
     */
    public void upgrade() {
        if (upgrader == null) {
            throw new IllegalStateException(spec + " is no upgrade");
        }
        upgrader.run();
    }

    @Override
    public void close() {
        stopper.run();
    }

    @Override
    public String toString() {
        return spec + " at " + address;
    }
}
