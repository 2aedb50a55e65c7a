package dev.vkac.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/configuration.md has one row per declared setting, and no row for a setting there is not. */
class SettingsDocumentedTest {

    private static final Path DOC = Path.of("docs/configuration.md");
    /** A row of the settings table: | `vkac.x` or (none) | `VKAC_X` | ... */
    private static final Pattern ROW = Pattern.compile("^\\| (`vkac\\.\\w+`|\\(none\\)) \\| `(\\w+)` \\|");

    @Test
    void eachDeclaredSettingHasARowOfTheSettingsTable() throws IOException {
        List<String> documented = Files.readAllLines(DOC).stream()
                .map(ROW::matcher)
                .filter(Matcher::find)
                .map(row -> row.group(1) + " " + row.group(2))
                .toList();

        assertThat(documented)
                .as("rows of " + DOC + ", property and environment variable")
                .containsExactlyInAnyOrderElementsOf(Settings.ALL.stream()
                        .map(setting -> (setting.isSecret() ? "(none)" : "`" + setting.property() + "`") + " "
                                + setting.envVar())
                        .toList());
    }
}
