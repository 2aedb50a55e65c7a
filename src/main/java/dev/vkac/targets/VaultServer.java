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
 */
public record VaultServer(
        ServerSpec spec, URI address, String caPem, String rootToken, String auditFile, Runnable stopper)
        implements AutoCloseable {

    @Override
    public void close() {
        stopper.run();
    }

    @Override
    public String toString() {
        return spec + " at " + address;
    }
}
