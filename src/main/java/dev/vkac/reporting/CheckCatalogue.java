package dev.vkac.reporting;

import dev.vkac.junit.Check;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The catalogue of checks, read from the {@code @Check} annotations of the conformance classes. */
public final class CheckCatalogue {

    private CheckCatalogue() {
    }

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
                            throw new IllegalStateException("check id " + check.id() + " is used twice: " + previous + " and " + where);
                        }
                        checks.add(new CheckInfo(check.id(), check.step(), check.must(), testClass.getName(), method.getName()));
                    });
        }
        return checks;
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
            out.append("| `").append(check.id()).append("` | ").append(check.step()).append(" | ")
                    .append(check.must().replace("|", "\\|")).append(" | `")
                    .append(check.testClass().substring(check.testClass().lastIndexOf('.') + 1)).append('#')
                    .append(check.testMethod()).append("` |\n");
        }
        return out.toString();
    }
}
