package dev.vkac.junit;

import dev.vkac.config.ServerSpec;
import dev.vkac.fixtures.Guide;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.ParameterInfo;
import org.opentest4j.TestAbortedException;

/** Skips, with its reason, a {@link SupportedSince} check on a server release older than the feature. */
public final class ServerSupport implements BeforeTestExecutionCallback {

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        SupportedSince since = context.getRequiredTestMethod().getAnnotation(SupportedSince.class);
        ServerSpec server = serverOf(context).orElseThrow(() ->
                new IllegalStateException("@SupportedSince is for conformance classes, which run once per server"));
        String first = switch (server.kind()) {
            case VAULT -> since.vault();
            case OPENBAO -> since.openbao();
        };
        if (!first.isEmpty() && compare(server.version(), first) < 0) {
            throw new TestAbortedException(since.feature() + " is not in " + server + ": " + server.kind().displayName()
                    + " has it from " + first);
        }
    }

    /** The server of the conformance class invocation this test runs in. */
    static Optional<ServerSpec> serverOf(ExtensionContext context) {
        return guideOf(context).map(Guide::spec);
    }

    /** The guide of the conformance class invocation this test runs in (its argument). */
    static Optional<Guide> guideOf(ExtensionContext context) {
        for (Optional<ExtensionContext> current = Optional.of(context); current.isPresent(); current = current.get().getParent()) {
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

    /** Compares release numbers such as 1.14.8 and 1.16.0 numerically, part by part. */
    public static int compare(String a, String b) {
        int[] left = parts(a);
        int[] right = parts(b);
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            int l = i < left.length ? left[i] : 0;
            int r = i < right.length ? right[i] : 0;
            if (l != r) {
                return Integer.compare(l, r);
            }
        }
        return 0;
    }

    private static int[] parts(String version) {
        return Arrays.stream(version.split("[-+]")[0].split("\\.")).mapToInt(Integer::parseInt).toArray();
    }
}
