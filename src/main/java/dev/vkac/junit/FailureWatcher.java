package dev.vkac.junit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** Tells the run that a conformance check failed, for vkac.keepOnFailure. */
public final class FailureWatcher implements TestWatcher {

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Conformance.of(context).recordFailure();
    }
}
