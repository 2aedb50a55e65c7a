package dev.vkac.junit;

import dev.vkac.config.ServerKind;
import dev.vkac.config.ServerSpec;
import dev.vkac.config.Versions;
import java.lang.annotation.Annotation;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/** Skips, with its reason, a {@link SupportedSince} check on a server release older than the feature. */
public final class ServerSupport implements BeforeTestExecutionCallback {

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        SupportedSince since = context.getRequiredTestMethod().getAnnotation(SupportedSince.class);
        ServerSpec server = InvocationGuide.serverOf(context)
                .orElseThrow(() -> new IllegalStateException(
                        "@SupportedSince is for conformance classes, which run once per server"));
        String first = attributeFor(since, server.kind());
        if (first.equals(SupportedSince.NO_RELEASE)) {
            throw new TestAbortedException(since.feature() + " is not in " + server + ": no "
                    + server.kind().displayName() + " release has it");
        }
        if (!first.isEmpty() && Versions.compare(server.releaseOfItsAuthMethod(), first) < 0) {
            throw new TestAbortedException(since.feature() + " is not in " + server + ": "
                    + server.kind().displayName() + " has it from " + first);
        }
    }

    /**
     * The attribute of a per-product annotation ({@link SupportedSince}, {@link DiffersBetweenReleases}) for a kind: the
     * one named after its id, for example {@code openbao()}.
     */
    public static String attributeFor(Annotation annotation, ServerKind kind) {
        try {
            return (String) annotation.annotationType().getMethod(kind.id()).invoke(annotation);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "@" + annotation.annotationType().getSimpleName() + " has no attribute " + kind.id() + "()", e);
        }
    }
}
