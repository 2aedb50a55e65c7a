package dev.vkac.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vkac.config.ServerKind;
import java.lang.annotation.Annotation;
import java.util.List;
import org.junit.jupiter.api.Test;

class PerProductAnnotationsTest {

    @SupportedSince(vault = "1.15.0", openbao = SupportedSince.NO_RELEASE, feature = "f", evidence = "e")
    @DiffersBetweenReleases(what = "w", vault = "as Vault", openbao = "as OpenBao", evidence = "e")
    void annotated() {}

    @Test
    void everyKindHasItsAttributeOnEveryPerProductAnnotation() throws NoSuchMethodException {
        List<Annotation> annotations =
                List.of(getClass().getDeclaredMethod("annotated").getAnnotations());

        assertThat(annotations)
                .hasSize(2)
                .allSatisfy(annotation -> assertThat(ServerKind.values())
                        .allSatisfy(kind -> assertThat(ServerSupport.attributeFor(annotation, kind))
                                .as("@%s.%s()", annotation.annotationType().getSimpleName(), kind.id())
                                .isNotNull()));
        SupportedSince since = getClass().getDeclaredMethod("annotated").getAnnotation(SupportedSince.class);
        assertThat(ServerSupport.attributeFor(since, ServerKind.VAULT)).isEqualTo("1.15.0");
        assertThat(ServerSupport.attributeFor(since, ServerKind.OPENBAO)).isEqualTo(SupportedSince.NO_RELEASE);
    }
}
