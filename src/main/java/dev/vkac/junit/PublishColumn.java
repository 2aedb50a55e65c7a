package dev.vkac.junit;

import org.junit.jupiter.api.extension.BeforeClassTemplateInvocationCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Publishes, before anything else a conformance class invocation does, the column of its server in the reports as a
 * report entry of the invocation: the report listener files every result of the invocation under it, and knows it
 * even when the guide's set-up that follows fails. Registered on the class, it runs before the class's own
 * {@code @BeforeParameterizedClassInvocation} methods.
 */
public final class PublishColumn implements BeforeClassTemplateInvocationCallback {

    /** The report entry's key; its value is the column, for example "Vault 1.14.8". */
    public static final String KEY = "vkac.column";

    @Override
    public void beforeClassTemplateInvocation(ExtensionContext context) {
        InvocationGuide.guideOf(context).ifPresent(guide -> context.publishReportEntry(KEY, guide.toString()));
    }
}
