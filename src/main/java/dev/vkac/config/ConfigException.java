package dev.vkac.config;

/** An invalid configuration value: reported once, before any server starts. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
