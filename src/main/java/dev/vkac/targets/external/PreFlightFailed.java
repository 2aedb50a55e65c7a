package dev.vkac.targets.external;

import dev.vkac.config.ConfigException;

/**
 * The external target's pre-flight found a setting to fix before anything was created. Its message says which and
 * how; it carries no stack trace, since where the suite noticed is of no use to whoever fixes the setting.
 */
public final class PreFlightFailed extends ConfigException {

    PreFlightFailed(String message) {
        super("pre-flight: " + message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
