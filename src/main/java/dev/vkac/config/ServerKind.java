package dev.vkac.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The server products the suite checks, HashiCorp Vault and OpenBao (its API-compatible fork), and everything the
 * suite knows of each: the other code reads these facts rather than asking which product it has. The checks' per-product
 * expectations are the annotation attributes named after {@link #id()} ({@code SupportedSince},
 * {@code DiffersBetweenReleases}).
 */
public enum ServerKind {
    VAULT(new Facts("vault", "Vault")
            .releasesIn("VAULT_VERSION", "VAULT_VERSION")
            .binary("vault")
            .image("hashicorp/vault", "/vault/config")
            .sealStatusCarries("build_date")
            .runsAuthMethodPlugins()),
    // after the product it forks: an answer carrying both markers is the fork's (see fromSealStatus)
    OPENBAO(new Facts("openbao", "OpenBao")
            .releasesIn("OPENBAO_RELEASES", "OPENBAO_DEFAULT_RELEASES")
            .binary("bao")
            .image("openbao/openbao", "/openbao/config")
            .sealStatusCarries("commit_date")
            .declaresAuditLogInConfig());

    private final Facts facts;

    ServerKind(Facts facts) {
        this.facts = facts;
    }

    /** As written in vkac.servers ({@code openbao:2.7.2}), in report ids, and in install folders. */
    public String id() {
        return facts.id;
    }

    public String displayName() {
        return facts.displayName;
    }

    /** The key of tools/servers/versions.env listing the releases the local target installs (comma-separated). */
    public String releasesKey() {
        return facts.releasesKey;
    }

    /** The key of tools/servers/versions.env listing the releases a default run checks, a subset of those. */
    public String defaultReleasesKey() {
        return facts.defaultReleasesKey;
    }

    /**
     * The server binary, as tools/install-servers puts it in {@code <cache>/<id>-<version>/bin/}; also accepted for
     * {@link #id()} in vkac.servers ({@code bao:2.7.2}).
     */
    public String binary() {
        return facts.binary;
    }

    /** The official image repository, used by the containers target. */
    public String defaultImage() {
        return facts.defaultImage;
    }

    /** The folder of the official image whose files its entrypoint passes to the server as configuration. */
    public String containerConfigDir() {
        return facts.containerConfigDir;
    }

    /** Whether its audit device can only be declared in its configuration file (OpenBao's API refuses to enable one). */
    public boolean declaresAuditLogInConfig() {
        return facts.declaresAuditLogInConfig;
    }

    /**
     * The field of a sys/seal-status answer that only this product carries, which tells it apart from the others:
     * OpenBao's carries {@code commit_date} and Vault's {@code build_date} (seen on Vault 1.14.8 and OpenBao 2.6.1 and
     * 2.7.2; Vault documents build_date for every later release).
     */
    public String sealStatusField() {
        return facts.sealStatusField;
    }

    /**
     * Whether it runs releases of the Kubernetes auth method as external plugins ({@code vault:1.14.8+auth-v0.23.1}),
     * its own releases bundling them as {@link AuthMethodReleases} lists.
     */
    public boolean runsAuthMethodPlugins() {
        return facts.runsAuthMethodPlugins;
    }

    public static ServerKind parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(kind -> kind.id().equals(wanted) || kind.binary().equals(wanted))
                .findFirst()
                .orElseThrow(() -> new ConfigException(
                        "unknown server kind '" + text + "': expected one of " + joined(ServerKind::id, ", ")));
    }

    /** The product a sys/seal-status answer comes from, where its fields tell. */
    public static Optional<ServerKind> fromSealStatus(Set<String> fields) {
        return Arrays.stream(values())
                .filter(kind -> fields.contains(kind.sealStatusField()))
                .reduce((product, fork) -> fork);
    }

    /** Every kind, described and joined: {@code joined(ServerKind::displayName, " or ")} is "Vault or OpenBao". */
    public static String joined(Function<ServerKind, String> description, String separator) {
        return Arrays.stream(values()).map(description).collect(Collectors.joining(separator));
    }

    /** The kinds that run auth method plugins. */
    public static List<ServerKind> runningAuthMethodPlugins() {
        return Arrays.stream(values()).filter(ServerKind::runsAuthMethodPlugins).toList();
    }

    /** The facts of one product, each named where the product's constant is declared. */
    private static final class Facts {
        private final String id;
        private final String displayName;
        private String releasesKey;
        private String defaultReleasesKey;
        private String binary;
        private String defaultImage;
        private String containerConfigDir;
        private String sealStatusField;
        private boolean declaresAuditLogInConfig;
        private boolean runsAuthMethodPlugins;

        Facts(String id, String displayName) {
            this.id = id;
            this.displayName = displayName;
        }

        Facts releasesIn(String releasesKey, String defaultReleasesKey) {
            this.releasesKey = releasesKey;
            this.defaultReleasesKey = defaultReleasesKey;
            return this;
        }

        Facts binary(String binary) {
            this.binary = binary;
            return this;
        }

        Facts image(String defaultImage, String containerConfigDir) {
            this.defaultImage = defaultImage;
            this.containerConfigDir = containerConfigDir;
            return this;
        }

        Facts sealStatusCarries(String sealStatusField) {
            this.sealStatusField = sealStatusField;
            return this;
        }

        Facts declaresAuditLogInConfig() {
            this.declaresAuditLogInConfig = true;
            return this;
        }

        Facts runsAuthMethodPlugins() {
            this.runsAuthMethodPlugins = true;
            return this;
        }
    }
}
