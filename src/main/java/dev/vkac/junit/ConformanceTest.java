package dev.vkac.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * A conformance class: it runs once per server under test (vkac.servers), its tests in the order of the
 * guide's steps. The class declares {@code @Parameter Guide guide;}: {@link FollowTheGuide} sets it up before its
 * tests, and closing it afterwards tears it down.
 * Its invocations (one per server), and those of other classes, run concurrently, as many at once as
 * vkac.parallelism allows: each has names of its own ({@link dev.vkac.fixtures.Names}). A check that reads what
 * the whole cluster does takes {@link SharedCluster#TOKEN_REVIEWS} exclusively, and so runs alone.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
// no server may run a class (vkac.classesOfServers); closing its Guide after an invocation tears the guide down
@ParameterizedClass(name = "{0}", allowZeroInvocations = true, autoCloseArguments = true)
@ArgumentsSource(ServersUnderTest.class)
@TestMethodOrder(CheckOrder.class)
@ExtendWith({
    PublishColumn.class,
    RunStarted.class,
    FollowTheGuide.class,
    StopServerAtFirstFailure.class,
    RedactSecrets.class,
    AbortWhenInterrupted.class,
    FailureWatcher.class,
    FixturesPerCheck.class
})
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(value = SharedCluster.TOKEN_REVIEWS, mode = ResourceAccessMode.READ)
public @interface ConformanceTest {

    /**
     * Whether the class checks the guide's own scenario under the guide's own names (namespace default,
     * kubernetes/, demo-policy, secret/) where the target's servers are the run's own. Elsewhere, and for every
     * other class, objects get names of their run and class.
     */
    boolean guidesOwnNames() default false;

    /**
     * Whether the class's server runs as in a pod of the cluster (a server of its own, beside the column's), where the
     * target can make one ({@link dev.vkac.targets.Target#whyNoVaultInAPod()}); elsewhere the class's checks skip,
     * saying why.
     */
    boolean vaultInAPod() default false;

    /**
     * Whether the class checks upgrades: it runs on upgrade columns (vkac.servers entries {@code A->B}) only, and
     * upgrade columns run only such classes (elsewhere its cells read "off", with why).
     */
    boolean upgradesOnly() default false;
}
