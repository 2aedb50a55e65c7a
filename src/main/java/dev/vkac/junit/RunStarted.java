package dev.vkac.junit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Once the run could not start (a pre-flight or configuration error, told in full by the class that met it), the
 * classes not yet begun are not run: each says so in one line instead of repeating the error.
 */
public final class RunStarted implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String why = RunContext.whyTheRunDidNotStart(context);
        return why == null
                ? ConditionEvaluationResult.enabled("the run started, or is starting")
                : ConditionEvaluationResult.disabled("not run: the run could not start (" + why + ")");
    }
}
