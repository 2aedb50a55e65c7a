package dev.vkac.junit;

import org.junit.jupiter.api.extension.BeforeClassTemplateInvocationCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Before a conformance class runs on a server: the guide's steps 1 to 5 on it, and what the run learnt about its
 * servers (the versions they report, the target) published for the reports.
 */
public final class FollowTheGuide implements BeforeClassTemplateInvocationCallback {

    @Override
    public void beforeClassTemplateInvocation(ExtensionContext context) {
        InvocationGuide.guideOf(context).ifPresent(guide -> {
            guide.setUp();
            context.publishReportEntry(RunContext.of(context).factsOf(guide).asReportEntry());
        });
    }
}
