package dev.vkac.junit;

import dev.vkac.config.ServerSpec;
import dev.vkac.fixtures.Guide;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.ParameterInfo;

/** The guide, and so the server, of the conformance class invocation a test or callback runs in (its argument). */
final class InvocationGuide {

    private InvocationGuide() {}

    /** The server of the conformance class invocation this test runs in. */
    static Optional<ServerSpec> serverOf(ExtensionContext context) {
        return guideOf(context).map(Guide::spec);
    }

    /** The guide of the conformance class invocation this test runs in (its argument). */
    static Optional<Guide> guideOf(ExtensionContext context) {
        for (Optional<ExtensionContext> current = Optional.of(context);
                current.isPresent();
                current = current.get().getParent()) {
            ParameterInfo info = ParameterInfo.get(current.get());
            if (info != null) {
                for (int i = 0; i < info.getArguments().size(); i++) {
                    if (info.getArguments().get(i) instanceof Guide guide) {
                        return Optional.of(guide);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
