package dev.vkac.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StartedOnceTest {

    @Test
    void startsOnceAndHandsOutTheSameValue() {
        AtomicInteger starts = new AtomicInteger();
        StartedOnce<String> cluster = new StartedOnce<>("the cluster", () -> "cluster-" + starts.incrementAndGet());

        assertThat(cluster.isStarted()).isFalse();
        assertThat(cluster.get()).isEqualTo("cluster-1");
        assertThat(cluster.get()).isEqualTo("cluster-1");
        assertThat(starts).hasValue(1);
        assertThat(cluster.isStarted()).isTrue();
    }

    @Test
    void aFailedStartIsNotRetriedAndLaterCallersLearnWhy() {
        AtomicInteger starts = new AtomicInteger();
        StartedOnce<String> cluster = new StartedOnce<>("k3s", () -> {
            starts.incrementAndGet();
            throw new IllegalStateException("timed out waiting for the log line\n(long details)");
        });

        assertThatThrownBy(cluster::get).hasMessage("timed out waiting for the log line\n(long details)");
        assertThatThrownBy(cluster::get)
                .hasMessage(
                        "k3s failed to start earlier in this run, so this was not tried again: timed out waiting for the log line");
        assertThat(starts).hasValue(1);
        assertThat(cluster.isStarted()).isFalse();
    }
}
