package dev.vkac.conformance;

/** Every conformance class, in catalogue order. */
public final class ConformanceClasses {

    public static final Class<?>[] ALL = {KubernetesAuthGuideIT.class, LoginErrorsIT.class, AuthMethodOptionsIT.class,
            TokenReviewerIT.class};

    private ConformanceClasses() {
    }
}
