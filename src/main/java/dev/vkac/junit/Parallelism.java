package dev.vkac.junit;

import dev.vkac.config.ConfigException;
import dev.vkac.config.SuiteConfig;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Predicate;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.support.hierarchical.ParallelExecutionConfiguration;
import org.junit.platform.engine.support.hierarchical.ParallelExecutionConfigurationStrategy;

/**
 * JUnit's parallelism from the suite's own setting, vkac.parallelism: how many conformance class invocations (a
 * class on one server) run at once. Named in Failsafe's configuration parameters (pom.xml). An invalid
 * configuration runs one at a time here; the run itself then fails with the setting named.
 */
public final class Parallelism implements ParallelExecutionConfigurationStrategy {

    @Override
    public ParallelExecutionConfiguration createConfiguration(ConfigurationParameters parameters) {
        int parallelism;
        try {
            parallelism = SuiteConfig.fromSystem().parallelism();
        } catch (ConfigException e) {
            parallelism = 1;
        }
        return new Fixed(parallelism);
    }

    /** As JUnit's fixed strategy: at most this many at once, with room for threads blocked on locks. */
    record Fixed(int parallelism) implements ParallelExecutionConfiguration {

        @Override
        public int getParallelism() {
            return parallelism;
        }

        @Override
        public int getMinimumRunnable() {
            return parallelism;
        }

        @Override
        public int getMaxPoolSize() {
            return parallelism + 256;
        }

        @Override
        public int getCorePoolSize() {
            return parallelism;
        }

        @Override
        public int getKeepAliveSeconds() {
            return 30;
        }

        @Override
        public Predicate<? super ForkJoinPool> getSaturatePredicate() {
            return pool -> true;
        }
    }
}
