package dev.vkac.conformance;

/** Every conformance class, in catalogue order. */
public final class ConformanceClasses {

    public static final Class<?>[] ALL = {KubernetesAuthGuideIT.class, LoginErrorsIT.class, AuthMethodOptionsIT.class,
            TokenReviewerIT.class, ForgedAndStaleTokensIT.class, LookAlikeIdentitiesIT.class, RoleChangesIT.class,
            RoleRestrictionsIT.class, IssuerAndSigningKeysIT.class, AuthEndpointsHttpIT.class, KvVersion2IT.class};

    private ConformanceClasses() {
    }
}
