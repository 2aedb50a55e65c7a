package dev.vkac.conformance;

import static dev.vkac.conformance.VaultResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vkac.clients.VaultResponse;
import dev.vkac.config.ServerKind;
import dev.vkac.config.Versions;
import dev.vkac.fixtures.Guide;
import dev.vkac.fixtures.GuideKubernetes;
import dev.vkac.fixtures.TokenKind;
import dev.vkac.junit.Check;
import dev.vkac.junit.ConformanceTest;
import dev.vkac.junit.DiffersBetweenReleases;
import dev.vkac.support.Wait;
import dev.vkac.support.Wait.Seen;
import dev.vkac.targets.InPod;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vault as most installations run it, in a pod of the cluster (the guide's vault-operator pods, the Helm chart): the
 * auth method takes what its config leaves out from the pod, the CA of {@code ca.crt} for the API server and the pod's
 * ServiceAccount token as the reviewer, and reads that token again as the kubelet rotates it. The server runs in the
 * pod of the guide's reviewer ServiceAccount (bound to system:auth-delegator), with a token the kubelet would project.
 */
@ConformanceTest(vaultInAPod = true)
public class VaultInAPodIT extends GuideConformance {

    private static final Logger LOG = LoggerFactory.getLogger(VaultInAPodIT.class);

    /** The kubelet asks for an hour and 7 s, bound to the pod. */
    static final long KUBELET_TOKEN_SECONDS = 3607;
    /** The auth method re-reads the pod's token a minute after it first read it (jwtReloadPeriod); and a margin. */
    static final Duration TOKEN_RELOAD = Duration.ofSeconds(60 + 20);
    /** The API server keeps a bearer token it authenticated for 10 s (its token cache); and a margin. */
    static final Duration API_SERVER_CACHE = Duration.ofSeconds(10 + 20);

    /** The token each guide's pod holds between checks (a check that rotates it puts it back). */
    private static final Map<Guide, String> POD_TOKENS = new ConcurrentHashMap<>();

    @BeforeParameterizedClassInvocation
    static void runVaultInThePodOfTheReviewer(Guide guide) {
        guide.vaultsPod().filter(InPod::filesWritten).ifPresent(pod -> {
            Pod vault = guide.inKubernetes()
                    .objects()
                    .createUnschedulablePod(guide.names().namespace(), "vkac-vault", GuideKubernetes.REVIEWER);
            pod.writeCaCert(guide.cluster().caPem());
            pod.writeNamespace(guide.names().namespace());
            String token = guide.inKubernetes().objects().tokens().tokenBoundTo(vault, KUBELET_TOKEN_SECONDS);
            pod.writeToken(token);
            POD_TOKENS.put(guide, token);
        });
    }

    @Test
    @Order(1)
    @Check(
            id = "POD-HOST-ONLY-CONFIG",
            step = 3,
            must =
                    "In a pod, a config with only kubernetes_host (the API server as kubernetes.default.svc) is kept as written, with no CA and (where the server reads token_reviewer_jwt_set back) no reviewer JWT stored, and admits the workload as itself: the pod's CA verifies the API server, the pod's token reviews",
            parameters = {"config/kubernetes_host"})
    void configWithTheAddressOnlyAdmits() {
        // Given Vault in the pod of the reviewer, which may review tokens
        InPod pod = pod();
        // When a mount is configured with the API server's address only, and the workload logs in
        String mount = guide.inVault().mountWithoutConfig("pod-host-only");
        VaultResponse configured = guide.inVault().writeConfig(mount, hostOnly(pod));
        VaultResponse login = workloadLogin(mount);
        // Then the config is kept as written, and the workload is admitted as itself
        assertThat(configured).hasStatus(204);
        Map<String, Object> config =
                guide.vaultAsRoot().read("auth/" + mount + "/config").data();
        assertThat(config)
                .containsEntry("kubernetes_host", pod.kubernetesHost().toString())
                .containsEntry("kubernetes_ca_cert", "");
        if (config.containsKey("token_reviewer_jwt_set")) {
            assertThat(config).containsEntry("token_reviewer_jwt_set", false);
        }
        assertThat(login).hasStatus(200);
        assertThat(login.auth().get("metadata"))
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("service_account_name", Guide.SERVICE_ACCOUNT)
                .containsEntry("service_account_namespace", guide.names().namespace());
    }

    @Test
    @Order(2)
    @Check(
            id = "POD-TOKEN-REVIEWS",
            step = 1,
            must =
                    "In a pod whose ServiceAccount may review tokens a config with only kubernetes_host admits the workload; in a pod whose ServiceAccount may not, it refuses the workload with 403 \"permission denied\", and once that ServiceAccount is bound to system:auth-delegator, the same pod token admits it")
    void thePodsTokenReviews() {
        // Given a mount with the address only, admitting the workload in the pod of the reviewer
        InPod pod = podWhoseFilesTheRunWrites();
        String reviewers = hostOnlyMount(pod, "pod-may-review");
        VaultResponse first = workloadLogin(reviewers);
        // Given Vault then in a pod of a ServiceAccount not bound to system:auth-delegator, and a new mount the same
        // way
        String serviceAccount = "vkac-pod-may-not-review";
        guide.inKubernetes().createServiceAccount(serviceAccount);
        runInANewPodOf(pod, serviceAccount, "vkac-vault-may-not-review");
        try {
            String mount = hostOnlyMount(pod, "pod-may-not-review");
            // When the workload logs in, and again once the pod's ServiceAccount is bound to system:auth-delegator
            VaultResponse refused = workloadLogin(mount);
            guide.inKubernetes().bindToAuthDelegator(serviceAccount);
            VaultResponse admitted = workloadLogin(mount);
            // Then it is refused, then admitted
            assertThat(first).as("a login in the pod of the reviewer").hasStatus(200);
            assertThat(refused).isLoginRefusedWith(403, "permission denied");
            assertThat(admitted).hasStatus(200);
        } finally {
            pod.writeToken(POD_TOKENS.get(guide));
        }
    }

    @Test
    @Order(3)
    @Check(
            id = "POD-DISABLED-TOKEN-UNREAD",
            step = 3,
            must =
                    "In a pod, with disable_local_ca_jwt=true, the CA given and no reviewer JWT, the pod's token is not used: the workload's own JWT reviews itself and is refused with 403 \"permission denied\" (it may not review), where the same config without the option admits it",
            parameters = {"config/disable_local_ca_jwt"})
    void disabledLocalJwtLeavesThePodsTokenUnread() {
        // Given two mounts with the API server's address and CA and no reviewer JWT, one with disable_local_ca_jwt
        InPod pod = pod();
        String podReviews = guide.inVault().mountWithoutConfig("pod-local-jwt");
        guide.inVault().writeConfig(podReviews, withCa(pod, Map.of()));
        String clientReviews = guide.inVault().mountWithoutConfig("pod-no-local-jwt");
        VaultResponse configured =
                guide.inVault().writeConfig(clientReviews, withCa(pod, Map.of("disable_local_ca_jwt", true)));
        // When the workload logs in through each
        VaultResponse admitted = workloadLogin(podReviews);
        VaultResponse refused = workloadLogin(clientReviews);
        // Then the pod's token reviews it through the first; through the second its own JWT does, which may not
        assertThat(admitted).hasStatus(200);
        assertThat(configured).hasStatus(204);
        assertThat(refused).isLoginRefusedWith(403, "permission denied");
    }

    @Test
    @Order(4)
    @DiffersBetweenReleases(
            what = "in a pod, disable_local_ca_jwt=true without kubernetes_ca_cert",
            vault =
                    "refused with 400 before 1.17; from 1.17 (auth method v0.19.0) kept, and logins refused: the host's root CAs, not the pod's, verify the API server",
            openbao = "refused with 400",
            evidence =
                    "observed in the local target's pod: Vault 1.14.8 (v0.16.0) and OpenBao 2.7.2 refuse the config; Vault 1.14.8"
                            + " with v0.24.1 keeps it and refuses the login")
    @Check(
            id = "POD-DISABLED-CA-UNREAD",
            step = 3,
            must =
                    "In a pod, disable_local_ca_jwt=true without kubernetes_ca_cert (a reviewer JWT given) does not use the pod's CA: the config is refused with 400 (from Vault 1.17: kept, and the workload refused with 403 \"permission denied\"), where the same config without the option admits it",
            parameters = {"config/disable_local_ca_jwt"})
    void disabledLocalCaLeavesThePodsCaUnread() {
        // Given two mounts with the API server's address and the reviewer's JWT and no CA, one with
        // disable_local_ca_jwt
        InPod pod = pod();
        Map<String, Object> withReviewer = new LinkedHashMap<>(hostOnly(pod));
        withReviewer.put("token_reviewer_jwt", guide.reviewerJwt());
        String podCa = guide.inVault().mountWithoutConfig("pod-local-ca");
        guide.inVault().writeConfig(podCa, withReviewer);
        String noCa = guide.inVault().mountWithoutConfig("pod-no-local-ca");
        withReviewer.put("disable_local_ca_jwt", true);
        VaultResponse configured = guide.inVault().writeConfig(noCa, withReviewer);
        // When the workload logs in through each
        VaultResponse admitted = workloadLogin(podCa);
        VaultResponse refused = workloadLogin(noCa);
        // Then the pod's CA verifies the API server for the first; the second has no CA: refused, or kept and
        // unverified
        assertThat(admitted).hasStatus(200);
        if (guide.spec().kind() == ServerKind.VAULT
                && Versions.compare(guide.spec().releaseOfItsAuthMethod(), "1.17.0") >= 0) {
            assertThat(configured).hasStatus(204);
            assertThat(refused).isLoginRefusedWith(403, "permission denied");
        } else {
            assertThat(configured)
                    .isRefusedWith(400, "kubernetes_ca_cert must be given when disable_local_ca_jwt is true");
        }
    }

    @Test
    @Order(5)
    @Check(
            id = "POD-CONFIGURED-REVIEWER-WINS",
            step = 3,
            must =
                    "In a pod whose ServiceAccount may not review tokens, a configured token_reviewer_jwt reviews instead of the pod's token and admits the workload, where the same config without it is refused with 403 \"permission denied\"",
            parameters = {"config/token_reviewer_jwt"})
    void configuredReviewerWinsOverThePod() {
        // Given Vault in a pod of a ServiceAccount that may not review, a mount with the reviewer's JWT, one without
        InPod pod = podWhoseFilesTheRunWrites();
        String serviceAccount = "vkac-pod-never-reviews";
        guide.inKubernetes().createServiceAccount(serviceAccount);
        runInANewPodOf(pod, serviceAccount, "vkac-vault-never-reviews");
        try {
            String configuredReviewer = guide.inVault().mountWithoutConfig("pod-configured-reviewer");
            Map<String, Object> config = new LinkedHashMap<>(hostOnly(pod));
            config.put("token_reviewer_jwt", guide.reviewerJwt());
            guide.inVault().writeConfig(configuredReviewer, config);
            String podReviewer = hostOnlyMount(pod, "pod-reviewer");
            // When the workload logs in through each
            VaultResponse admitted = workloadLogin(configuredReviewer);
            VaultResponse refused = workloadLogin(podReviewer);
            // Then the configured reviewer admits it, and the pod's token, which may not review, refuses it
            assertThat(admitted).hasStatus(200);
            assertThat(refused).isLoginRefusedWith(403, "permission denied");
        } finally {
            pod.writeToken(POD_TOKENS.get(guide));
        }
    }

    @Test
    @Order(6)
    @Check(
            id = "POD-TOKEN-ROTATED",
            step = 3,
            must =
                    "In a pod, once the pod its token is bound to is deleted, the workload is refused with 403 \"permission denied\"; when the kubelet rotates the pod's token, the new one is read again within the auth method's reload period (a minute after the old one was first read; 80 s allowed) and the workload admitted again")
    void theRotatedTokenIsReadAgain() {
        // Given a mount with the address only, admitting the workload with the token of the pod Vault runs in
        InPod pod = podWhoseFilesTheRunWrites();
        Pod first = runInANewPodOf(pod, GuideKubernetes.REVIEWER, "vkac-vault-rotated");
        try {
            String mount = hostOnlyMount(pod, "pod-rotated");
            long firstRead = System.nanoTime(); // the mount's first login reads the pod's token
            VaultResponse before = workloadLogin(mount);
            // When that pod is deleted (the API server forgets its token within its cache's 10 s)
            guide.inKubernetes().objects().deleteNow(first);
            VaultResponse refused = awaitLogin(mount, "refused once the pod is deleted", false, API_SERVER_CACHE);
            // When the kubelet rotates the pod's token to one of the pod that replaces it
            long rotated = System.nanoTime();
            runInANewPodOf(pod, GuideKubernetes.REVIEWER, "vkac-vault-rotated-2");
            // Then the workload is admitted again within the reload period
            Duration left = TOKEN_RELOAD.minusNanos(System.nanoTime() - firstRead);
            VaultResponse after = awaitLogin(mount, "admitted with the rotated pod token", true, left);
            LOG.info(
                    "{}: the rotated pod token was read again {} s after the rotation, {} s after the first read",
                    guide.spec(),
                    (System.nanoTime() - rotated) / 1_000_000_000,
                    (System.nanoTime() - firstRead) / 1_000_000_000);
            assertThat(before)
                    .as("a login with the token of the pod Vault runs in")
                    .hasStatus(200);
            assertThat(refused)
                    .as("a login once that pod is deleted, within " + API_SERVER_CACHE)
                    .isLoginRefusedWith(403, "permission denied");
            assertThat(after)
                    .as("a login with the rotated token, within " + TOKEN_RELOAD + " of the token's first read")
                    .hasStatus(200);
        } finally {
            pod.writeToken(POD_TOKENS.get(guide));
        }
    }

    @Test
    @Order(7)
    @Check(
            id = "POD-CA-VERIFIES",
            step = 3,
            must =
                    "In a pod whose ca.crt holds a CA that did not sign the API server's certificate, a config with only kubernetes_host refuses the workload with 403 \"permission denied\"; with the cluster's CA in ca.crt it admits it")
    void thePodsCaVerifiesTheApiServer() {
        // Given a mount with the address only, admitting the workload with the pod's CA
        InPod pod = podWhoseFilesTheRunWrites();
        String trusted = hostOnlyMount(pod, "pod-ca-trusted");
        VaultResponse admitted = workloadLogin(trusted);
        // When the pod's ca.crt holds another CA, and a new mount (which reads it afresh) is configured the same way
        pod.writeCaCert(guide.inVault().unrelatedCaPem());
        VaultResponse refused;
        try {
            String untrusted = hostOnlyMount(pod, "pod-ca-untrusted");
            refused = workloadLogin(untrusted);
        } finally {
            pod.writeCaCert(guide.cluster().caPem());
        }
        // Then the API server is not verified with it, and the workload refused
        assertThat(admitted).hasStatus(200);
        assertThat(refused).isLoginRefusedWith(403, "permission denied");
    }

    /**
     * Logs the workload in through a mount until the answer is (or is not) an admission, or the time is up; the last
     * answer, which the check then judges (a server that never changes its answer fails the check, not the harness).
     */
    private VaultResponse awaitLogin(String mount, String what, boolean admitted, Duration timeout) {
        VaultResponse[] last = new VaultResponse[1];
        try {
            Wait.until("logins through " + mount + " to be " + what, timeout, Duration.ofSeconds(1), () -> {
                last[0] = workloadLogin(mount);
                return (last[0].status() == 200) == admitted
                        ? Seen.done(String.valueOf(last[0].status()))
                        : Seen.notYet(last[0].status() + " " + last[0].errors());
            });
        } catch (Wait.TimeoutException stillTheSame) {
            LOG.info("{}: logins through {} not {} within {}", guide.spec(), mount, what, timeout);
        }
        return last[0];
    }

    private VaultResponse workloadLogin(String mount) {
        return guide.login(mount, Guide.ROLE, guide.serviceAccountToken(TokenKind.TOKEN_REQUEST));
    }

    /**
     * Puts the token of a new pod of a ServiceAccount in the pod's files, as if Vault now ran in that pod (the
     * check puts the guide's back when it ends); the new pod.
     */
    private Pod runInANewPodOf(InPod pod, String serviceAccount, String podName) {
        Pod other = guide.inKubernetes()
                .objects()
                .createUnschedulablePod(guide.names().namespace(), podName, serviceAccount);
        pod.writeToken(guide.inKubernetes().objects().tokens().tokenBoundTo(other, KUBELET_TOKEN_SECONDS));
        return other;
    }

    /** A mount with the guide's role and a config with only the API server's address, as a pod reaches it. */
    private String hostOnlyMount(InPod pod, String purpose) {
        String mount = guide.inVault().mountWithoutConfig(purpose);
        guide.inVault().writeConfig(mount, hostOnly(pod));
        return mount;
    }

    private static Map<String, Object> hostOnly(InPod pod) {
        return Map.of("kubernetes_host", pod.kubernetesHost().toString());
    }

    private Map<String, Object> withCa(InPod pod, Map<String, Object> more) {
        Map<String, Object> config = new LinkedHashMap<>(hostOnly(pod));
        config.put("kubernetes_ca_cert", guide.cluster().caPem());
        config.putAll(more);
        return config;
    }

    /** The pod of this guide's server; where the target makes none, the check is skipped with the target's reason. */
    private InPod pod() {
        Assumptions.assumeTrue(
                guide.vaultsPod().isPresent(),
                () -> guide.target().whyNoVaultInAPod().orElse("the server runs in no pod"));
        return guide.vaultsPod().orElseThrow();
    }

    /**
     * The same, for a check that rewrites the pod's files as the kubelet would: skipped in the pod of a Vault the run
     * did not start, whose files are its kubelet's alone.
     */
    private InPod podWhoseFilesTheRunWrites() {
        InPod pod = pod();
        Assumptions.assumeTrue(
                pod.filesWritten(),
                () -> "the check puts other tokens or CAs in the pod's files as a kubelet would, and the files of "
                        + pod + " are its kubelet's alone");
        return pod;
    }
}
