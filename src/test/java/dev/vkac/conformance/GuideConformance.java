package dev.vkac.conformance;

import dev.vkac.fixtures.Guide;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * What every conformance class shares: the guide, set up (steps 1 to 5) on the server of this invocation
 * before the class's checks run, and torn down after them. The versions the servers report go to the reports.
 */
abstract class GuideConformance {

    @Parameter
    Guide guide;

    @BeforeParameterizedClassInvocation
    static void followTheGuide(Guide guide, TestReporter reporter) {
        guide.setUp();
        reporter.publishEntry(guide.facts().asReportEntry());
    }
}
