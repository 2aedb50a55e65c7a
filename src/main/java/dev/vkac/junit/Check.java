package dev.vkac.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A conformance check: its id (stable, used in reports and the catalogue), the guide step it comes from,
 * and what must hold, in one sentence. The checks of one class on one server run one after another, in their
 * order, on that invocation's thread; invocations run concurrently (see {@link ConformanceTest}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Execution(ExecutionMode.SAME_THREAD)
public @interface Check {

    /** A stable id such as {@code LOGIN-METADATA}. */
    String id();

    /** The step of the guide "Using the Kubernetes auth backend" this check comes from (1 to 8). */
    int step();

    /** What must hold, as a MUST statement. */
    String must();

    /**
     * The auth method's parameters this check sets to a value it depends on, as {@code config/<name>} or
     * {@code role/<name>}: the catalogue lists, for every parameter, the checks that would fail if a server ignored it.
     */
    String[] parameters() default {};
}
