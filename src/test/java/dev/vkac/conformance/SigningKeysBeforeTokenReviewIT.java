package dev.vkac.conformance;

import static dev.vkac.conformance.VaultResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vkac.clients.VaultResponse;
import dev.vkac.fixtures.ForgedJwt;
import dev.vkac.fixtures.Guide;
import dev.vkac.fixtures.TokenKind;
import dev.vkac.junit.Check;
import dev.vkac.junit.ConformanceTest;
import dev.vkac.junit.SharedCluster;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Guide step 3 with the API server's signing keys in {@code pem_keys}: Vault must refuse a forgery itself, without
 * asking the API server. The evidence is the API server's TokenReview counter, which counts the whole cluster's
 * reviews: this class runs while no other class does, one server after another (a class of its own, so that the
 * rest of the suite does not wait with it).
 */
@ConformanceTest
@ResourceLock(value = SharedCluster.TOKEN_REVIEWS, mode = ResourceAccessMode.READ_WRITE)
public class SigningKeysBeforeTokenReviewIT extends GuideConformance {

    @Test
    @Order(1)
    @Check(
            id = "PEM-KEYS-REFUSE-FORGED",
            step = 3,
            must =
                    "With pem_keys holding the API server's signing keys, a genuine token logs in and a forged copy is refused with 403 without any TokenReview",
            parameters = {"config/pem_keys"})
    void signingKeysRefuseForgeriesBeforeTokenReview() {
        // Given a mount that checks signatures against the API server's published keys, and a forged copy of a genuine
        // token
        String mount = guide.inVault()
                .mountLikeTheGuide(
                        "pem-keys",
                        Map.of("pem_keys", guide.inKubernetes().apiServer().serviceAccountSigningKeysPem()));
        String genuine = guide.serviceAccountToken(TokenKind.TOKEN_REQUEST);
        String forged = ForgedJwt.withUnknownKey().resign(genuine);
        // When both log in there, counting the TokenReviews the API server answers during each login
        long reviewsAtStart = guide.inKubernetes().apiServer().tokenReviewsAnswered();
        VaultResponse genuineLogin = guide.login(mount, Guide.ROLE, genuine);
        long reviewsAfterGenuine = guide.inKubernetes().apiServer().tokenReviewsAnswered();
        VaultResponse forgedLogin = guide.login(mount, Guide.ROLE, forged);
        long reviewsAfterForged = guide.inKubernetes().apiServer().tokenReviewsAnswered();
        // Then the genuine token is reviewed and admitted; the forgery is refused by Vault itself
        assertThat(genuineLogin).as("the genuine token").hasStatus(200);
        assertThat(reviewsAfterGenuine - reviewsAtStart)
                .as("TokenReviews the genuine login caused")
                .isPositive();
        assertThat(forgedLogin).isLoginRefusedWith(403, "permission denied");
        assertThat(reviewsAfterForged - reviewsAfterGenuine)
                .as("TokenReviews the forged login caused")
                .isZero();
    }
}
