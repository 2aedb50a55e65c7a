package dev.vkac.reporting;

import dev.vkac.junit.Check;
import dev.vkac.junit.ConformanceTest;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The catalogue of checks, read from the {@code @Check} annotations of the conformance classes. */
public final class CheckCatalogue {

    private CheckCatalogue() {}

    public static List<CheckInfo> of(Class<?>... testClasses) {
        List<CheckInfo> checks = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (Class<?> testClass : testClasses) {
            Arrays.stream(testClass.getDeclaredMethods())
                    .filter(method -> method.isAnnotationPresent(Check.class))
                    .sorted(Comparator.comparingInt(CheckCatalogue::order).thenComparing(Method::getName))
                    .forEach(method -> {
                        Check check = method.getAnnotation(Check.class);
                        String where = testClass.getSimpleName() + "#" + method.getName();
                        String previous = seen.put(check.id(), where);
                        if (previous != null) {
                            throw new IllegalStateException(
                                    "check id " + check.id() + " is used twice: " + previous + " and " + where);
                        }
                        checks.add(new CheckInfo(
                                check.id(),
                                check.step(),
                                check.must(),
                                testClass.getName(),
                                method.getName(),
                                List.of(check.parameters()),
                                upgradesOnly(testClass)));
                    });
        }
        return checks;
    }

    private static boolean upgradesOnly(Class<?> testClass) {
        ConformanceTest declared = testClass.getAnnotation(ConformanceTest.class);
        return declared != null && declared.upgradesOnly();
    }

    private static int order(Method method) {
        org.junit.jupiter.api.Order order = method.getAnnotation(org.junit.jupiter.api.Order.class);
        return order == null ? Integer.MAX_VALUE : order.value();
    }

    /** The catalogue as Markdown, the form committed as {@code reports/checks.md}. */
    public static String markdown(List<CheckInfo> checks) {
        StringBuilder out = new StringBuilder("""
                # Conformance checks

                Generated from the `@Check` annotations of the conformance classes; `CheckCatalogueTest` fails when this
                file and the code disagree (regenerate with `./mvnw test -Dtest=CheckCatalogueTest -Dvkac.writeCatalogue=true`).
                Steps are those of the guide "Using the Kubernetes auth backend" (see README.md).

                | id | step | what must hold | where |
                |---|---|---|---|
                """);
        for (CheckInfo check : checks) {
            out.append("| `")
                    .append(check.id())
                    .append("` | ")
                    .append(check.step())
                    .append(" | ")
                    .append(check.must().replace("|", "\\|"))
                    .append(" | `")
                    .append(check.testClass().substring(check.testClass().lastIndexOf('.') + 1))
                    .append('#')
                    .append(check.testMethod())
                    .append("` |\n");
        }
        out.append("""

                ## The auth method's parameters and the checks that exercise them

                Every parameter of the config and roles (`AuthMethodParameters`, from the auth method's source), with the
                checks that set it to a value they depend on: a server that ignored or mishandled it would turn them red.

                | parameter | checks |
                |---|---|
                """);
        exercising(checks)
                .forEach((parameter, ids) -> out.append("| `")
                        .append(parameter)
                        .append("` | ")
                        .append(
                                ids.isEmpty()
                                        ? "**none**"
                                        : ids.stream().map(id -> "`" + id + "`").collect(Collectors.joining(", ")))
                        .append(" |\n"));
        return out.toString();
    }

    /** Each parameter of {@link AuthMethodParameters#ALL}, in that order, with the ids of the checks that exercise it. */
    public static Map<String, List<String>> exercising(List<CheckInfo> checks) {
        Map<String, List<String>> byParameter = new LinkedHashMap<>();
        AuthMethodParameters.ALL.forEach(parameter -> byParameter.put(parameter, new ArrayList<>()));
        for (CheckInfo check : checks) {
            for (String parameter : check.parameters()) {
                List<String> ids = byParameter.get(parameter);
                if (ids == null) {
                    throw new IllegalStateException(check.id() + " names the parameter " + parameter
                            + ", which AuthMethodParameters does not list");
                }
                ids.add(check.id());
            }
        }
        return byParameter;
    }
}
