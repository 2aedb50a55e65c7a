package dev.vkac.junit;

import dev.vkac.fixtures.Fixtures;
import dev.vkac.fixtures.Guide;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Removes what a check created as soon as it ends (newest first, each read back as gone), so that no check sees what
 * another left and none depends on another having run. What the class's set-up made stays for its teardown. A
 * removal that fails fails the check, with what was left; after a failed check with vkac.keepOnFailure, its objects
 * stay for debugging.
 */
public final class FixturesPerCheck implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(FixturesPerCheck.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        InvocationGuide.guideOf(context)
                .ifPresent(guide -> context.getStore(NAMESPACE)
                        .put(Fixtures.class, guide.fixtures().mark()));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Long mark = context.getStore(NAMESPACE).get(Fixtures.class, Long.class);
        Guide guide = InvocationGuide.guideOf(context).orElse(null);
        if (mark == null || guide == null) {
            return;
        }
        if (context.getExecutionException().isPresent()
                && RunContext.of(context).config().keepOnFailure()) {
            return;
        }
        guide.fixtures().removeSince(mark);
    }
}
