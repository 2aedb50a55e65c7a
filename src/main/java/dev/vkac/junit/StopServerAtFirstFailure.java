package dev.vkac.junit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * With vkac.stopServerAtFirstFailure, skips the checks (and whole class invocations, with their set-up) of a server
 * that already failed one: a mutation run only asks whether some check turns red, and a killed mutant then costs the
 * classes that were running when it turned red, not the whole suite. Off by default: a run normally reports every check.
 */
public final class StopServerAtFirstFailure implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return InvocationGuide.guideOf(context)
                .filter(guide -> RunContext.of(context).stopped(guide.toString()))
                .map(guide -> ConditionEvaluationResult.disabled(
                        guide + " already failed a check, and vkac.stopServerAtFirstFailure is set"))
                .orElse(ConditionEvaluationResult.enabled(
                        "no check of this server failed, or vkac.stopServerAtFirstFailure is off"));
    }
}
