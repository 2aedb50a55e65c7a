package dev.vkac.targets;

import dev.vkac.clients.VaultClient;
import dev.vkac.clients.VaultResponse;
import dev.vkac.support.Secrets;
import java.util.Map;

/**
 * Each server under test writes an audit log, kept with the run's reports to diagnose failures (Vault HMACs
 * the tokens and request values in it). Vault enables audit devices through its API; OpenBao only from its
 * configuration file (its API refuses: "cannot enable audit device via API"): {@code ServerKind.declaresAuditLogInConfig}.
 */
public final class AuditLog {

    public static final String DEVICE = "vkac";

    private AuditLog() {}

    /** The configuration stanza that declares the audit device, for servers that need it there. */
    public static String configStanza(String filePath) {
        return """
                audit "file" "%s" {
                  options {
                    file_path = "%s"
                  }
                }
                """.formatted(DEVICE, filePath);
    }

    /** Enables the audit device through the API, for servers that allow it. */
    public static void enableThroughApi(VaultServer server) {
        VaultClient root = VaultClient.anonymous(server.address(), server.caPem(), new Secrets())
                .withToken(server.rootToken());
        VaultResponse response = root.write(
                "sys/audit/" + DEVICE, Map.of("type", "file", "options", Map.of("file_path", server.auditFile())));
        if (!response.isSuccess()) {
            throw new IllegalStateException("cannot enable the audit log of " + server + ": " + response);
        }
    }
}
