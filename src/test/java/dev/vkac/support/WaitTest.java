package dev.vkac.support;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vkac.support.Wait.Seen;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WaitTest {

    @Test
    void aTimeoutNamesWhatWasAwaitedAndTheLastStateSeen() {
        assertThatThrownBy(() -> Wait.until(
                        "the moon", Duration.ofMillis(300), Duration.ofMillis(50), () -> Seen.notYet("still a sickle")))
                .isInstanceOf(Wait.TimeoutException.class)
                .hasMessageContaining("waiting for the moon")
                .hasMessageContaining("last seen: still a sickle");
    }
}
