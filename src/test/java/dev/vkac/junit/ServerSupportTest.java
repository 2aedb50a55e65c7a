package dev.vkac.junit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerSupportTest {

    @ParameterizedTest
    @CsvSource({"1.14.8, 1.16.0, -1", "1.16.0, 1.16.0, 0", "1.21.2, 1.16.0, 1", "2.0.0, 1.16.0, 1",
            "1.9.10, 1.16.0, -1", "2.6.2, 2.6, 1", "1.16.0-rc1, 1.16.0, 0"})
    void releaseNumbersCompareNumerically(String a, String b, int expected) {
        assertThat(Integer.signum(ServerSupport.compare(a, b))).isEqualTo(expected);
    }
}
