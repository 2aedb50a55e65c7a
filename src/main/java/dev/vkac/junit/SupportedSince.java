package dev.vkac.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A check that only some server versions can pass, because the feature it checks arrived in a later
 * release. On an older server the check is skipped, and the reports show the reason. Every entry is a row of
 * docs/expectations.md, "Expectations per server version", generated from these annotations (ExpectationsTable).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ServerSupport.class)
public @interface SupportedSince {

    /** For {@link #vault()} or {@link #openbao()}: no release of that kind has the feature (the check is skipped on all). */
    String NO_RELEASE = "none";

    /** The first Vault release with the feature; empty when every Vault release has it, {@link #NO_RELEASE} when none has. */
    String vault() default "";

    /** The first OpenBao release with the feature; empty when every OpenBao release has it, {@link #NO_RELEASE} when none has. */
    String openbao() default "";

    /** What the feature is, for the skip message: for example "bound_service_account_namespace_selector". */
    String feature();

    /** Where the bounds come from and what was observed on which releases, for the expectations table. */
    String evidence();
}
