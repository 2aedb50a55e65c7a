package dev.vkac.junit;

/**
 * What concurrent conformance classes share in the one cluster of a run, as JUnit resource locks. Every class
 * holds these for reading; a check whose evidence is cluster-wide (a counter of the API server) holds one for
 * writing, and so runs while no other class does.
 */
public final class SharedCluster {

    /** The API server's TokenReview counter: every login, and every set-up, makes TokenReviews. */
    public static final String TOKEN_REVIEWS = "kube-apiserver:apiserver_request_total{resource=tokenreviews}";

    /** The guide's own names (namespace default, vault-tokenreview-binding): one server's guide at a time. */
    public static final String GUIDES_OWN_NAMES = "the guide's own names in the run's cluster";

    private SharedCluster() {}
}
