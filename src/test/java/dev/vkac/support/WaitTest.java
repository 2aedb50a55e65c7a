package dev.vkac.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vkac.support.Wait.Seen;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.TimeUnit;
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

    @Test
    void aLongWaitLetsAnotherTaskOfItsPoolRun() throws Exception {
        // one worker: a task that waited with a plain sleep would keep the other from running until it ends
        ForkJoinPool pool = new ForkJoinPool(
                1,
                ForkJoinPool.defaultForkJoinWorkerThreadFactory,
                null,
                false,
                1,
                8,
                1,
                p -> true,
                30,
                TimeUnit.SECONDS);
        CountDownLatch otherRan = new CountDownLatch(1);
        try {
            ForkJoinTask<String> waiting = pool.submit(() -> Wait.untilLettingOthersRun(
                    "the other task",
                    Duration.ofSeconds(10),
                    Duration.ofMillis(20),
                    () -> otherRan.getCount() == 0 ? Seen.done("it ran") : Seen.notYet("not yet")));
            Thread.sleep(100); // the waiting task holds the worker first
            pool.submit(otherRan::countDown);

            assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo("it ran");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLongWaitThatTimesOutFailsAsAnyWait() {
        assertThatThrownBy(() -> Wait.untilLettingOthersRun(
                        "nothing", Duration.ofMillis(200), Duration.ofMillis(50), () -> Seen.notYet("nothing")))
                .isInstanceOf(Wait.TimeoutException.class)
                .hasMessageContaining("last seen: nothing");
    }
}
