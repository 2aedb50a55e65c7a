package dev.vkac.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ServerKindTest {

    @Test
    void everyKindStatesEveryFact() {
        assertThat(ServerKind.values())
                .allSatisfy(kind -> assertThat(new String[] {
                            kind.id(),
                            kind.displayName(),
                            kind.releasesKey(),
                            kind.defaultReleasesKey(),
                            kind.binary(),
                            kind.defaultImage(),
                            kind.containerConfigDir(),
                            kind.sealStatusField()
                        })
                        .as(kind.name())
                        .doesNotContainNull()
                        .noneMatch(String::isBlank));
    }

    @Test
    void aKindIsNamedByItsIdOrItsBinary() {
        assertThat(ServerKind.parse(" OpenBao ")).isEqualTo(ServerKind.OPENBAO);
        assertThat(ServerKind.parse("bao")).isEqualTo(ServerKind.OPENBAO);
        assertThat(ServerKind.parse("vault")).isEqualTo(ServerKind.VAULT);
    }

    @Test
    void aSealStatusCarryingTheMarkersOfAProductAndItsForkIsTheForks() {
        assertThat(ServerKind.fromSealStatus(Set.of("version", "build_date"))).contains(ServerKind.VAULT);
        assertThat(ServerKind.fromSealStatus(Set.of("version", "build_date", "commit_date")))
                .contains(ServerKind.OPENBAO);
        assertThat(ServerKind.fromSealStatus(Set.of("version"))).isEmpty();
    }
}
