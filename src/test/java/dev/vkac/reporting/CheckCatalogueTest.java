package dev.vkac.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vkac.conformance.ConformanceClasses;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The committed catalogue, reports/checks.md, must list exactly the checks the code has. */
class CheckCatalogueTest {

    private static final Path CATALOGUE = Path.of("reports", "checks.md");

    @Test
    void committedCatalogueMatchesTheCode() throws Exception {
        String generated = CheckCatalogue.markdown(CheckCatalogue.of(ConformanceClasses.ALL));
        if (Boolean.getBoolean("vkac.writeCatalogue")) {
            Files.writeString(CATALOGUE, generated);
        }

        assertThat(CATALOGUE).as("the catalogue; regenerate with -Dvkac.writeCatalogue=true").exists();
        assertThat(Files.readString(CATALOGUE))
                .as("reports/checks.md differs from the @Check annotations; regenerate with "
                        + "./mvnw test -Dtest=CheckCatalogueTest -Dvkac.writeCatalogue=true")
                .isEqualTo(generated);
    }

    @Test
    void everyConformanceMethodIsACheckWithAUniqueId() {
        assertThat(CheckCatalogue.of(ConformanceClasses.ALL)).isNotEmpty()
                .allSatisfy(check -> {
                    assertThat(check.id()).matches("[A-Z0-9-]+");
                    assertThat(check.step()).isBetween(1, 8);
                    assertThat(check.must()).isNotBlank();
                });
    }
}
