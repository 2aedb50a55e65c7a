package dev.vkac.reporting;

import dev.vkac.config.ConfigException;
import dev.vkac.fixtures.GuideFacts;
import dev.vkac.junit.Check;
import dev.vkac.junit.ConformanceTest;
import dev.vkac.junit.PublishColumn;
import dev.vkac.support.Secrets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.commons.JUnitException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.opentest4j.AssertionFailedError;

/**
 * Translates the JUnit Platform's events of a conformance run into {@link RunResults}: a check's run becomes its
 * result (PASSED, FAILED for an assertion, ERROR for anything else, SKIPPED when aborted, DISABLED when not run), an
 * invocation that broke becomes its column's set-up error, a class that broke an error of all its checks. Every result
 * goes to the column its invocation published ({@link PublishColumn}). Called by {@link ConformanceReportListener},
 * which serialises its calls.
 */
final class ResultListener implements TestExecutionListener {

    private final TestPlan plan;
    private final RunResults results;
    private final Runnable aClassIsOver;
    private final Map<String, Instant> startTimes = new HashMap<>();
    /** The column each server invocation published, by the invocation's unique id. */
    private final Map<String, String> columns = new HashMap<>();

    /** @param aClassIsOver called after each conformance class (or one of its invocations) ends */
    ResultListener(TestPlan plan, RunResults results, Runnable aClassIsOver) {
        this.plan = plan;
        this.results = results;
        this.aClassIsOver = aClassIsOver;
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        startTimes.put(id.getUniqueId(), Instant.now());
    }

    @Override
    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        Map<String, String> values = entry.getKeyValuePairs();
        if (values.containsKey(PublishColumn.KEY)) {
            columns.put(id.getUniqueId(), values.get(PublishColumn.KEY));
        }
        if (values.containsKey(GuideFacts.SERVER_VERSION)) {
            columnOf(id).ifPresent(column -> results.serverReported(column, values.get(GuideFacts.SERVER_VERSION)));
        }
        if (values.containsKey(GuideFacts.IN_A_POD)) {
            columnOf(id)
                    .ifPresent(column -> results.ranInAPod(
                            column,
                            conformanceClass(id).map(Class::getSimpleName).orElse(id.getDisplayName()),
                            values.get(GuideFacts.IN_A_POD)));
        }
        if (values.containsKey(GuideFacts.KUBERNETES_VERSION)) {
            results.kubernetesReported(values.get(GuideFacts.KUBERNETES_VERSION));
        }
        if (values.containsKey(GuideFacts.TARGET)) {
            results.targetReported(values.get(GuideFacts.TARGET));
        }
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        record(id, Status.DISABLED, 0, reason);
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        String message = result.getThrowable()
                .map(t -> result.getStatus() == TestExecutionResult.Status.ABORTED
                        ? String.valueOf(t.getMessage())
                        : describe(t))
                .orElse("");
        if (id.isTest()) {
            record(id, statusOf(result), durationOf(id), message);
        } else if (isServerInvocation(id)) {
            invocationFinished(id, result, message);
        } else if (result.getStatus() == TestExecutionResult.Status.FAILED) {
            conformanceClass(id)
                    .ifPresent(failedClass ->
                            results.classFailed(failedClass.getSimpleName(), CheckCatalogue.of(failedClass), message));
            result.getThrowable()
                    .filter(ConfigException.class::isInstance)
                    .ifPresent(t -> results.runCouldNotStart(t.getMessage()));
        }
        if (conformanceClass(id).isPresent()) {
            aClassIsOver.run();
        }
    }

    /** One class on one server: its column ran; if its set-up or teardown broke, every check of it there is an error. */
    private void invocationFinished(TestIdentifier id, TestExecutionResult result, String message) {
        Optional<Class<?>> conformanceClass = plan.getParent(id).flatMap(ResultListener::conformanceClass);
        Optional<String> column = Optional.ofNullable(columns.get(id.getUniqueId()));
        boolean failed = result.getStatus() != TestExecutionResult.Status.SUCCESSFUL;
        if (column.isEmpty()) {
            // it broke before it could publish its column: the class's checks are errors on every column
            if (failed) {
                conformanceClass.ifPresent(c -> results.classFailed(c.getSimpleName(), CheckCatalogue.of(c), message));
            }
            return;
        }
        if (!failed) {
            results.columnEnded(column.get());
            return;
        }
        results.columnFailed(
                column.get(),
                conformanceClass.map(Class::getSimpleName).orElse(""),
                conformanceClass.map(CheckCatalogue::of).orElse(List.of()),
                message);
    }

    private static Status statusOf(TestExecutionResult result) {
        return switch (result.getStatus()) {
            case SUCCESSFUL -> Status.PASSED;
            case ABORTED -> Status.SKIPPED;
            case FAILED ->
                result.getThrowable().filter(ResultListener::isAssertion).isPresent() ? Status.FAILED : Status.ERROR;
        };
    }

    private void record(TestIdentifier id, Status status, long millis, String message) {
        Optional<Check> check = checkOf(id);
        Optional<String> column = columnOf(id);
        if (check.isPresent() && column.isPresent()) {
            results.checkEnded(
                    new CheckResult(check.get().id(), column.get(), id.getDisplayName(), status, millis, message));
        }
    }

    private long durationOf(TestIdentifier id) {
        Instant start = startTimes.remove(id.getUniqueId());
        return start == null ? 0 : Duration.between(start, Instant.now()).toMillis();
    }

    /** The column published by the server invocation this runs in, if any. */
    private Optional<String> columnOf(TestIdentifier id) {
        for (Optional<TestIdentifier> current = Optional.of(id);
                current.isPresent();
                current = plan.getParent(current.get())) {
            String column = columns.get(current.get().getUniqueId());
            if (column != null) {
                return Optional.of(column);
            }
        }
        return Optional.empty();
    }

    private static boolean isServerInvocation(TestIdentifier id) {
        return id.getUniqueIdObject().getLastSegment().getType().equals("class-template-invocation");
    }

    private static Optional<Check> checkOf(TestIdentifier id) {
        return id.getSource()
                .filter(MethodSource.class::isInstance)
                .map(MethodSource.class::cast)
                .map(source -> {
                    try {
                        return source.getJavaMethod().getAnnotation(Check.class);
                    } catch (RuntimeException e) {
                        return null;
                    }
                });
    }

    /** The conformance class this identifies (the class, or one of its invocations), if it is one. */
    static Optional<Class<?>> conformanceClass(TestIdentifier id) {
        Optional<TestSource> source = id.getSource();
        if (source.isEmpty() || !(source.get() instanceof ClassSource classSource)) {
            return Optional.empty();
        }
        try {
            Class<?> testClass = classSource.getJavaClass();
            return testClass.isAnnotationPresent(ConformanceTest.class) ? Optional.of(testClass) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean isAssertion(Throwable throwable) {
        return throwable instanceof AssertionError || throwable instanceof AssertionFailedError;
    }

    /** A failure as the reports show it: an assertion's message, or the exception's type and message. */
    private static String describe(Throwable throwable) {
        if (throwable instanceof JUnitException && throwable.getCause() != null) {
            return describe(throwable.getCause()); // "Failed to close extension context": the cause says what failed
        }
        String message = throwable.getMessage() == null ? throwable.getClass().getName() : throwable.getMessage();
        String type = throwable instanceof Secrets.RedactedException redacted
                ? redacted.originalClass().substring(redacted.originalClass().lastIndexOf('.') + 1)
                : throwable.getClass().getSimpleName();
        return Secrets.redactShapes(isAssertion(throwable) ? message : type + ": " + message);
    }
}
