package dev.vkac.support;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Waits that say what they wait for and, on timeout, what they saw last. A probe returns the state it
 * observed; the wait ends when that state is the wanted one. A probe may throw to end the wait at once
 * (for example when the process it waits for has died).
 */
public final class Wait {

    /** One observation: whether the wait is over, and a short description of what was seen. */
    public record Seen(boolean done, String state) {
        public static Seen done(String state) {
            return new Seen(true, state);
        }

        public static Seen notYet(String state) {
            return new Seen(false, state);
        }
    }

    /** Thrown when a wait times out: the message names what was awaited, the timeout and the last state. */
    public static final class TimeoutException extends RuntimeException {
        public TimeoutException(String message) {
            super(message);
        }
    }

    /** Thrown by a probe to stop waiting: the awaited thing can no longer happen. */
    public static final class GaveUp extends RuntimeException {
        public GaveUp(String message) {
            super(message);
        }
    }

    private Wait() {}

    public static String until(String what, Duration timeout, Supplier<Seen> probe) {
        return until(what, timeout, Duration.ofMillis(200), probe);
    }

    /** Polls the probe until it reports done; returns the final state. */
    public static String until(String what, Duration timeout, Duration pollInterval, Supplier<Seen> probe) {
        AtomicReference<String> last = new AtomicReference<>("nothing yet");
        try {
            Awaitility.await(what)
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(pollInterval)
                    .pollInSameThread()
                    .until(() -> {
                        Seen seen;
                        try {
                            seen = probe.get();
                        } catch (GaveUp e) {
                            throw e;
                        } catch (RuntimeException e) {
                            seen = Seen.notYet(e.getClass().getSimpleName() + ": " + e.getMessage());
                        }
                        last.set(seen.state());
                        return seen.done();
                    });
            return last.get();
        } catch (ConditionTimeoutException e) {
            throw new TimeoutException(
                    "timed out after " + timeout.toSeconds() + "s waiting for " + what + "; last seen: " + last.get());
        } catch (GaveUp e) {
            throw new TimeoutException("gave up waiting for " + what + ": " + e.getMessage());
        }
    }
}
