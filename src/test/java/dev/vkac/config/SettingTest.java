package dev.vkac.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingTest {

    private static final Setting<Duration> TIMEOUT = Setting.of(
            "vkac.timeout", "VKAC_TIMEOUT", "seconds to wait", SettingParsers::seconds, Duration.ofSeconds(7));

    @Test
    void theSystemPropertyWinsOverTheEnvironmentAndABlankOneIsNotGiven() {
        assertThat(TIMEOUT.given(Map.of("vkac.timeout", " 3 "), Map.of("VKAC_TIMEOUT", "4")))
                .isEqualTo(new Setting.Given("3", "system property vkac.timeout"));
        assertThat(TIMEOUT.given(Map.of("vkac.timeout", "  "), Map.of("VKAC_TIMEOUT", "4")))
                .isEqualTo(new Setting.Given("4", "environment VKAC_TIMEOUT"));
        assertThat(TIMEOUT.given(Map.of(), Map.of())).isNull();
    }

    @Test
    void aGivenTextIsParsedAndNoTextIsTheDefault() {
        SettingValues given = SettingValues.of(Map.of(), Map.of("VKAC_TIMEOUT", "3"));
        SettingValues none = SettingValues.of(Map.of(), Map.of());

        assertThat(given.get(TIMEOUT)).isEqualTo(Duration.ofSeconds(3));
        assertThat(given.isDefault(TIMEOUT)).isFalse();
        assertThat(none.get(TIMEOUT)).isEqualTo(Duration.ofSeconds(7));
        assertThat(none.source(TIMEOUT)).isEqualTo("default");
    }

    @Test
    void anInvalidTextFailsNamingThePropertyTheVariableTheTextAndWhatIsWrong() {
        SettingValues values = SettingValues.of(Map.of("vkac.timeout", "soon"), Map.of());

        assertThatThrownBy(() -> values.get(TIMEOUT))
                .isInstanceOf(ConfigException.class)
                .hasMessage("invalid vkac.timeout / VKAC_TIMEOUT = 'soon': not a whole number of seconds"
                        + " (vkac.timeout: seconds to wait)");
    }

    @Test
    void aRunWhoseConfigurationIsInvalidReadsAnInvalidTextAsTheDefault() {
        SettingValues values = SettingValues.invalidAsDefault(Map.of("vkac.timeout", "soon"), Map.of());

        assertThat(values.get(TIMEOUT)).isEqualTo(Duration.ofSeconds(7));
        assertThat(values.source(TIMEOUT)).isEqualTo("default");
    }

    @Test
    void aSettingsDefaultMayDependOnAnotherSetting() {
        SettingValues values = SettingValues.of(Map.of("vkac.projectDir", "/srv/suite"), Map.of());

        assertThat(values.get(Settings.REPORTS_DIR)).isEqualTo(Path.of("/srv/suite/reports"));
        assertThat(values.source(Settings.REPORTS_DIR)).isEqualTo("default");
    }

    @Test
    void aSecretIsReadFromTheEnvironmentOnlyAndNeverShown() {
        Setting<String> token = Settings.VAULT_TOKEN;
        SettingValues onTheCommandLine = SettingValues.of(Map.of("VAULT_TOKEN", "hvs.x"), Map.of());
        SettingValues inTheEnvironment = SettingValues.of(Map.of(), Map.of("VAULT_TOKEN", "hvs.x"));

        assertThat(onTheCommandLine.get(token)).isNull();
        assertThat(inTheEnvironment.get(token)).isEqualTo("hvs.x");
        assertThat(token.shown().apply(inTheEnvironment.get(token))).isEqualTo("set (not shown)");
        assertThat(token.name()).isEqualTo(token.names()).isEqualTo("VAULT_TOKEN");
    }

    @Test
    void everyDeclaredSettingHasItsOwnPropertyAndVariableAndAMeaning() {
        assertThat(Settings.ALL).extracting(Setting::name).doesNotHaveDuplicates();
        assertThat(Settings.ALL).extracting(Setting::envVar).doesNotHaveDuplicates();
        assertThat(Settings.ALL)
                .filteredOn(setting -> !setting.isSecret())
                .allSatisfy(setting -> assertThat(setting.property()).matches("vkac\\.[a-z][A-Za-z0-9]+"));
        assertThat(Settings.ALL)
                .allSatisfy(setting -> assertThat(setting.meaning()).isNotBlank());
    }
}
