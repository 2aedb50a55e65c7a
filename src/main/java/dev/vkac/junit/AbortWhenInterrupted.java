package dev.vkac.junit;

import dev.vkac.support.Interruption;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * Once the run is interrupted, its objects are being removed under the checks still running: what fails then says
 * nothing about the server, so it is reported as aborted, in one line, without diagnostics or stack traces.
 */
public final class AbortWhenInterrupted
        implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw abortedIfInterrupted(throwable);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        throw abortedIfInterrupted(throwable);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        throw abortedIfInterrupted(throwable);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable)
            throws Throwable {
        throw abortedIfInterrupted(throwable);
    }

    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw abortedIfInterrupted(throwable);
    }

    private static Throwable abortedIfInterrupted(Throwable throwable) {
        if (!Interruption.ofThisJvm().isInterrupted()) {
            return throwable;
        }
        TestAbortedException aborted = new TestAbortedException("the run was interrupted");
        aborted.setStackTrace(new StackTraceElement[0]);
        return aborted;
    }
}
