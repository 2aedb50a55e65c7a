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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Guide step 3 with the checks an operator can switch on: the issuer of ServiceAccount tokens, and the API
 * server's signing keys ({@code pem_keys}, published at {@code /openid/v1/jwks}) so that Vault checks
 * signatures itself. Each check configures a mount of its own and leaves the guide's mount alone.
 */
@ConformanceTest
public class IssuerAndSigningKeysIT extends GuideConformance {

    @Test
    @Order(1)
    @Check(id = "ISSUER-MISMATCH-REFUSED", step = 3,
            must = "With issuer validation on and an issuer the API server does not use, a genuine token is refused with 403 \"invalid issuer (iss) claim\"")
    void wrongIssuerRefusesGenuineTokens() {
        // Given a mount that validates the issuer against one the API server does not use
        String mount = guide.mountLikeTheGuide("wrong-issuer", Map.of("disable_iss_validation", false, "issuer", "https://issuer.invalid"));
        // When default/default logs in there with a genuine token
        VaultResponse login = guide.login(mount, Guide.ROLE, guide.serviceAccountToken(TokenKind.TOKEN_REQUEST));
        // Then
        assertThat(login).isRefusedWith(403, "invalid issuer (iss) claim");
    }

    @Test
    @Order(2)
    @Check(id = "ISSUER-MATCH-ACCEPTED", step = 3,
            must = "With issuer validation on and the API server's own issuer (from its OpenID discovery document), a genuine token logs in")
    void apiServersIssuerAcceptsGenuineTokens() {
        // Given a mount that validates the issuer against the API server's
        String issuer = guide.objects().serviceAccountIssuer();
        String mount = guide.mountLikeTheGuide("right-issuer", Map.of("disable_iss_validation", false, "issuer", issuer));
        // When default/default logs in there with a genuine token
        VaultResponse login = guide.login(mount, Guide.ROLE, guide.serviceAccountToken(TokenKind.TOKEN_REQUEST));
        // Then
        assertThat(login).hasStatus(200);
    }

    @Test
    @Order(3)
    @ResourceLock(value = SharedCluster.TOKEN_REVIEWS, mode = ResourceAccessMode.READ_WRITE) // the counter is cluster-wide
    @Check(id = "PEM-KEYS-REFUSE-FORGED", step = 3,
            must = "With pem_keys holding the API server's signing keys, a genuine token logs in and a forged copy is refused with 403 without any TokenReview")
    void signingKeysRefuseForgeriesBeforeTokenReview() {
        // Given a mount that checks signatures against the API server's published keys, and a forged copy of a genuine token
        String mount = guide.mountLikeTheGuide("pem-keys", Map.of("pem_keys", apiServerSigningKeysPem()));
        String genuine = guide.serviceAccountToken(TokenKind.TOKEN_REQUEST);
        String forged = ForgedJwt.withNewKey().resign(genuine);
        // When both log in there, counting the TokenReviews the API server answers during each login
        long reviewsAtStart = guide.objects().tokenReviewsAnswered();
        VaultResponse genuineLogin = guide.login(mount, Guide.ROLE, genuine);
        long reviewsAfterGenuine = guide.objects().tokenReviewsAnswered();
        VaultResponse forgedLogin = guide.login(mount, Guide.ROLE, forged);
        long reviewsAfterForged = guide.objects().tokenReviewsAnswered();
        // Then the genuine token is reviewed and admitted; the forgery is refused by Vault itself
        assertThat(genuineLogin).as("the genuine token").hasStatus(200);
        assertThat(reviewsAfterGenuine - reviewsAtStart).as("TokenReviews the genuine login caused").isPositive();
        assertThat(forgedLogin).isRefusedWith(403, "permission denied");
        assertThat(reviewsAfterForged - reviewsAfterGenuine).as("TokenReviews the forged login caused").isZero();
    }

    @Test
    @Order(4)
    @Check(id = "PEM-KEYS-OTHER-KEY-REFUSES", step = 3,
            must = "With pem_keys holding a key the API server does not sign with, a genuine token is refused with 403 \"permission denied\"")
    void foreignSigningKeyRefusesGenuineTokens() {
        // Given a mount whose pem_keys hold someone else's key
        String mount = guide.mountLikeTheGuide("foreign-key", Map.of("pem_keys", List.of(ForgedJwt.withNewKey().publicKeyPem())));
        // When default/default logs in there with a genuine token
        VaultResponse login = guide.login(mount, Guide.ROLE, guide.serviceAccountToken(TokenKind.TOKEN_REQUEST));
        // Then
        assertThat(login).isRefusedWith(403, "permission denied");
    }

    @Test
    @Order(5)
    @Check(id = "PEM-KEYS-STILL-REVIEW", step = 3,
            must = "A token whose signature matches pem_keys is still reviewed by the API server: one it never issued is refused with 403 \"permission denied\"")
    void matchingSignatureDoesNotSkipTokenReview() {
        // Given a mount whose pem_keys hold the forger's key (a leaked or mistaken key), and a token the forger signed
        ForgedJwt forger = ForgedJwt.withNewKey();
        String mount = guide.mountLikeTheGuide("forger-key", Map.of("pem_keys", List.of(forger.publicKeyPem())));
        String forged = forger.resign(guide.serviceAccountToken(TokenKind.TOKEN_REQUEST));
        // When the forged token logs in there
        VaultResponse login = guide.login(mount, Guide.ROLE, forged);
        // Then the TokenReview refuses it
        assertThat(login).isRefusedWith(403, "permission denied");
    }

    private List<String> apiServerSigningKeysPem() {
        List<Map<String, Object>> keys = guide.objects().serviceAccountSigningKeys();
        assertThat(keys).as("keys published at /openid/v1/jwks").isNotEmpty();
        return keys.stream().map(ForgedJwt::pemOfJwk).toList();
    }
}
