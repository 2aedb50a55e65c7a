package dev.vkac.targets;

import dev.vkac.config.ServerSpec;
import java.net.URI;

/** A running Vault or OpenBao dev server, served over TLS; stopped on close. */
public interface VaultServer extends AutoCloseable {

    ServerSpec spec();

    /** The HTTPS address, for example https://127.0.0.1:8200. */
    URI address();

    /** The CA certificate (PEM) that Vault's serving certificate chains to. */
    String caPem();

    /** The root token of the dev server: a secret, never logged. */
    String rootToken();

    @Override
    void close();
}
