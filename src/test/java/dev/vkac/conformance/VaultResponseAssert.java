package dev.vkac.conformance;

import dev.vkac.clients.VaultResponse;
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
            failWithActualExpectedAndMessage(actual.status(), expected,
                    "expected status %s but was %s%n  %s", expected, actual.status(), actual);
        }
        return this;
    }

    /** Vault wraps some errors (multierror), so the expected text is looked for inside each error. */
    public VaultResponseAssert hasErrorContaining(String expected) {
        isNotNull();
        if (actual.errors().stream().noneMatch(error -> error.contains(expected))) {
            failWithMessage("expected an error containing \"%s\" but the errors were %s%n  %s", expected, actual.errors(), actual);
        }
        return this;
    }

    /** Refused with this status and an error containing this text. */
    public VaultResponseAssert isRefusedWith(int status, String error) {
        return hasStatus(status).hasErrorContaining(error);
    }
}
