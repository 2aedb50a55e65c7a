package dev.vkac.junit;

import dev.vkac.clients.VaultClient;
import dev.vkac.config.ServerSpec;
import dev.vkac.support.Secrets;
import dev.vkac.targets.VaultServer;

/**
 * A server that reports another version than the one asked for (an image tag that moved, a binary swapped in the
 * cache) is not what its column says: its checks are ERROR, with both versions named. Checked once per server.
 */
final class ReportedVersion {

    private ReportedVersion() {}

    /** The version the server reports in sys/seal-status, once it is the one its spec names. */
    static String of(ServerSpec spec, VaultServer server, Secrets secrets) {
        Object reported = VaultClient.anonymous(server.address(), server.caPem(), secrets)
                .read("sys/seal-status")
                .body()
                .get("version");
        String version = String.valueOf(reported).replaceFirst("^v", "").split("[+ ]")[0];
        if (!version.equals(spec.version())) {
            throw new IllegalStateException(spec + " was asked for, but the server reports version " + reported
                    + ": its image or binary is not the release this column names");
        }
        return String.valueOf(reported);
    }
}
