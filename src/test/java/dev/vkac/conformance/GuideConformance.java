package dev.vkac.conformance;

import dev.vkac.fixtures.Guide;
import org.junit.jupiter.params.Parameter;

/**
 * What every conformance class shares: the guide of this invocation's server, set up (steps 1 to 5) before the class's
 * checks run and torn down after them ({@link dev.vkac.junit.ConformanceTest}).
 */
abstract class GuideConformance {

    @Parameter
    Guide guide;
}
