package dev.vkac.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One thing an upgrade gets wrong on purpose, between stopping the installed release and starting the next: how
 * tools/prove-upgrades shows each post-upgrade check turning red for its own reason. Never set by a normal run.
 */
public enum UpgradeDefect {
    /** A correct upgrade. */
    NONE,
    /** The installed release is started again instead of the next (a plugin upgrade: the mounts are not tuned). */
    NO_UPGRADE,
    /** A field of the auth method's stored config changes (its issuer), as a migration that rewrites it wrongly. */
    CONFIG_FIELD_CHANGED,
    /** A field of every stored role is lost (its audience), as a migration that drops it. */
    ROLE_FIELD_LOST,
    /** The entity aliases of the auth method's logins are lost, so logins get new entities. */
    ENTITY_ALIASES_LOST,
    /** Every token but the root token is lost. */
    TOKENS_LOST,
    /** Every token but the root token loses its policies but default, as a migration that drops a token field. */
    TOKEN_POLICIES_LOST,
    /** Every lease of the auth method's logins expires a day later, as a migration that resets lease timers. */
    LEASES_EXPIRE_LATER,
    /** The guide's role binds every namespace, so a workload refused before is admitted. */
    ROLE_BINDS_EVERY_NAMESPACE;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static UpgradeDefect parse(String text) {
        return Arrays.stream(values())
                .filter(defect -> defect.id().equals(text.trim()))
                .findFirst()
                .orElseThrow(
                        () -> new ConfigException("unknown upgrade defect '" + text + "': expected one of " + names()));
    }

    static String names() {
        return Arrays.stream(values()).map(UpgradeDefect::id).collect(Collectors.joining(", "));
    }
}
