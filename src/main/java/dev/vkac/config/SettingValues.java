package dev.vkac.config;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The values of the settings given to one JVM (its system properties and environment), each parsed once, on first
 * use, with where it came from. A setting's parser or default may ask for the settings it depends on.
 */
public final class SettingValues {

    private static final String DEFAULT = "default";

    private final Map<String, String> properties;
    private final Map<String, String> env;
    /** Whether an invalid value reads as the default, for a run that must still find its reports folder. */
    private final boolean invalidAsDefault;

    private final Map<Setting<?>, Object> values = new IdentityHashMap<>();
    private final Map<Setting<?>, String> sources = new IdentityHashMap<>();
    private ServerVersions localVersions;

    private SettingValues(Map<String, String> properties, Map<String, String> env, boolean invalidAsDefault) {
        this.properties = Map.copyOf(properties);
        this.env = Map.copyOf(env);
        this.invalidAsDefault = invalidAsDefault;
    }

    /** The settings of a run: an invalid value is a {@link ConfigException} naming its setting. */
    static SettingValues of(Map<String, String> properties, Map<String, String> env) {
        return new SettingValues(properties, env, false);
    }

    /** The settings of a run whose configuration is invalid: each invalid value reads as its setting's default. */
    static SettingValues invalidAsDefault(Map<String, String> properties, Map<String, String> env) {
        return new SettingValues(properties, env, true);
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        if (!values.containsKey(setting)) {
            Setting.Given given = setting.given(properties, env);
            T value;
            String source = given == null ? DEFAULT : given.source();
            try {
                value = given == null ? setting.defaultValue().apply(this) : setting.parse(given.text(), this);
            } catch (ConfigException e) {
                if (!invalidAsDefault || given == null) {
                    throw e;
                }
                value = setting.defaultValue().apply(this);
                source = DEFAULT;
            }
            values.put(setting, value);
            sources.put(setting, source);
        }
        return (T) values.get(setting);
    }

    /** Where a setting's value came from: {@code system property vkac.x}, {@code environment VKAC_X} or default. */
    public String source(Setting<?> setting) {
        get(setting);
        return sources.get(setting);
    }

    public boolean isDefault(Setting<?> setting) {
        return DEFAULT.equals(source(setting));
    }

    /** The releases the local target has, from tools/servers/versions.env of the project folder. */
    public ServerVersions localVersions() {
        if (localVersions == null) {
            localVersions = ServerVersions.read(get(Settings.PROJECT_DIR));
        }
        return localVersions;
    }

    /** An environment variable that is no setting of its own, but a default depends on, or null. */
    public String environment(String variable) {
        return Setting.blankToNull(env.get(variable));
    }
}
