package dev.vkac.reporting;

import dev.vkac.config.ServerKind;
import dev.vkac.junit.Check;
import dev.vkac.junit.DiffersBetweenReleases;
import dev.vkac.junit.ServerSupport;
import dev.vkac.junit.SupportedSince;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * docs/expectations.md, "Expectations per server version", generated from the code: every check declared
 * {@link SupportedSince} or {@link DiffersBetweenReleases}, and the {@link PredictedDifferences} not yet observed.
 */
public final class ExpectationsTable {

    public static final String BEGIN =
            "<!-- expectations: generated from @SupportedSince, @DiffersBetweenReleases and PredictedDifferences -->";
    public static final String END = "<!-- end of expectations -->";

    private ExpectationsTable() {}

    public static String markdown(Class<?>... conformanceClasses) {
        List<String> rows = new ArrayList<>();
        List<Method> methods = Arrays.stream(conformanceClasses)
                .flatMap(type -> Arrays.stream(type.getDeclaredMethods()))
                .filter(method -> method.isAnnotationPresent(Check.class))
                .sorted(Comparator.comparing(
                        (Method method) -> method.getAnnotation(Check.class).id()))
                .toList();
        for (Method method : methods) {
            String id = method.getAnnotation(Check.class).id();
            SupportedSince since = method.getAnnotation(SupportedSince.class);
            if (since != null) {
                rows.add(row(
                        "`" + id + "` (`" + since.feature() + "`)",
                        perProduct(kind -> from(ServerSupport.attributeFor(since, kind))),
                        since.evidence()));
            }
            DiffersBetweenReleases differs = method.getAnnotation(DiffersBetweenReleases.class);
            if (differs != null) {
                rows.add(row(
                        "`" + id + "` (" + differs.what() + ")",
                        perProduct(kind -> ServerSupport.attributeFor(differs, kind)),
                        differs.evidence()));
            }
        }
        String products = ServerKind.joined(ServerKind::displayName, " | ");
        String rule = "|---".repeat(ServerKind.values().length + 2) + "|\n";
        StringBuilder out = new StringBuilder(BEGIN)
                .append("\n\n| check | ")
                .append(products)
                .append(" | evidence |\n")
                .append(rule);
        rows.forEach(out::append);
        out.append(
                        "\nPredicted by the source or the changelogs, **not yet observed** here (what Vault 1.15 and later change in")
                .append(
                        " their core runs only on the containers target, in GitHub Actions; what their auth method changes runs")
                .append(" here as a plugin of Vault 1.14.8); each becomes a version-aware check once observed:\n\n")
                .append("| behaviour | Vault | OpenBao | source |\n|---|---|---|---|\n");
        PredictedDifferences.ALL.forEach(p -> out.append(row(p.behaviour(), p.vault(), p.openbao(), p.source())));
        return out.append('\n').append(END).toString();
    }

    /** One cell per product, in the order ServerKind declares them. */
    private static List<String> perProduct(Function<ServerKind, String> cell) {
        return Arrays.stream(ServerKind.values()).map(cell).toList();
    }

    private static String row(String first, List<String> middle, String last) {
        List<String> cells = new ArrayList<>(List.of(first));
        cells.addAll(middle);
        cells.add(last);
        return row(cells.toArray(String[]::new));
    }

    private static String from(String release) {
        if (release.equals(SupportedSince.NO_RELEASE)) {
            return "no release";
        }
        return release.isEmpty() ? "every release" : "from " + release;
    }

    private static String row(String... cells) {
        return "| "
                + String.join(
                        " | ",
                        Arrays.stream(cells)
                                .map(cell -> cell.replace("|", "\\|"))
                                .toList()) + " |\n";
    }
}
