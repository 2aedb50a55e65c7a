package dev.vkac.reporting;

import java.util.List;

/**
 * Every parameter of the Kubernetes auth method's config and roles, which the catalogue maps to the checks that
 * exercise it ({@link dev.vkac.junit.Check#parameters()}); a parameter without one is a gap {@code CheckCatalogueTest}
 * refuses. Taken from the source: github.com/hashicorp/vault-plugin-auth-kubernetes v0.16.0 (the release Vault 1.14.8
 * builds in), path_config.go and path_role.go, whose role fields add the token fields of the sdk's
 * helper/tokenutil.AddTokenFields; OpenBao's builtin copy adds the namespace selector, and v0.18.0 (Vault 1.16) adds
 * the selector and use_annotations_as_alias_metadata (the last release read, v0.24.1, adds nothing more).
 */
public final class AuthMethodParameters {

    public static final List<String> ALL = List.of(
            "config/kubernetes_host",
            "config/kubernetes_ca_cert",
            "config/token_reviewer_jwt",
            "config/pem_keys",
            "config/issuer",
            "config/disable_iss_validation",
            "config/disable_local_ca_jwt",
            "config/use_annotations_as_alias_metadata",
            "role/bound_service_account_names",
            "role/bound_service_account_namespaces",
            "role/bound_service_account_namespace_selector",
            "role/audience",
            "role/alias_name_source",
            "role/token_ttl",
            "role/token_max_ttl",
            "role/token_explicit_max_ttl",
            "role/token_period",
            "role/token_policies",
            "role/token_no_default_policy",
            "role/token_bound_cidrs",
            "role/token_num_uses",
            "role/token_type",
            // the legacy names, still accepted
            "role/policies",
            "role/ttl",
            "role/max_ttl",
            "role/period",
            "role/num_uses",
            "role/bound_cidrs");

    private AuthMethodParameters() {}
}
