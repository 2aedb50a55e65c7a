package dev.vkac.config;

import java.util.List;

/**
 * Which Vault release line first bundles each release of the Kubernetes auth method
 * ({@code github.com/hashicorp/vault-plugin-auth-kubernetes}). A check whose expectation changed with a Vault release
 * compares against this when the server runs another auth method release as a plugin: Vault 1.14.8 running auth method
 * v0.23.1 answers, for the auth method's behaviour, as Vault 1.21 does. Evidence: the requirement in Vault's go.mod at
 * each release tag (served by the Go module proxy), for example go.mod@v1.16.3 {@code vault-plugin-auth-kubernetes v0.18.0};
 * see docs/auth-method-releases.md for every line.
 */
public final class AuthMethodReleases {

    /** Auth method release → the first Vault release that bundles it, oldest first. */
    private static final List<String[]> BUNDLED_SINCE = List.of(
            new String[] {"0.16.0", "1.14.0"},
            new String[] {"0.17.0", "1.15.0"},
            new String[] {"0.18.0", "1.16.0"},
            new String[] {"0.19.0", "1.17.0"},
            new String[] {"0.20.0", "1.18.0"},
            new String[] {"0.21.0", "1.19.0"},
            new String[] {"0.22.0", "1.20.0"},
            new String[] {"0.23.0", "1.21.0"},
            new String[] {"0.24.0", "2.0.0"});

    private AuthMethodReleases() {}

    /**
     * The Vault release whose bundled auth method is this release (or the newest older one), for example
     * {@code 1.21.0} for {@code v0.23.1}; builds of the project's own ({@code v0.16.0-defect.x}) count as their base.
     */
    public static String vaultReleaseBundling(String authMethod) {
        String release = authMethod.replaceFirst("^v", "").split("-")[0];
        String vault = null;
        for (String[] row : BUNDLED_SINCE) {
            if (Versions.compare(release, row[0]) >= 0) {
                vault = row[1];
            }
        }
        if (vault == null) {
            throw new ConfigException(
                    "auth method " + authMethod + " is older than any this suite knows (the oldest is v"
                            + BUNDLED_SINCE.get(0)[0] + ", bundled by Vault "
                            + BUNDLED_SINCE.get(0)[1] + ")");
        }
        return vault;
    }
}
