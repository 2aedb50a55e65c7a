package dev.vkac.config;

import java.util.regex.Pattern;

/**
 * One server under test: its kind, its version and, for the containers target, the image it runs.
 * Written as {@code kind:version} (for example {@code vault:1.14.8}, {@code openbao:2.6.2}) or, for an
 * image from another repository, {@code kind:version=image} ({@code vault:1.21.4=mirror.example/vault:1.21.4}).
 */
public record ServerSpec(ServerKind kind, String version, String image) {

    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+([.+-][0-9A-Za-z.+-]+)?");

    public ServerSpec {
        if (!VERSION.matcher(version).matches()) {
            throw new ConfigException("server version '" + version + "' of " + kind.id()
                    + " is not a release number such as 1.14.8");
        }
        if (image == null || image.isBlank()) {
            image = kind.defaultImage() + ":" + version;
        }
    }

    public static ServerSpec of(ServerKind kind, String version) {
        return new ServerSpec(kind, version, null);
    }

    public static ServerSpec parse(String text) {
        String trimmed = text.trim();
        int colon = trimmed.indexOf(':');
        if (colon <= 0 || colon == trimmed.length() - 1) {
            throw new ConfigException("server '" + text + "' is not of the form kind:version (for example vault:1.14.8)");
        }
        String rest = trimmed.substring(colon + 1);
        int equals = rest.indexOf('=');
        String version = equals < 0 ? rest : rest.substring(0, equals);
        String image = equals < 0 ? null : rest.substring(equals + 1);
        return new ServerSpec(ServerKind.parse(trimmed.substring(0, colon)), version.trim(), image);
    }

    /** The short id used in reports and file names, for example {@code vault-1.14.8}. */
    public String id() {
        return kind.id() + "-" + version;
    }

    @Override
    public String toString() {
        return kind.displayName() + " " + version;
    }
}
