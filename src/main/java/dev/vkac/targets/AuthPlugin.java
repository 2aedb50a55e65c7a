package dev.vkac.targets;

import dev.vkac.clients.VaultClient;
import dev.vkac.clients.VaultResponse;
import dev.vkac.support.Secrets;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * A release of the Kubernetes auth method run as an external plugin of a Vault server, registered in its catalog
 * under the builtin's name with a version of its own ({@code sys/plugins/catalog/auth/kubernetes}); the mounts the
 * suite enables then ask for that version ({@code plugin_version}), and each is read back as running it.
 * <p>
 * Vault runs one process for every mount of a catalog entry (its name, version, command and digest), and reloading
 * one mount kills that process, failing what other checks ask their mounts at that moment. So the same binary is also
 * registered under {@link #OWN_PROCESS_NAME}, with the same version, for the mounts a check reloads.
 */
public final class AuthPlugin {

    public static final String NAME = "kubernetes";
    public static final String BINARY = "vault-plugin-auth-kubernetes";
    /** The same binary and version under another name: its mounts share no process with {@link #NAME}'s. */
    public static final String OWN_PROCESS_NAME = "kubernetes-own-process";

    private AuthPlugin() {}

    /** The server's plugin directory must hold {@code binary}; Vault runs it by its file name there. */
    public static void register(VaultServer server, Path binary, String version) {
        register(server.address(), server.caPem(), server.rootToken(), binary, version);
    }

    /** As {@link #register(VaultServer, Path, String)}, for a server known by its address, CA and root token. */
    public static void register(URI address, String caPem, String rootToken, Path binary, String version) {
        VaultClient root = VaultClient.anonymous(address, caPem, new Secrets()).withToken(rootToken);
        String server = address.toString();
        String sha256 = sha256(binary);
        for (String name : new String[] {NAME, OWN_PROCESS_NAME}) {
            VaultResponse response = root.write(
                    "sys/plugins/catalog/auth/" + name,
                    Map.of("sha256", sha256, "command", binary.getFileName().toString(), "version", version));
            if (!response.isSuccess()) {
                throw new IllegalStateException("cannot register the auth method " + version + " as " + name + " ("
                        + binary + ") in " + server + ": " + response);
            }
        }
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
