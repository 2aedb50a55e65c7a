package dev.vkac.conformance;

import static dev.vkac.conformance.VaultResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vkac.clients.VaultResponse;
import dev.vkac.fixtures.ForgedJwt;
import dev.vkac.fixtures.Guide;
import dev.vkac.fixtures.TokenKind;
import dev.vkac.junit.Check;
import dev.vkac.junit.ConformanceTest;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Guide step 3 with the checks an operator can switch on: the issuer of ServiceAccount tokens, and the API
 * server's signing keys ({@code pem_keys}, published at {@code /openid/v1/jwks}) so that Vault checks
 * signatures itself. Each check configures a mount of its own and leaves the guide's mount alone. (Whether a
 * forgery is refused before any TokenReview is {@link SigningKeysBeforeTokenReviewIT}.)
 */
@ConformanceTest
public class IssuerAndSigningKeysIT extends GuideConformance {

    @Test
    @Order(1)
    @Check(
            id = "ISSUER-MISMATCH-REFUSED",
            step = 3,
            must =
                    "With issuer validation on and an issuer the API server does not use, a genuine token is refused with 403 \"invalid issuer (iss) claim\"",
            parameters = {"config/issuer", "config/disable_iss_validation"})
    void wrongIssuerRefusesGenuineTokens() {
        // Given a mount that validates the issuer against one the API server does not use
        String mount = guide.inVault()
                .mountLikeTheGuide(
                        "wrong-issuer", Map.of("disable_iss_validation", false, "issuer", "https://issuer.invalid"));
        // When default/default logs in there with a genuine token
        VaultResponse login = guide.login(mount, Guide.ROLE, guide.serviceAccountToken(TokenKind.TOKEN_REQUEST));
        // Then
        assertThat(login).isLoginRefusedWith(403, "invalid issuer (iss) claim");
    }

    @Test
    @Order(2)
    @Check(
            id = "ISSUER-MATCH-ACCEPTED",
            step = 3,
            must =
                    "With issuer validation on and the API server's own issuer (from its OpenID discovery document), a genuine token logs in",
            parameters = {"config/issuer", "config/disable_iss_validation"})
    void apiServersIssuerAcceptsGenuineTokens() {
        // Given a mount that validates the issuer against the API server's
        String issuer = guide.inKubernetes().apiServer().serviceAccountIssuer();
        String mount = guide.inVault()
                .mountLikeTheGuide("right-issuer", Map.of("disable_iss_validation", false, "issuer", issuer));
        // When default/default logs in there with a genuine token
        VaultResponse login = guide.login(mount, Guide.ROLE, guide.serviceAccountToken(TokenKind.TOKEN_REQUEST));
        // Then
        assertThat(login).hasStatus(200);
    }

    @Test
    @Order(3)
    @Check(
            id = "ISSUER-NOT-VALIDATED-BY-DEFAULT",
            step = 3,
            must = "A config naming an issuer the API server does not use, without disable_iss_validation, reads back"
                    + " disable_iss_validation=true and admits a genuine token (validation is off unless asked for)",
            parameters = {"config/issuer", "config/disable_iss_validation"})
    void issuerIsNotValidatedUnlessAskedFor() {
        // Given a mount with an issuer the API server does not use, and disable_iss_validation left out
        String mount =
                guide.inVault().mountLikeTheGuide("issuer-by-default", Map.of("issuer", "https://issuer.invalid"));
        // When default/default logs in there with a genuine token
        VaultResponse login = guide.login(mount, Guide.ROLE, guide.serviceAccountToken(TokenKind.TOKEN_REQUEST));
        // Then the issuer was not validated
        assertThat(guide.vaultAsRoot().read("auth/" + mount + "/config").data())
                .containsEntry("disable_iss_validation", true);
        assertThat(login).hasStatus(200);
    }

    @Test
    @Order(4)
    @Check(
            id = "PEM-KEYS-ECDSA-ACCEPTED",
            step = 3,
            must =
                    "pem_keys may hold ECDSA (P-256) public keys beside RSA ones: the config is kept, reads back with every key,"
                            + " and a genuine token logs in",
            parameters = {"config/pem_keys"})
    void ecdsaKeysAreAcceptedInPemKeys() {
        // Given the API server's signing keys and an ECDSA P-256 public key made for the purpose
        List<String> keys = new ArrayList<>(guide.inKubernetes().apiServer().serviceAccountSigningKeysPem());
        keys.add(ecdsaPublicKeyPem());
        // When a mount is configured like the guide's with all of them, and default/default logs in there
        String mount = guide.inVault().mountLikeTheGuide("ecdsa-pem-keys", Map.of("pem_keys", keys));
        VaultResponse login = guide.login(mount, Guide.ROLE, guide.serviceAccountToken(TokenKind.TOKEN_REQUEST));
        // Then the config holds every key, and the genuine token's RSA signature still verifies
        assertThat(guide.vaultAsRoot().read("auth/" + mount + "/config").data().get("pem_keys"))
                .asInstanceOf(InstanceOfAssertFactories.LIST)
                .hasSize(keys.size());
        assertThat(login).hasStatus(200);
    }

    @Test
    @Order(4)
    @Check(
            id = "PEM-KEYS-OTHER-KEY-REFUSES",
            step = 3,
            must =
                    "With pem_keys holding a key the API server does not sign with, a genuine token is refused with 403 \"permission denied\"",
            parameters = {"config/pem_keys"})
    void foreignSigningKeyRefusesGenuineTokens() {
        // Given a mount whose pem_keys hold someone else's key, and a genuine token that a mount holding the API
        // server's keys admits
        String mount = guide.inVault()
                .mountLikeTheGuide(
                        "foreign-key",
                        Map.of("pem_keys", List.of(ForgedJwt.withUnknownKey().publicKeyPem())));
        String withApiServerKeys = guide.inVault()
                .mountLikeTheGuide(
                        "api-server-keys",
                        Map.of("pem_keys", guide.inKubernetes().apiServer().serviceAccountSigningKeysPem()));
        String token = guide.serviceAccountToken(TokenKind.TOKEN_REQUEST);
        assertThat(guide.login(withApiServerKeys, Guide.ROLE, token))
                .as("the same token with the API server's keys")
                .hasStatus(200);
        // When default/default logs in with it on the mount with the other key
        VaultResponse login = guide.login(mount, Guide.ROLE, token);
        // Then
        assertThat(login).isLoginRefusedWith(403, "permission denied");
    }

    @Test
    @Order(5)
    @Check(
            id = "PEM-KEYS-STILL-REVIEW",
            step = 3,
            must =
                    "A token whose signature matches pem_keys is still reviewed by the API server: one it never issued is refused with 403 \"permission denied\"",
            parameters = {"config/pem_keys"})
    void matchingSignatureDoesNotSkipTokenReview() {
        // Given a mount whose pem_keys hold the forger's key (a leaked or mistaken key), and a token the forger signed
        ForgedJwt forger = ForgedJwt.withUnknownKey();
        String mount =
                guide.inVault().mountLikeTheGuide("forger-key", Map.of("pem_keys", List.of(forger.publicKeyPem())));
        String forged = forger.resign(guide.serviceAccountToken(TokenKind.TOKEN_REQUEST));
        // When the forged token logs in there
        VaultResponse login = guide.login(mount, Guide.ROLE, forged);
        // Then the TokenReview refuses it
        assertThat(login).isLoginRefusedWith(403, "permission denied");
    }

    @Test
    @Order(6)
    @Check(
            id = "PEM-KEYS-AS-CERTIFICATES",
            step = 3,
            must =
                    "pem_keys may hold certificates of the API server's signing keys: a genuine token logs in, and a forged copy is refused with 403",
            parameters = {"config/pem_keys"})
    void signingKeysGivenAsCertificates() {
        // Given a mount whose pem_keys hold the API server's signing keys as certificates, not bare keys
        String mount = guide.inVault()
                .mountLikeTheGuide(
                        "pem-certificates",
                        Map.of(
                                "pem_keys",
                                guide.inKubernetes().apiServer().serviceAccountSigningKeysAsCertificatesPem()));
        String genuine = guide.serviceAccountToken(TokenKind.TOKEN_REQUEST);
        // When a genuine token, then a forged copy of it, log in there
        VaultResponse genuineLogin = guide.login(mount, Guide.ROLE, genuine);
        VaultResponse forgedLogin =
                guide.login(mount, Guide.ROLE, ForgedJwt.withUnknownKey().resign(genuine));
        // Then the certificates' keys check the signatures: the genuine one passes, the forgery does not
        assertThat(genuineLogin).as("the genuine token").hasStatus(200);
        assertThat(forgedLogin).as("the forged copy").isLoginRefusedWith(403, "permission denied");
    }

    private static String ecdsaPublicKeyPem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'})
                            .encodeToString(
                                    generator.generateKeyPair().getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make an ECDSA key", e);
        }
    }
}
