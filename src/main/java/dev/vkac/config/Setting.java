package dev.vkac.config;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One setting of the suite, declared once in {@link Settings}: read from its system property, else its environment
 * variable, else its default; parsed, shown in the printed configuration, and named in every error about it.
 *
 * @param property     the system property ({@code vkac.xxx}), or null for a secret, read from the environment only
 * @param envVar       the environment variable
 * @param meaning      what it means, in one line (docs/configuration.md says more)
 * @param parser       the value of a given text; fails with a {@link ConfigException} saying what is wrong with it
 * @param defaultValue the value when none is given (may be null)
 * @param shown        the value as the printed configuration shows it, or null to leave the setting out
 * @param describedOn  the targets whose printed configuration shows it
 */
public record Setting<T>(
        String property,
        String envVar,
        String meaning,
        Parser<T> parser,
        Function<SettingValues, T> defaultValue,
        Function<T, String> shown,
        Set<TargetKind> describedOn) {

    /** Parses a setting's text; may read the settings it depends on (the servers, the local releases). */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(String text, SettingValues settings);
    }

    /** A text given for a setting, and where: {@code system property vkac.x} or {@code environment VKAC_X}. */
    public record Given(String text, String source) {}

    /** A setting with a fixed default, shown as its value on every target. */
    static <T> Setting<T> of(
            String property, String envVar, String meaning, Function<String, T> parser, T defaultValue) {
        return dependent(property, envVar, meaning, (text, settings) -> parser.apply(text), settings -> defaultValue);
    }

    /** A setting whose parser or default depends on other settings, shown as its value on every target. */
    static <T> Setting<T> dependent(
            String property, String envVar, String meaning, Parser<T> parser, Function<SettingValues, T> defaultValue) {
        return new Setting<>(
                property, envVar, meaning, parser, defaultValue, String::valueOf, EnumSet.allOf(TargetKind.class));
    }

    /** A secret: read from the environment only (a command line is visible to every user), never shown. */
    static Setting<String> secret(String envVar, String meaning) {
        return Setting.<String>of(null, envVar, meaning, text -> text, null)
                .shownAs(value -> value == null ? "not set" : "set (not shown)");
    }

    Setting<T> shownAs(Function<T, String> newShown) {
        return new Setting<>(property, envVar, meaning, parser, defaultValue, newShown, describedOn);
    }

    Setting<T> onlyOn(TargetKind first, TargetKind... others) {
        return new Setting<>(property, envVar, meaning, parser, defaultValue, shown, EnumSet.of(first, others));
    }

    public boolean isSecret() {
        return property == null;
    }

    /** The key of the setting in the printed configuration: its property, or a secret's environment variable. */
    public String name() {
        return isSecret() ? envVar : property;
    }

    /** How a message tells the user where to set it: {@code vkac.x / VKAC_X}. */
    public String names() {
        return isSecret() ? envVar : property + " / " + envVar;
    }

    /** The text given for it, the system property winning over the environment, or null when it is not given. */
    public Given given(Map<String, String> properties, Map<String, String> env) {
        String fromProperty = isSecret() ? null : blankToNull(properties.get(property));
        if (fromProperty != null) {
            return new Given(fromProperty, "system property " + property);
        }
        String fromEnv = blankToNull(env.get(envVar));
        return fromEnv == null ? null : new Given(fromEnv, "environment " + envVar);
    }

    /** The value of a given text, or a {@link ConfigException} naming this setting, the text, and what is wrong. */
    public T parse(String text, SettingValues settings) {
        try {
            return parser.parse(text, settings);
        } catch (ConfigException e) {
            throw new ConfigException("invalid " + names() + (isSecret() ? "" : " = '" + text + "'") + ": "
                    + e.getMessage() + " (" + name() + ": " + meaning + ")");
        }
    }

    @Override
    public String toString() {
        return name();
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The parts of a comma-separated list that are not blank, as given (a message quotes them so). */
    static List<String> commaSeparated(String text) {
        return Arrays.stream(text.split(",")).filter(part -> !part.isBlank()).toList();
    }
}
