package dev.vkac.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The parsers of {@link Settings}: each fails with a {@link ConfigException} saying what is wrong with a text. */
final class SettingParsers {

    private SettingParsers() {}

    static Path path(String text) {
        try {
            return Path.of(text).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new ConfigException("not a path: " + e.getReason());
        }
    }

    static List<ServerSpec> servers(String text) {
        List<ServerSpec> specs = new ArrayList<>();
        for (String part : Setting.commaSeparated(text)) {
            ServerSpec spec = ServerSpec.parse(part);
            if (specs.stream().anyMatch(s -> s.id().equals(spec.id()))) {
                throw new ConfigException(spec + " is listed twice");
            }
            specs.add(spec);
        }
        if (specs.isEmpty()) {
            throw new ConfigException("no server listed");
        }
        return List.copyOf(specs);
    }

    static List<String> kubernetesReleases(String text, ServerVersions localVersions) {
        List<String> releases = new ArrayList<>();
        for (String part : Setting.commaSeparated(text)) {
            String release = localVersions.kubernetesRelease(part.trim().replaceFirst("^v", ""));
            if (releases.contains(release)) {
                throw new ConfigException("Kubernetes " + release + " is listed twice");
            }
            releases.add(release);
        }
        if (releases.isEmpty()) {
            throw new ConfigException("no release listed");
        }
        return List.copyOf(releases);
    }

    static Duration seconds(String text) {
        try {
            long seconds = Long.parseLong(text.trim());
            if (seconds <= 0) {
                throw new ConfigException("must be a positive number of seconds");
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new ConfigException("not a whole number of seconds");
        }
    }

    static int parallelism(String text) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value < 1 || value > 64) {
                throw new ConfigException("must be between 1 and 64");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException("not a whole number");
        }
    }

    /** One seed per JVM for vkac.checkOrder=random: every class of the run, and the printed configuration, use it. */
    private static final class RunSeed {
        static final long VALUE = new SecureRandom().nextLong() & 0xffffffffL;
    }

    /** Empty for the guide's order, else the seed of a random order ({@code random} alone: a new seed each run). */
    static Optional<Long> checkOrder(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("guide")) {
            return Optional.empty();
        }
        if (value.equals("random")) {
            return Optional.of(RunSeed.VALUE);
        }
        if (value.startsWith("random:")) {
            try {
                return Optional.of(Long.parseLong(value.substring("random:".length())));
            } catch (NumberFormatException e) {
                throw new ConfigException("the seed after random: must be a whole number");
            }
        }
        throw new ConfigException("expected guide, random or random:<seed>");
    }

    static boolean yesOrNo(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new ConfigException("expected true or false");
        };
    }
}
