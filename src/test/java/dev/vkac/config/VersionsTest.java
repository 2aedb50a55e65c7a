package dev.vkac.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionsTest {

    @ParameterizedTest
    @CsvSource({
        "1.14.8, 1.16.0, -1",
        "1.16.0, 1.16.0, 0",
        "1.21.2, 1.16.0, 1",
        "2.0.0, 1.16.0, 1",
        "1.9.10, 1.16.0, -1",
        "2.6.2, 2.6, 1",
        "1.16.0-rc1, 1.16.0, 0",
        "v0.23.1, 0.23.0, 1"
    })
    void releaseNumbersCompareNumerically(String a, String b, int expected) {
        assertThat(Integer.signum(Versions.compare(a, b))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "vault:1.14.8, 1.14.8",
        "vault:1.14.8+auth-v0.16.0, 1.14.0",
        "vault:1.14.8+auth-v0.17.1, 1.15.0",
        "vault:1.14.8+auth-v0.22.2, 1.20.0",
        "vault:1.14.8+auth-v0.23.1, 1.21.0",
        "vault:1.14.8+auth-v0.24.1, 2.0.0",
        "vault:1.14.8+auth-v0.16.0-defect.issuer-ignored, 1.14.0",
        "vault:1.14.8+auth-v0.16.0-mutant-0a1b2c3d4e, 1.14.0",
        "openbao:2.7.2, 2.7.2"
    })
    void aVaultWithAnotherAuthMethodReleaseIsComparedAsTheVaultThatBundlesIt(String server, String expected) {
        assertThat(ServerSpec.parse(server).releaseOfItsAuthMethod()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"v0.15.0", "v0.9.9"})
    void anAuthMethodOlderThanAnyKnownIsAConfigurationError(String release) {
        assertThatThrownBy(() -> AuthMethodReleases.vaultReleaseBundling(release))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("older than any this suite knows");
    }

    @Test
    void theReleaseLineDropsThePatch() {
        assertThat(Versions.minor("1.21.0")).isEqualTo("1.21");
        assertThat(Versions.minor("v2.0.3-defect.x")).isEqualTo("2.0");
    }
}
