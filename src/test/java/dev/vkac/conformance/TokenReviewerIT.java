package dev.vkac.conformance;

import static dev.vkac.conformance.VaultResponseAssert.assertThat;

import dev.vkac.clients.VaultResponse;
import dev.vkac.fixtures.ForgedJwt;
import dev.vkac.fixtures.Guide;
import dev.vkac.fixtures.TokenKind;
import dev.vkac.junit.Check;
import dev.vkac.junit.ConformanceTest;
import dev.vkac.support.Wait;
import dev.vkac.support.Wait.Seen;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Why the guide's step 1 matters: Vault asks Kubernetes' TokenReview API about every login, with the
 * reviewer's JWT or, when none is configured, with the client's own. Each check uses an auth mount of its own,
 * so the guide's mount is untouched.
 */
@ConformanceTest
public class TokenReviewerIT extends GuideConformance {

    @Test
    @Order(1)
    @Check(
            id = "REVIEWER-NEEDS-AUTH-DELEGATOR",
            step = 1,
            must =
                    "With a reviewer JWT whose ServiceAccount may not review tokens, every login is refused with 403 \"permission denied\"",
            parameters = {"config/token_reviewer_jwt"})
    void reviewerWithoutRbacRefusesLogins() {
        // Given a mount whose reviewer is a ServiceAccount without system:auth-delegator, and a token that the guide's
        // mount, the same but for its reviewer, admits
        guide.inKubernetes().createServiceAccount("vkac-powerless");
        String mount = guide.inVault()
                .mountLikeTheGuide("powerless", guide.inKubernetes().tokenFor("vkac-powerless"), Map.of());
        String token = guide.serviceAccountToken(TokenKind.TOKEN_REQUEST);
        assertThat(guide.login(Guide.ROLE, token))
                .as("the same token on the guide's mount")
                .hasStatus(200);
        // When default/default logs in with it on the mount with the powerless reviewer
        VaultResponse login = guide.login(mount, Guide.ROLE, token);
        // Then the TokenReview is forbidden, and so is the login
        assertThat(login).isLoginRefusedWith(403, "permission denied");
    }

    @Test
    @Order(2)
    @Check(
            id = "CLIENT-JWT-NEEDS-AUTH-DELEGATOR",
            step = 3,
            must =
                    "Without a reviewer JWT, a login whose own ServiceAccount may not review tokens is refused with 403 \"permission denied\"",
            parameters = {"config/token_reviewer_jwt"})
    void withoutReviewerJwtAnUnprivilegedClientIsRefused() {
        guide.assumeOutsideAnyPod(); // in a pod, the pod's token reviews where no reviewer JWT is given
        // Given a mount configured without token_reviewer_jwt (Vault then reviews with the client's own JWT), and a
        // token that the guide's mount, the same but for its reviewer JWT, admits
        String mount = guide.inVault().mountLikeTheGuide("self-review", null, Map.of());
        String token = guide.serviceAccountToken(TokenKind.TOKEN_REQUEST);
        assertThat(guide.login(Guide.ROLE, token))
                .as("the same token on the guide's mount")
                .hasStatus(200);
        // When default/default, which may not review tokens, logs in with it there
        VaultResponse login = guide.login(mount, Guide.ROLE, token);
        // Then it is refused
        assertThat(login).isLoginRefusedWith(403, "permission denied");
    }

    @Test
    @Order(3)
    @Check(
            id = "CLIENT-JWT-REVIEWS-ITSELF",
            step = 3,
            must =
                    "Without a reviewer JWT, a login whose own ServiceAccount is bound to system:auth-delegator succeeds",
            parameters = {"config/token_reviewer_jwt"})
    void withoutReviewerJwtAClientBoundToAuthDelegatorLogsIn() {
        guide.assumeOutsideAnyPod(); // in a pod, the pod's token reviews where no reviewer JWT is given
        // Given a mount without a reviewer JWT, and default/default bound to system:auth-delegator
        String mount = guide.inVault().mountLikeTheGuide("self-review-bound", null, Map.of());
        guide.inKubernetes().bindToAuthDelegator("default");
        // When default/default logs in there
        VaultResponse login = guide.login(mount, Guide.ROLE, guide.serviceAccountToken(TokenKind.TOKEN_REQUEST));
        // Then it succeeds
        assertThat(login).hasStatus(200);
    }

    @Test
    @Order(3)
    @Check(
            id = "CLIENT-JWT-FORGED-REFUSED",
            step = 3,
            must =
                    "Without a reviewer JWT, where a token bound to system:auth-delegator reviews itself and logs in, a forged copy (which"
                            + " the API server answers 401 as the TokenReview's bearer) is refused with 403 \"permission denied\", never an error",
            parameters = {"config/token_reviewer_jwt"})
    void withoutReviewerJwtAForgedTokenIsRefused() {
        guide.assumeOutsideAnyPod(); // in a pod, the pod's token reviews where no reviewer JWT is given
        // Given a mount without a reviewer JWT, where default/default, bound to system:auth-delegator, logs in with its
        // own token
        String mount = guide.inVault().mountLikeTheGuide("self-review-forged", null, Map.of());
        guide.inKubernetes().bindToAuthDelegator("default");
        String genuine = guide.serviceAccountToken(TokenKind.TOKEN_REQUEST);
        assertThat(guide.login(mount, Guide.ROLE, genuine))
                .as("the genuine token there")
                .hasStatus(200);
        // When a copy signed by a key nobody trusts logs in there: its TokenReview is sent with the copy as the bearer
        VaultResponse login =
                guide.login(mount, Guide.ROLE, ForgedJwt.withUnknownKey().resign(genuine));
        // Then it is refused as every failed review is
        assertThat(login).isLoginRefusedWith(403, "permission denied");
    }

    @Test
    @Order(4)
    @Check(
            id = "API-SERVER-CA-VERIFIED",
            step = 3,
            must =
                    "With a kubernetes_ca_cert that did not sign the API server's certificate, a token the guide's mount admits is refused with 403 \"permission denied\"",
            parameters = {"config/kubernetes_ca_cert"})
    void apiServerCertificateIsVerifiedAgainstTheConfiguredCa() {
        // Given a mount configured like the guide's but with a CA that did not sign the API server's certificate, and a
        // token the guide's mount admits
        String mount = guide.inVault()
                .mountLikeTheGuide(
                        "other-ca", Map.of("kubernetes_ca_cert", guide.inVault().unrelatedCaPem()));
        String token = guide.serviceAccountToken(TokenKind.TOKEN_REQUEST);
        assertThat(guide.login(Guide.ROLE, token))
                .as("the same token on the guide's mount")
                .hasStatus(200);
        // When default/default logs in with it on the mount with the other CA
        VaultResponse login = guide.login(mount, Guide.ROLE, token);
        // Then Vault cannot trust the API server for the TokenReview, and refuses the login
        assertThat(login).isLoginRefusedWith(403, "permission denied");
    }

    @Test
    @Order(20)
    @Check(
            id = "REVIEWER-JWT-TRAILING-NEWLINE",
            step = 3,
            must =
                    "A reviewer JWT written with a trailing newline (as read from a file kubectl create token wrote) is used without it: the"
                            + " guide's workload logs in on that mount",
            parameters = {"config/token_reviewer_jwt"})
    void reviewerJwtWithATrailingNewlineStillReviews() {
        // Given a mount configured like the guide's, but with the reviewer's JWT followed by a newline
        String mount = guide.inVault().mountLikeTheGuide("reviewer-jwt-newline", guide.reviewerJwt() + "\n", Map.of());
        // When the guide's workload logs in there
        VaultResponse login = guide.login(mount, Guide.ROLE, guide.serviceAccountToken(TokenKind.TOKEN_REQUEST));
        // Then it is admitted, as on the guide's mount
        assertThat(login).hasStatus(200);
    }

    @Test
    @Order(21)
    @Check(
            id = "STORED-CA-APPLIED-PERIODICALLY",
            step = 3,
            must =
                    "A CA changed in a mount's stored config without a config write (as a restore or a replicated write changes it) is applied"
                            + " within the auth method's 30-s TLS refresh: logins refused for want of it are admitted then, without a reload",
            parameters = {"config/kubernetes_ca_cert"})
    void caChangedInStorageIsAppliedWithoutAReload() {
        // Given a mount whose CA did not sign the API server's certificate, so that logins are refused
        String mount = guide.inVault()
                .mountLikeTheGuide(
                        "ca-changed-in-storage",
                        Map.of("kubernetes_ca_cert", guide.inVault().unrelatedCaPem()));
        String token = guide.serviceAccountToken(TokenKind.TOKEN_REQUEST);
        assertThat(guide.login(mount, Guide.ROLE, token))
                .as("with the unrelated CA")
                .isLoginRefusedWith(403, "permission denied");
        // When the stored config gets the right CA behind the auth method's back (sys/raw: the bytes a config write
        // stores)
        VaultResponse stored = guide.inVault()
                .writeMountStorageAsAnOlderRelease(
                        mount, "config", guide.inVault().configAsStored(Map.of()));
        assertThat(stored).hasStatus(204);
        // Then within the refresh period (30 s, and a margin) the workload is admitted
        Wait.until(
                "a login on " + mount + " admitted once the stored CA is applied",
                Duration.ofSeconds(40),
                Duration.ofSeconds(1),
                () -> {
                    VaultResponse login = guide.login(mount, Guide.ROLE, token);
                    return login.status() == 200
                            ? Seen.done("admitted")
                            : Seen.notYet(login.status() + " " + login.errors());
                });
    }

    @Test
    @Order(22)
    @Check(
            id = "CONFIG-HOST-NOT-THE-TOKENREVIEW-API",
            step = 3,
            must =
                    "With a kubernetes_host whose path answers the TokenReview POST with 200 and a body that is no TokenReview (the API server's"
                            + " /healthz: \"ok\"), a token the guide's config admits is refused with 403 \"permission denied\"",
            parameters = {"config/kubernetes_host"})
    void anAnswerThatIsNoTokenReviewRefusesTheLogin() {
        // Given a mount like the guide's (in a plugin process of its own), which admits the guide's workload, and a
        // reviewer that
        // may POST to /healthz
        String mount = guide.inVault().mountLikeTheGuideToReload("host-not-tokenreview");
        String token = guide.serviceAccountToken(TokenKind.TOKEN_REQUEST);
        assertThat(guide.login(mount, Guide.ROLE, token))
                .as("with the guide's kubernetes_host")
                .hasStatus(200);
        try {
            guide.inKubernetes().letReviewerPostToHealthz();
        } catch (KubernetesClientException e) {
            Assumptions.assumeTrue(
                    e.getCode() != 403,
                    "the suite may not grant post on /healthz here: Kubernetes lets no one grant a right"
                            + " it lacks, and the kubeconfig's identity lacks this one (fixtures/external/kubernetes-rights.yaml does not give it)");
            throw e;
        }
        // When its config sends the TokenReview to /healthz instead (the fragment drops the review path)
        VaultResponse write = guide.vaultAsRoot()
                .write(
                        "auth/" + mount + "/config",
                        Map.of(
                                "kubernetes_host",
                                guide.cluster().urlSeenByVault() + "/healthz#",
                                "kubernetes_ca_cert",
                                guide.cluster().caPem(),
                                "token_reviewer_jwt",
                                guide.reviewerJwt()));
        Assertions.assertThat(write.isSuccess())
                .as("the config write succeeds: " + write)
                .isTrue();
        VaultResponse login = guide.login(mount, Guide.ROLE, token);
        // Then the answer "ok" is no review, and the login is refused
        assertThat(login).isLoginRefusedWith(403, "permission denied");
    }
}
