package dev.vkac.junit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Tells the run that a conformance check failed: it writes the guide's Kubernetes diagnostics before the guide is torn
 * down, and keeps the guide in place with vkac.keepOnFailure.
 */
public final class FailureWatcher implements TestWatcher {

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        InvocationGuide.guideOf(context).ifPresent(RunContext.of(context)::recordFailure);
    }
}
