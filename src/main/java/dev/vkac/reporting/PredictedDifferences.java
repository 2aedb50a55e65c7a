package dev.vkac.reporting;

import java.util.List;

/**
 * Differences between releases that reading the Kubernetes auth method's source predicts but that no server here
 * has shown yet: what Vault 1.15 and later do in their core runs only on the containers target (their licence keeps
 * them out of the local one), which runs their images in GitHub Actions, not here; what their auth method does runs
 * here as a plugin of Vault 1.14.8, and is a check once observed. Until then it is listed, so the table does not claim
 * more than was seen.
 *
 * @param behaviour what differs
 * @param vault     what the source predicts for Vault, by release
 * @param openbao   what it predicts for OpenBao
 * @param source    where the prediction comes from
 */
public record PredictedDifferences(String behaviour, String vault, String openbao, String source) {

    public static final List<PredictedDifferences> ALL = List.of(new PredictedDifferences(
            "the error for a revoked token",
            "403 \"permission denied\" (observed on 1.14.8: REVOKED-TOKEN-REFUSED), adds \"invalid token\" from 1.17",
            "403 \"permission denied\" (observed on 2.6.1 to 2.7.2)",
            "Vault 1.17 changelog"));
}
