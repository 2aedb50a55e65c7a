package dev.vkac.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A check whose expected answer depends on the server's kind and release (the check itself asks
 * {@code guide.spec()}): what each expects, and what was observed where. Every one is a row of docs/expectations.md,
 * "Expectations per server version", generated from these annotations (ExpectationsTable).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface DiffersBetweenReleases {

    /** What differs, in a few words: for example "which binding is checked first". */
    String what();

    /** What Vault releases answer, with their bounds. */
    String vault();

    /** What OpenBao releases answer, with their bounds. */
    String openbao();

    /** What was observed on which releases (and what was only read in the source). */
    String evidence();
}
