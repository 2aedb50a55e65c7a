package dev.vkac.reporting;

import java.util.List;

/**
 * Differences between releases that reading the Kubernetes auth method's source predicts but that no server here
 * has shown yet: Vault 1.15 and later only run on the containers target (their licence keeps them out of the local
 * one), which runs in GitHub Actions, not here. Each becomes a check, with its version bound, once observed; until
 * then it is listed, so the table does not claim more than was seen.
 *
 * @param behaviour what differs
 * @param vault     what the source predicts for Vault, by release
 * @param openbao   what it predicts for OpenBao
 * @param source    where the prediction comes from
 */
public record PredictedDifferences(String behaviour, String vault, String openbao, String source) {

    public static final List<PredictedDifferences> ALL = List.of(
            new PredictedDifferences("a role written without `audience`",
                    "204 up to 1.19; 200 with a warning that 1.21 will require an audience on 1.20; 200 with a softer warning from 1.21",
                    "204", "auth method v0.20-v0.22 (path_role.go)"),
            new PredictedDifferences("`token_reviewer_jwt_set` in the config read",
                    "from 1.16", "not returned", "auth method v0.18 (path_config.go)"),
            new PredictedDifferences("`use_annotations_as_alias_metadata` in the config read, and ServiceAccount annotations as alias metadata (reserved keys refused)",
                    "from 1.16", "not supported", "auth method v0.18"),
            new PredictedDifferences("an invalid CA PEM in the config",
                    "accepted up to 1.16, refused with 400 from 1.17", "accepted", "auth method v0.19"),
            new PredictedDifferences("`disable_local_ca_jwt=true` without a CA",
                    "refused up to 1.16, accepted from 1.17", "refused", "auth method v0.19"),
            new PredictedDifferences("the error for a revoked token",
                    "403 \"permission denied\" (observed on 1.14.8: REVOKED-TOKEN-REFUSED), adds \"invalid token\" from 1.17",
                    "403 \"permission denied\" (observed on 2.6.1 to 2.7.2)", "Vault 1.17 changelog"));
}
