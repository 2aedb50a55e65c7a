package dev.vkac.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vkac.conformance.ConformanceClasses;
import dev.vkac.conformance.KubernetesAuthGuideIT;
import dev.vkac.junit.Check;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.commons.support.AnnotationSupport;

/** The committed catalogue, reports/checks.md, must list exactly the checks the code has. */
class CheckCatalogueTest {

    private static final Path CATALOGUE = Path.of("reports", "checks.md");

    @Test
    void committedCatalogueMatchesTheCode() throws Exception {
        String generated = CheckCatalogue.markdown(CheckCatalogue.of(ConformanceClasses.ALL));
        if (Boolean.getBoolean("vkac.writeCatalogue")) {
            Files.writeString(CATALOGUE, generated);
        }

        assertThat(CATALOGUE)
                .as("the catalogue; regenerate with -Dvkac.writeCatalogue=true")
                .exists();
        assertThat(Files.readString(CATALOGUE))
                .as("reports/checks.md differs from the @Check annotations; regenerate with "
                        + "./mvnw test -Dtest=CheckCatalogueTest -Dvkac.writeCatalogue=true")
                .isEqualTo(generated);
    }

    @Test
    void expectationsTableMatchesTheCode() throws Exception {
        Path expectations = Path.of("docs", "expectations.md");
        String text = Files.readString(expectations);
        int begin = text.indexOf(ExpectationsTable.BEGIN);
        int end = text.indexOf(ExpectationsTable.END);
        assertThat(begin)
                .as("docs/expectations.md has the generated expectations table")
                .isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String generated = ExpectationsTable.markdown(ConformanceClasses.ALL);
        if (Boolean.getBoolean("vkac.writeCatalogue")) {
            text = text.substring(0, begin) + generated + text.substring(end + ExpectationsTable.END.length());
            Files.writeString(expectations, text);
            end = text.indexOf(ExpectationsTable.END);
        }

        assertThat(text.substring(begin, end + ExpectationsTable.END.length()))
                .as("docs/expectations.md's table differs from the code; regenerate with "
                        + "./mvnw test -Dtest=CheckCatalogueTest -Dvkac.writeCatalogue=true")
                .isEqualTo(generated);
    }

    @Test
    void everyParameterOfTheAuthMethodIsExercisedByACheck() {
        assertThat(CheckCatalogue.exercising(CheckCatalogue.of(ConformanceClasses.ALL)))
                .as("parameters of the auth method that no check exercises (@Check(parameters = ...))")
                .allSatisfy(
                        (parameter, checks) -> assertThat(checks).as(parameter).isNotEmpty());
    }

    @Test
    void conformanceClassesAreFoundNotListed() {
        assertThat(ConformanceClasses.ALL).hasSizeGreaterThanOrEqualTo(11);
        assertThat(ConformanceClasses.ALL[0]).isEqualTo(KubernetesAuthGuideIT.class);
        assertThat(ConformanceClasses.ALL)
                .allSatisfy(type -> assertThat(type.getSimpleName()).endsWith("IT"));
    }

    @Test
    void everyTestOfAConformanceClassIsACheck() {
        assertThat(Arrays.stream(ConformanceClasses.ALL)
                        .flatMap(type -> Arrays.stream(type.getDeclaredMethods()))
                        .filter(method -> AnnotationSupport.isAnnotated(method, Testable.class)))
                .isNotEmpty()
                .allSatisfy(method -> assertThat(method.isAnnotationPresent(Check.class))
                        .as(
                                "%s#%s runs as a test but has no @Check (id, step, what must hold)",
                                method.getDeclaringClass().getSimpleName(), method.getName())
                        .isTrue());
    }

    @Test
    void everyConformanceMethodIsACheckWithAUniqueId() {
        assertThat(CheckCatalogue.of(ConformanceClasses.ALL)).isNotEmpty().allSatisfy(check -> {
            assertThat(check.id()).matches("[A-Z0-9-]+");
            assertThat(check.step()).isBetween(1, 8);
            assertThat(check.must()).isNotBlank();
        });
    }
}
