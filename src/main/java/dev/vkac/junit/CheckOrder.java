package dev.vkac.junit;

import dev.vkac.config.ConfigException;
import dev.vkac.config.SuiteConfig;
import java.util.Collections;
import java.util.Comparator;
import org.junit.jupiter.api.MethodDescriptor;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.MethodOrdererContext;
import org.junit.jupiter.api.Order;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order of a class's checks: the guide's ({@code @Order}), or, with vkac.checkOrder=random[:seed], a shuffle
 * that shows no check depends on another having run (or not) before it. Either way a check ordered
 * {@code Integer.MAX_VALUE} (the teardown check) runs last.
 */
public final class CheckOrder implements MethodOrderer {

    private static final Logger LOG = LoggerFactory.getLogger(CheckOrder.class);

    @Override
    public void orderMethods(MethodOrdererContext context) {
        Comparator<MethodDescriptor> byOrder = Comparator.comparingInt(CheckOrder::orderOf);
        Long seed = seed();
        if (seed != null) {
            Collections.shuffle(
                    context.getMethodDescriptors(),
                    new java.util.Random( // not MethodOrderer.Random, which this class inherits
                            seed + context.getTestClass().getName().hashCode()));
            LOG.info(
                    "{}: checks in random order (vkac.checkOrder=random:{})",
                    context.getTestClass().getSimpleName(),
                    seed);
            byOrder = Comparator.comparing(method -> orderOf(method) == Integer.MAX_VALUE);
        }
        context.getMethodDescriptors().sort(byOrder);
    }

    private static int orderOf(MethodDescriptor method) {
        return method.findAnnotation(Order.class).map(Order::value).orElse(Order.DEFAULT);
    }

    private static Long seed() {
        try {
            return SuiteConfig.fromSystem().checkOrderSeed().orElse(null);
        } catch (ConfigException e) {
            return null; // the run itself fails with the setting named
        }
    }
}
