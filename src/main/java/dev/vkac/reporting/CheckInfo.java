package dev.vkac.reporting;

import java.util.List;

/**
 * A check as the catalogue lists it: id, the guide step it comes from, what must hold, where it is coded, and the
 * auth method's parameters it exercises.
 */
public record CheckInfo(
        String id,
        int step,
        String must,
        String testClass,
        String testMethod,
        List<String> parameters,
        boolean upgradesOnly) {

    public CheckInfo {
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }

    public CheckInfo(String id, int step, String must, String testClass, String testMethod, List<String> parameters) {
        this(id, step, must, testClass, testMethod, parameters, false);
    }

    public CheckInfo(String id, int step, String must, String testClass, String testMethod) {
        this(id, step, must, testClass, testMethod, List.of());
    }
}
