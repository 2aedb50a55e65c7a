package dev.vkac.conformance;

import dev.vkac.junit.ConformanceTest;
import java.util.Comparator;
import java.util.List;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Every conformance class, found by its {@code @ConformanceTest} annotation in this package (none is listed by
 * hand): the guide's own class first, then the others by name, which is the catalogue's order.
 */
public final class ConformanceClasses {

    public static final Class<?>[] ALL = discover();

    private ConformanceClasses() {}

    private static Class<?>[] discover() {
        List<Class<?>> found = ReflectionSupport.findAllClassesInPackage(
                ConformanceClasses.class.getPackageName(),
                type -> type.isAnnotationPresent(ConformanceTest.class),
                name -> true);
        return found.stream()
                .sorted(Comparator.comparing((Class<?> type) -> type != KubernetesAuthGuideIT.class)
                        .thenComparing(Class::getSimpleName))
                .toArray(Class<?>[]::new);
    }
}
