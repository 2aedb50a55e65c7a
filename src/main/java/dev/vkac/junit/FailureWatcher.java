package dev.vkac.junit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Tells the run that a conformance check failed (for vkac.keepOnFailure), and the guide of that server, which
 * then collects Kubernetes diagnostics before it tears down.
 */
public final class FailureWatcher implements TestWatcher {

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        ServerSupport.guideOf(context).ifPresent(guide -> {
            Conformance.of(context).recordFailure(guide.toString());
            guide.recordFailure();
        });
    }
}
