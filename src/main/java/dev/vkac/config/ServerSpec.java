package dev.vkac.config;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One server under test: its kind, its version, for the containers target the image it runs, and, for the local
 * target, the release of the Kubernetes auth method it runs as an external plugin instead of its builtin one.
 * Written as {@code kind:version} (for example {@code vault:1.14.8}, {@code openbao:2.6.2}); for an image from another
 * repository {@code kind:version=image} ({@code vault:1.21.4=mirror.example/vault:1.21.4}); with another auth method
 * release {@code kind:version+auth-vX.Y.Z} ({@code vault:1.14.8+auth-v0.23.1}).
 *
 * @param authMethod the auth method's plugin version (for example {@code v0.23.1}, or a build of the project's own
 *                   such as {@code v0.16.0-defect.tokenreview-ignored}), or null for the server's builtin one
 */
public record ServerSpec(ServerKind kind, String version, String image, String authMethod, ServerSpec upgradeTo) {

    /** Between the release a server is installed with and the one it is upgraded to: {@code vault:1.14.8->openbao:2.7.2}. */
    public static final String UPGRADE = "->";

    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+([.+-][0-9A-Za-z.+-]+)?");
    /** A plugin version as Vault's catalog accepts it: semantic, with a "v". */
    private static final Pattern PLUGIN_VERSION = Pattern.compile("v\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?");

    private static final String AUTH = "+auth-";

    public ServerSpec {
        if (!VERSION.matcher(version).matches()) {
            throw new ConfigException(
                    "server version '" + version + "' of " + kind.id() + " is not a release number such as 1.14.8");
        }
        if (authMethod != null && !PLUGIN_VERSION.matcher(authMethod).matches()) {
            throw new ConfigException("auth method release '" + authMethod + "' of " + kind.id() + ":" + version
                    + " is not a plugin version such as v0.23.1");
        }
        if (image == null || image.isBlank()) {
            image = kind.defaultImage() + ":" + version;
        }
        if (upgradeTo != null && upgradeTo.isUpgrade()) {
            throw new ConfigException("an upgrade goes from one release to one other: " + upgradeTo.text());
        }
    }

    public ServerSpec(ServerKind kind, String version, String image, String authMethod) {
        this(kind, version, image, authMethod, null);
    }

    public ServerSpec(ServerKind kind, String version, String image) {
        this(kind, version, image, null);
    }

    public static ServerSpec of(ServerKind kind, String version) {
        return new ServerSpec(kind, version, null, null);
    }

    public static ServerSpec parse(String text) {
        int arrow = text.indexOf(UPGRADE);
        if (arrow >= 0) {
            ServerSpec from = parse(text.substring(0, arrow));
            ServerSpec to = parse(text.substring(arrow + UPGRADE.length()));
            return new ServerSpec(from.kind(), from.version(), from.image(), from.authMethod(), to);
        }
        String trimmed = text.trim();
        int colon = trimmed.indexOf(':');
        if (colon <= 0 || colon == trimmed.length() - 1) {
            throw new ConfigException(
                    "server '" + text + "' is not of the form kind:version (for example vault:1.14.8)");
        }
        String rest = trimmed.substring(colon + 1);
        String authMethod = null;
        int auth = rest.indexOf(AUTH);
        if (auth >= 0) {
            authMethod = rest.substring(auth + AUTH.length()).trim();
            rest = rest.substring(0, auth);
        }
        int equals = rest.indexOf('=');
        String version = equals < 0 ? rest : rest.substring(0, equals);
        String image = equals < 0 ? null : rest.substring(equals + 1);
        return new ServerSpec(ServerKind.parse(trimmed.substring(0, colon)), version.trim(), image, authMethod);
    }

    /** Whether this is a server installed with one release and upgraded to another ({@link #upgradeTo}). */
    public boolean isUpgrade() {
        return upgradeTo != null;
    }

    /**
     * Whether this upgrade keeps the server release and changes only the auth method, run as a plugin, inside it
     * ({@code vault:1.14.8+auth-v0.16.0->vault:1.14.8+auth-v0.23.1}, or from the builtin one).
     */
    public boolean isPluginUpgrade() {
        return isUpgrade()
                && kind == upgradeTo.kind
                && version.equals(upgradeTo.version)
                && !Objects.equals(authMethod, upgradeTo.authMethod);
    }

    /**
     * Fails, naming the rule, unless this upgrade goes forward one thing at a time: to a later release of the same
     * product, from Vault to OpenBao (the fork's migration path), or to a later plugin release of the auth method
     * inside one server (from the builtin: a release a later Vault bundles).
     */
    public void checkUpgrade() {
        ServerSpec to = upgradeTo;
        if (isPluginUpgrade()) {
            boolean later = to.hasAuthPlugin()
                    && (hasAuthPlugin()
                            ? Versions.compare(authMethod.substring(1), to.authMethod.substring(1)) < 0
                            : Versions.compare(AuthMethodReleases.vaultReleaseBundling(to.authMethod), version) > 0);
            if (!later) {
                throw new ConfigException(text() + ": an upgrade of the auth method inside one server goes to a later"
                        + " plugin release (vault:1.14.8+auth-v0.16.0->vault:1.14.8+auth-v0.23.1)");
            }
            return;
        }
        if (hasAuthPlugin() || to.hasAuthPlugin()) {
            throw new ConfigException(text() + ": an upgrade changes the server or its auth method plugin, not both"
                    + " (vault:1.14.8->openbao:2.7.2, vault:1.14.8+auth-v0.16.0->vault:1.14.8+auth-v0.23.1)");
        }
        boolean forward = kind == to.kind
                ? Versions.compare(version, to.version) < 0
                : kind == ServerKind.VAULT && to.kind == ServerKind.OPENBAO;
        if (!forward) {
            throw new ConfigException(text() + ": an upgrade goes to a later release of the same product, or from"
                    + " Vault to OpenBao (the fork's migration path)");
        }
    }

    /** The server as it is installed, before an upgrade (itself when it is no upgrade). */
    public ServerSpec installed() {
        return new ServerSpec(kind, version, image, authMethod);
    }

    /** Whether the server runs an auth method release as an external plugin instead of its builtin one. */
    public boolean hasAuthPlugin() {
        return authMethod != null;
    }

    /**
     * The release of its kind whose bundled Kubernetes auth method this server runs, which is what a check whose
     * expectation changed between releases compares: its own version, or, for Vault running another auth method
     * release as a plugin, the Vault release that bundles that one ({@link AuthMethodReleases}).
     */
    public String releaseOfItsAuthMethod() {
        return hasAuthPlugin() && kind.runsAuthMethodPlugins()
                ? AuthMethodReleases.vaultReleaseBundling(authMethod)
                : version;
    }

    /** The short id used in reports and file names, for example {@code vault-1.14.8} or {@code vault-1.14.8+auth-v0.23.1}. */
    public String id() {
        return kind.id() + "-" + version + (hasAuthPlugin() ? AUTH + authMethod : "")
                + (isUpgrade() ? "-to-" + upgradeTo.id() : "");
    }

    /** The form {@link #parse} reads. */
    public String text() {
        return kind.id() + ":" + version + (hasAuthPlugin() ? AUTH + authMethod : "")
                + (isUpgrade() ? UPGRADE + upgradeTo.text() : "");
    }

    /**
     * The name in reports: for example "Vault 1.14.8", or "Vault 1.14.8 core, auth method v0.23.1 (as in Vault 1.21)"
     * (what such a server is: that auth method release, and Vault 1.14.8 around it); a build of the project's own
     * ({@code v0.16.0-defect.x}) says no "as in", since no Vault release ships it.
     */
    @Override
    public String toString() {
        if (isUpgrade()) {
            return installed() + " \u2192 " + upgradeTo; // "Vault 1.14.8 → OpenBao 2.7.2"
        }
        if (!hasAuthPlugin()) {
            return kind.displayName() + " " + version;
        }
        String asIn = authMethod.contains("-") || !kind.runsAuthMethodPlugins()
                ? ""
                : " (as in " + kind.displayName() + " " + Versions.minor(releaseOfItsAuthMethod()) + ")";
        return kind.displayName() + " " + version + " core, auth method " + authMethod + asIn;
    }
}
