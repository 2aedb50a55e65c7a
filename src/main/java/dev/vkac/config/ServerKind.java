package dev.vkac.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The two server lines the suite checks: HashiCorp Vault and OpenBao, its API-compatible fork. */
public enum ServerKind {
    VAULT("vault", "Vault", "hashicorp/vault"),
    OPENBAO("openbao", "OpenBao", "openbao/openbao");

    private final String id;
    private final String displayName;
    private final String defaultImage;

    ServerKind(String id, String displayName, String defaultImage) {
        this.id = id;
        this.displayName = displayName;
        this.defaultImage = defaultImage;
    }

    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    /** The official image repository, used by the containers target. */
    public String defaultImage() {
        return defaultImage;
    }

    public static ServerKind parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(kind -> kind.id.equals(wanted) || (kind == OPENBAO && wanted.equals("bao")))
                .findFirst()
                .orElseThrow(() -> new ConfigException("unknown server kind '" + text + "': expected one of "
                        + Arrays.stream(values()).map(ServerKind::id).collect(Collectors.joining(", "))));
    }
}
