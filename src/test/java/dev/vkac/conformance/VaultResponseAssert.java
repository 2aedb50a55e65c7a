package dev.vkac.conformance;

import dev.vkac.clients.VaultResponse;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/** Assertions on Vault's answers whose failure message shows the whole request and answer (tokens redacted). */
public final class VaultResponseAssert extends AbstractAssert<VaultResponseAssert, VaultResponse> {

    private VaultResponseAssert(VaultResponse actual) {
        super(actual, VaultResponseAssert.class);
    }

    public static VaultResponseAssert assertThat(VaultResponse actual) {
        return new VaultResponseAssert(actual);
    }

    public VaultResponseAssert hasStatus(int expected) {
        isNotNull();
        if (actual.status() != expected) {
            failWithActualExpectedAndMessage(
                    actual.status(),
                    expected,
                    "expected status %s but was %s%n  %s",
                    expected,
                    actual.status(),
                    actual);
        }
        return this;
    }

    /** Vault wraps some errors (multierror), so the expected text is looked for inside each error. */
    public VaultResponseAssert hasErrorContaining(String expected) {
        isNotNull();
        if (actual.errors().stream().noneMatch(error -> error.contains(expected))) {
            failWithMessage(
                    "expected an error containing \"%s\" but the errors were %s%n  %s",
                    expected, actual.errors(), actual);
        }
        return this;
    }

    /**
     * A login refused with this status and exactly this one error: the auth method answers in plain words, and a
     * refusal must say nothing more (no detail of the TokenReview, no token).
     */
    public VaultResponseAssert isLoginRefusedWith(int status, String error) {
        hasStatus(status);
        if (!actual.errors().equals(List.of(error))) {
            failWithMessage(
                    "expected exactly the error [%s] but the errors were %s%n  %s", error, actual.errors(), actual);
        }
        return this;
    }

    /** The same status and the same errors as another answer (what the first of two identical requests got). */
    public VaultResponseAssert isAnsweredLike(VaultResponse earlier) {
        hasStatus(earlier.status());
        if (!actual.errors().equals(earlier.errors())) {
            failWithMessage(
                    "expected the errors %s, as before, but the errors were %s%n  %s",
                    earlier.errors(), actual.errors(), actual);
        }
        return this;
    }

    /** Refused with this status and an error containing this text. */
    public VaultResponseAssert isRefusedWith(int status, String error) {
        return hasStatus(status).hasErrorContaining(error);
    }
}
