package dev.vkac.conformance;

import static dev.vkac.conformance.VaultResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vkac.clients.VaultResponse;
import dev.vkac.config.ServerKind;
import dev.vkac.config.Versions;
import dev.vkac.fixtures.Guide;
import dev.vkac.fixtures.TokenKind;
import dev.vkac.junit.Check;
import dev.vkac.junit.ConformanceTest;
import dev.vkac.junit.DiffersBetweenReleases;
import dev.vkac.junit.SupportedSince;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Around the guide's steps 3 and 5: what a configuration must carry, and namespaces chosen by label. */
@ConformanceTest
public class AuthMethodOptionsIT extends GuideConformance {

    static final String SELECTOR_ROLE = "demo-role-by-namespace-label";
    static final String LABEL = "vkac-selected";
    /** A namespace selector, in JSON, of the namespaces labelled LABEL=true. */
    static final String LABELLED = "{\"matchLabels\":{\"" + LABEL + "\":\"true\"}}";

    static final String SELECTOR_EVIDENCE =
            "Vault: changelog of 1.16.0; OpenBao: the selector is in its Kubernetes method from 2.0.0";

    @Test
    @Order(1)
    @Check(
            id = "CONFIG-REQUIRES-CA",
            step = 3,
            must =
                    "Outside a pod, a config without kubernetes_ca_cert is refused with 400, naming the in-pod CA file it lacks",
            parameters = {"config/kubernetes_ca_cert"})
    void configWithoutCaIsRefused() {
        guide.assumeOutsideAnyPod();
        // Given a second Kubernetes auth mount (Vault runs outside any pod, so it has no in-pod CA file)
        String mount = guide.names().authPath("no-ca");
        guide.inVault().enableAuthMethod(mount);
        // When its config is written with the API server's address only
        VaultResponse config = guide.vaultAsRoot()
                .write(
                        "auth/" + mount + "/config",
                        Map.of("kubernetes_host", guide.cluster().urlSeenByVault()));
        // Then the server refuses it, saying which CA file it looked for
        assertThat(config).isRefusedWith(400, "/var/run/secrets/kubernetes.io/serviceaccount/ca.crt");
    }

    @Test
    @Order(2)
    @SupportedSince(
            vault = "1.16.0",
            openbao = "2.0.0",
            feature = "bound_service_account_namespace_selector",
            evidence =
                    "Vault: changelog of 1.16.0; OpenBao: the selector is in its Kubernetes method from 2.0.0. Observed: Vault 1.14.8"
                            + " refuses the role write with 400 \"bound_service_account_namespaces\" can not be empty; OpenBao 2.6.1 to 2.7.2"
                            + " accept it and, once the reviewer may get namespaces, admit labelled namespaces only")
    @Check(
            id = "NAMESPACE-SELECTOR",
            step = 5,
            must =
                    "A role that selects namespaces by label admits ServiceAccounts of labelled namespaces and refuses the others with 403",
            parameters = {"role/bound_service_account_namespace_selector"})
    void namespaceSelectorAdmitsLabelledNamespacesOnly() {
        // Given a role that binds default ServiceAccounts of namespaces labelled vkac-selected=true, the label on
        // the guide's namespace, and the reviewer allowed to read namespaces (which the server needs to see labels)
        guide.inKubernetes().letReviewerReadNamespaces();
        guide.inVault().writeRole(SELECTOR_ROLE, selectorRole(LABELLED));
        guide.inKubernetes().labelNamespace(guide.names().namespace(), LABEL, "true");
        // When the default ServiceAccounts of that namespace and of another one log in through it
        VaultResponse labelled = guide.login(SELECTOR_ROLE, guide.inKubernetes().tokenFor("default"));
        VaultResponse unlabelled = guide.login(
                SELECTOR_ROLE,
                guide.inKubernetes().tokenIn(guide.inKubernetes().otherNamespace(), "default", List.of()));
        // Then only the labelled namespace is admitted
        assertThat(labelled).hasStatus(200);
        assertThat(unlabelled).isLoginRefusedWith(403, "namespace not authorized");
    }

    @Test
    @Order(2)
    @SupportedSince(
            vault = "1.16.0",
            openbao = "2.0.0",
            feature = "bound_service_account_namespace_selector",
            evidence = SELECTOR_EVIDENCE)
    @Check(
            id = "NAMESPACE-SELECTOR-NEEDS-NAMESPACE-READ",
            step = 5,
            must =
                    "A role that selects namespaces by label admits a labelled namespace's ServiceAccount where the reviewer may read"
                            + " namespaces, and refuses it with 403 naming the failed namespace lookup where the reviewer may only review tokens,"
                            + " or where there is no reviewer JWT (the login's own token, which reviews itself, is not used to read namespaces)",
            parameters = {"role/bound_service_account_namespace_selector", "config/token_reviewer_jwt"})
    void namespaceSelectorFailsClosedWhenTheNamespaceCannotBeRead() {
        guide.assumeOutsideAnyPod(); // in a pod, the pod's token reviews where no reviewer JWT is given
        // Given the selector role on two mounts: one whose reviewer may review tokens (system:auth-delegator) and
        // nothing
        // more, one with the guide's reviewer, allowed to read namespaces; and the label on the guide's namespace
        String reviewerOnly = guide.inVault().mountWithReviewerThatOnlyReviews("selector-unreadable", Map.of());
        guide.inKubernetes().letReviewerReadNamespaces();
        String readable = guide.inVault().mountLikeTheGuide("selector-readable", Map.of());
        Map<String, Object> role = selectorRole(LABELLED);
        guide.inVault().writeRole(reviewerOnly, SELECTOR_ROLE, role);
        guide.inVault().writeRole(readable, SELECTOR_ROLE, role);
        String withoutReviewer = guide.inVault().mountLikeTheGuide("selector-no-reviewer-jwt", null, Map.of());
        guide.inVault().writeRole(withoutReviewer, SELECTOR_ROLE, role);
        guide.inKubernetes()
                .bindToAuthDelegator("default"); // so that, without a reviewer JWT, its token reviews itself
        guide.inKubernetes().labelNamespace(guide.names().namespace(), LABEL, "true");
        String token = guide.inKubernetes().tokenFor("default");
        // When the labelled namespace's default ServiceAccount logs in on each
        VaultResponse admitted = guide.login(readable, SELECTOR_ROLE, token);
        VaultResponse unreadable = guide.login(reviewerOnly, SELECTOR_ROLE, token);
        VaultResponse noReviewer = guide.login(withoutReviewer, SELECTOR_ROLE, token);
        // Then only the mount whose reviewer may read the namespace admits it; the others refuse it, saying why the
        // lookup failed
        assertThat(admitted).hasStatus(200);
        assertThat(unreadable).isRefusedWith(403, "namespace not authorized err=failed to get namespace (code 403");
        assertThat(noReviewer)
                .isRefusedWith(
                        403,
                        "namespace not authorized err=namespace lookup failed: TokenReviewer JWT needs to be configured");
    }

    @Test
    @Order(2)
    @SupportedSince(
            vault = "1.16.0",
            openbao = "2.0.0",
            feature = "bound_service_account_namespace_selector",
            evidence = SELECTOR_EVIDENCE)
    @Check(
            id = "NAMESPACE-SELECTOR-INVALID-REFUSED",
            step = 5,
            must =
                    "A namespace selector with matchExpressions, or that is neither YAML nor JSON, is refused at the role write with 400;"
                            + " one whose label key is no label key refuses every login with 403 naming it, where a valid selector, in YAML,"
                            + " admits the same ServiceAccount",
            parameters = {"role/bound_service_account_namespace_selector"})
    void invalidNamespaceSelectorsAreRefused() {
        // Given the reviewer allowed to read namespaces, and the label on the guide's namespace
        guide.inKubernetes().letReviewerReadNamespaces();
        guide.inKubernetes().labelNamespace(guide.names().namespace(), LABEL, "true");
        String token = guide.inKubernetes().tokenFor("default");
        // When selector roles are written: in YAML, with matchExpressions, neither YAML nor JSON, with a key no label
        // may have
        VaultResponse yaml =
                guide.inVault().writeRole("selector-yaml", selectorRole("matchLabels:\n  " + LABEL + ": \"true\"\n"));
        String roles = "auth/" + guide.names().authPath() + "/role/";
        VaultResponse expressions = guide.vaultAsRoot()
                .write(
                        roles + "selector-expressions",
                        selectorRole("{\"matchExpressions\":[{\"key\":\"" + LABEL
                                + "\",\"operator\":\"In\",\"values\":[\"true\"]}]}"));
        VaultResponse notYaml =
                guide.vaultAsRoot().write(roles + "selector-not-yaml", selectorRole("{\"matchLabels\": ["));
        VaultResponse badKey =
                guide.inVault().writeRole("selector-bad-key", selectorRole("{\"matchLabels\":{\"no key!\":\"true\"}}"));
        // Then the YAML one admits, the two malformed ones are refused at once, and the bad key refuses the login,
        // naming it
        assertThat(yaml.isSuccess())
                .as("the YAML selector's role written: %s", yaml)
                .isTrue();
        assertThat(guide.login("selector-yaml", token)).hasStatus(200);
        assertThat(expressions).isRefusedWith(400, "invalid \"bound_service_account_namespace_selector\" configured");
        assertThat(notYaml).isRefusedWith(400, "invalid \"bound_service_account_namespace_selector\" configured");
        assertThat(badKey.isSuccess())
                .as("the bad key's role written (only logins check label keys): %s", badKey)
                .isTrue();
        assertThat(guide.login("selector-bad-key", token))
                .isRefusedWith(403, "namespace not authorized err=")
                .isRefusedWith(403, "no key!");
    }

    /** A role like the guide's that binds default ServiceAccounts of the namespaces a selector selects. */
    private Map<String, Object> selectorRole(String selector) {
        return Map.of(
                "bound_service_account_names",
                List.of("default"),
                "bound_service_account_namespace_selector",
                selector,
                "policies",
                List.of(guide.names().policy()),
                "ttl",
                "1h");
    }

    @Test
    @Order(3)
    @DiffersBetweenReleases(
            what = "disable_local_ca_jwt=true without kubernetes_ca_cert",
            vault =
                    "refused with 400 before 1.17; from 1.17 (auth method v0.19.0) kept, the host's root CAs then verify the API server",
            openbao = "refused with 400",
            evidence =
                    "observed: Vault 1.14.8 with auth method v0.16.0 to v0.18.0 and OpenBao 2.6.1 to 2.7.2 refuse it; Vault 1.14.8 with"
                            + " v0.19.0 to v0.24.1 keep it and refuse the login, the cluster's CA being none of the host's")
    @Check(
            id = "LOCAL-CA-JWT-DISABLED",
            step = 3,
            must =
                    "disable_local_ca_jwt=true without kubernetes_ca_cert is refused with 400 (from Vault 1.17: kept, and logins refused for want of"
                            + " a CA that verifies the API server); with the CA it is kept, and logins work",
            parameters = {"config/disable_local_ca_jwt"})
    void disablingTheInPodCaAndJwtNeedsACa() {
        // Given a second Kubernetes auth mount, with the guide's role
        String mount = guide.names().authPath("no-local-ca");
        guide.inVault().enableAuthMethod(mount);
        guide.inVault().writeRole(mount, Guide.ROLE, guide.inVault().demoRole());
        String token = guide.serviceAccountToken(TokenKind.TOKEN_REQUEST);
        // When its config turns the in-pod CA and JWT off without a CA, and a login is tried, then again with the API
        // server's CA
        VaultResponse withoutCa = guide.vaultAsRoot()
                .write(
                        "auth/" + mount + "/config",
                        Map.of("kubernetes_host", guide.cluster().urlSeenByVault(), "disable_local_ca_jwt", true));
        VaultResponse loginWithoutCa = guide.login(mount, Guide.ROLE, token);
        guide.inVault().configureAuthMethod(mount, guide.reviewerJwt(), Map.of("disable_local_ca_jwt", true));
        VaultResponse read = guide.vaultAsRoot().read("auth/" + mount + "/config");
        VaultResponse login = guide.login(mount, Guide.ROLE, token);
        // Then without the CA the config is refused, or, from Vault 1.17, kept with logins refused; with the CA logins
        // work
        if (guide.spec().kind() == ServerKind.VAULT
                && Versions.compare(guide.spec().releaseOfItsAuthMethod(), "1.17.0") >= 0) {
            assertThat(withoutCa).hasStatus(204);
            assertThat(loginWithoutCa).isLoginRefusedWith(403, "permission denied");
        } else {
            assertThat(withoutCa)
                    .isRefusedWith(400, "kubernetes_ca_cert must be given when disable_local_ca_jwt is true");
        }
        assertThat(read.data()).containsEntry("disable_local_ca_jwt", true);
        assertThat(login).hasStatus(200);
    }

    @Test
    @Order(4)
    @Check(
            id = "CONFIG-EVERY-FIELD-READS-BACK",
            step = 3,
            must =
                    "A config written with every parameter set reads back with each value as written, and never with the reviewer JWT",
            parameters = {
                "config/kubernetes_host",
                "config/kubernetes_ca_cert",
                "config/pem_keys",
                "config/issuer",
                "config/disable_iss_validation",
                "config/disable_local_ca_jwt"
            })
    void everyConfigFieldReadsBack() {
        // Given a mount configured like the guide's with every other parameter set away from its default
        List<String> keys = guide.inKubernetes().apiServer().serviceAccountSigningKeysPem();
        String issuer = guide.inKubernetes().apiServer().serviceAccountIssuer();
        String mount = guide.inVault()
                .mountLikeTheGuide(
                        "every-field",
                        Map.of(
                                "pem_keys",
                                keys,
                                "issuer",
                                issuer,
                                "disable_iss_validation",
                                false,
                                "disable_local_ca_jwt",
                                true));
        // When its config is read back
        VaultResponse config = guide.vaultAsRoot().read("auth/" + mount + "/config");
        // Then every value is the one written (keys without their last line break), and the mount admits the guide's
        // workload
        assertThat(config.data())
                .containsEntry("kubernetes_host", guide.cluster().urlSeenByVault())
                .containsEntry("kubernetes_ca_cert", guide.cluster().caPem())
                .containsEntry("pem_keys", keys.stream().map(String::strip).toList())
                .containsEntry("issuer", issuer)
                .containsEntry("disable_iss_validation", false)
                .containsEntry("disable_local_ca_jwt", true)
                .doesNotContainKey("token_reviewer_jwt");
        assertThat(config.toString()).doesNotContain(guide.reviewerJwt());
        assertThat(guide.login(mount, Guide.ROLE, guide.serviceAccountToken(TokenKind.TOKEN_REQUEST)))
                .hasStatus(200);
    }

    @Test
    @Order(5)
    @Check(
            id = "CONFIG-INVALID-VALUES-REFUSED",
            step = 3,
            must =
                    "A config without kubernetes_host, or with pem_keys that hold no public key (no PEM, or a PKCS#1 RSA key where a PKIX key or a"
                            + " certificate belongs), is refused with 400 and leaves the mount's config as it was",
            parameters = {"config/kubernetes_host", "config/pem_keys"})
    void unusableConfigIsRefusedAndKeepsTheOldOne() {
        // Given a mount configured like the guide's, which admits the guide's workload
        String mount = guide.inVault().mountLikeTheGuide("invalid-config", Map.of());
        String token = guide.serviceAccountToken(TokenKind.TOKEN_REQUEST);
        assertThat(guide.login(mount, Guide.ROLE, token))
                .as("before the invalid writes")
                .hasStatus(200);
        VaultResponse before = guide.vaultAsRoot().read("auth/" + mount + "/config");
        // When a config lacking the host, then one whose pem_keys hold no key, is written over it (a reviewer JWT that
        // is
        // no JWT, and a CA that is no PEM, are refused by some releases only)
        VaultResponse noHost =
                writeConfig(mount, Map.of("kubernetes_ca_cert", guide.cluster().caPem()));
        VaultResponse noKey = writeConfig(
                mount,
                Map.of(
                        "kubernetes_host",
                        guide.cluster().urlSeenByVault(),
                        "kubernetes_ca_cert",
                        guide.cluster().caPem(),
                        "pem_keys",
                        List.of("not a PEM key")));
        // and one whose pem_keys hold a PEM block that is neither a PKIX public key nor a certificate (PKCS#1 RSA)
        VaultResponse pkcs1Key = writeConfig(
                mount,
                Map.of(
                        "kubernetes_host",
                        guide.cluster().urlSeenByVault(),
                        "kubernetes_ca_cert",
                        guide.cluster().caPem(),
                        "pem_keys",
                        List.of(pkcs1RsaPublicKeyPem())));
        // Then each is refused, naming what is wrong ("valid RSA or ECDSA public keys" or "valid public keys", by
        // release),
        // and the mount keeps its config and still admits the workload
        assertThat(noHost).isRefusedWith(400, "no host provided");
        assertThat(noKey).isRefusedWith(400, "data does not contain any valid");
        assertThat(pkcs1Key).as("pem_keys holding a PKCS#1 RSA key").hasStatus(400);
        assertThat(guide.vaultAsRoot().read("auth/" + mount + "/config").data()).isEqualTo(before.data());
        assertThat(guide.login(mount, Guide.ROLE, token))
                .as("after the invalid writes")
                .hasStatus(200);
    }

    /** An RSA public key as a PEM block of PKCS#1 ("RSA PUBLIC KEY"), which is no PKIX key and no certificate. */
    private static String pkcs1RsaPublicKeyPem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            byte[] pkcs1 = SubjectPublicKeyInfo.getInstance(
                            generator.generateKeyPair().getPublic().getEncoded())
                    .parsePublicKey()
                    .getEncoded();
            return "-----BEGIN RSA PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(pkcs1) + "\n-----END RSA PUBLIC KEY-----\n";
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private VaultResponse writeConfig(String mount, Map<String, ?> config) {
        return guide.vaultAsRoot().write("auth/" + mount + "/config", config);
    }

    @Test
    @Order(6)
    @DiffersBetweenReleases(
            what = "whether the config read says a reviewer JWT is set",
            vault = "not before 1.16; from 1.16 (auth method v0.18.0) token_reviewer_jwt_set",
            openbao = "token_reviewer_jwt_set",
            evidence =
                    "observed: Vault 1.14.8 with auth method v0.16.0 and v0.17.1 do not say; with v0.18.0 to v0.24.1, and OpenBao 2.6.1 to"
                            + " 2.7.2, say it")
    @Check(
            id = "CONFIG-REVIEWER-JWT-SET",
            step = 3,
            must =
                    "The config read says whether a reviewer JWT is set (token_reviewer_jwt_set, from Vault 1.16), and never what it is",
            parameters = {"config/token_reviewer_jwt"})
    void configSaysWhetherAReviewerJwtIsSet() {
        // Given the guide's mount, configured with the reviewer's JWT, and one configured without a reviewer JWT
        String withoutJwt = guide.inVault().mountLikeTheGuide("no-reviewer-jwt", null, Map.of());
        // When both configs are read
        VaultResponse with = guide.vaultAsRoot().read("auth/" + guide.names().authPath() + "/config");
        VaultResponse without = guide.vaultAsRoot().read("auth/" + withoutJwt + "/config");
        // Then each says whether it has one, where the release says so, and neither carries a JWT
        if (guide.spec().kind() == ServerKind.OPENBAO
                || Versions.compare(guide.spec().releaseOfItsAuthMethod(), "1.16.0") >= 0) {
            assertThat(with.data()).containsEntry("token_reviewer_jwt_set", true);
            assertThat(without.data()).containsEntry("token_reviewer_jwt_set", false);
        } else {
            assertThat(with.data()).doesNotContainKey("token_reviewer_jwt_set");
            assertThat(without.data()).doesNotContainKey("token_reviewer_jwt_set");
        }
        assertThat(with.data()).doesNotContainKey("token_reviewer_jwt");
        assertThat(with.toString()).doesNotContain(guide.reviewerJwt());
    }

    @Test
    @Order(7)
    @DiffersBetweenReleases(
            what = "a kubernetes_ca_cert that holds no certificate",
            vault = "kept before 1.17 (then no login passes); refused with 400 from 1.17 (auth method v0.19.0)",
            openbao = "kept (then no login passes)",
            evidence =
                    "observed: Vault 1.14.8 with auth method v0.16.0 to v0.18.0, and OpenBao 2.6.1 to 2.7.2, keep it; with v0.19.0 to"
                            + " v0.24.1 refuse it")
    @Check(
            id = "CONFIG-CA-WITHOUT-CERTIFICATE",
            step = 3,
            must =
                    "A config whose kubernetes_ca_cert holds no certificate is refused with 400 from Vault 1.17; where it is kept, no login passes",
            parameters = {"config/kubernetes_ca_cert"})
    void caWithoutACertificate() {
        // Given a token the guide's mount admits, and a second mount with the guide's role but no config yet (a mount
        // that
        // had reached the API server would keep its verified connection open, whatever CA is written next)
        String token = guide.serviceAccountToken(TokenKind.TOKEN_REQUEST);
        assertThat(guide.login(Guide.ROLE, token))
                .as("the same token on the guide's mount")
                .hasStatus(200);
        String mount = guide.names().authPath("ca-without-certificate");
        guide.inVault().enableAuthMethod(mount);
        guide.inVault().writeRole(mount, Guide.ROLE, guide.inVault().demoRole());
        // When the second mount is configured like the guide's but with a CA that holds no certificate, and the token
        // logs in there
        VaultResponse config = guide.vaultAsRoot()
                .write(
                        "auth/" + mount + "/config",
                        Map.of(
                                "kubernetes_host",
                                guide.cluster().urlSeenByVault(),
                                "kubernetes_ca_cert",
                                "not a PEM certificate",
                                "token_reviewer_jwt",
                                guide.reviewerJwt()));
        VaultResponse login = guide.login(mount, Guide.ROLE, token);
        // Then the config is refused; or it is kept, and with nothing to verify the API server no login passes
        if (guide.spec().kind() == ServerKind.VAULT
                && Versions.compare(guide.spec().releaseOfItsAuthMethod(), "1.17.0") >= 0) {
            assertThat(config).isRefusedWith(400, "The provided CA PEM data contains no valid certificates");
        } else {
            assertThat(config).hasStatus(204);
            assertThat(login).isLoginRefusedWith(403, "permission denied");
        }
    }

    @Test
    @Order(8)
    @Check(
            id = "CONFIG-KEPT-ACROSS-RELOAD",
            step = 3,
            must =
                    "Once its backend is reloaded (sys/plugins/reload/backend), a mount keeps its config and roles and admits the guide's workload at once",
            parameters = {"config/kubernetes_ca_cert"})
    void configAndRolesSurviveAReload() {
        // Given a mount configured like the guide's, which admits the guide's workload
        String mount = guide.inVault().mountLikeTheGuideToReload("reloaded");
        String token = guide.serviceAccountToken(TokenKind.TOKEN_REQUEST);
        assertThat(guide.login(mount, Guide.ROLE, token))
                .as("before the reload")
                .hasStatus(200);
        // When its backend is reloaded (Vault starts it afresh from its stored config)
        VaultResponse reload = reloadOrSkip(mount);
        // Then the config and role read back, and the workload is admitted at once (not once a periodic update has run)
        assertThat(reload).hasStatus(200);
        assertThat(guide.vaultAsRoot().read("auth/" + mount + "/config").data())
                .containsEntry("kubernetes_ca_cert", guide.cluster().caPem());
        assertThat(guide.vaultAsRoot().read("auth/" + mount + "/role/" + Guide.ROLE))
                .hasStatus(200);
        assertThat(guide.login(mount, Guide.ROLE, token)).as("after the reload").hasStatus(200);
    }

    @Test
    @Order(9)
    @Check(
            id = "LOGIN-WITHOUT-CONFIG-REFUSED",
            step = 3,
            must =
                    "A login through a role of a mount that has no config yet is refused with an error saying so, never answered with an empty success")
    void loginBeforeTheConfigIsRefused() {
        // Given a mount with the guide's role but no config yet
        String mount = guide.names().authPath("not-configured");
        guide.inVault().enableAuthMethod(mount);
        guide.inVault().writeRole(mount, Guide.ROLE, guide.inVault().demoRole());
        String token = guide.serviceAccountToken(TokenKind.TOKEN_REQUEST);
        // When the guide's workload logs in there, and again once the mount is configured like the guide's
        VaultResponse beforeTheConfig = guide.login(mount, Guide.ROLE, token);
        guide.inVault().configureAuthMethod(mount, guide.reviewerJwt());
        VaultResponse afterTheConfig = guide.login(mount, Guide.ROLE, token);
        // Then the server first says it has no configuration (a server error: the operator's, not the caller's)
        assertThat(afterTheConfig)
                .as("the same login once the mount is configured")
                .hasStatus(200);
        assertThat(beforeTheConfig).isLoginRefusedWith(500, "could not load backend configuration");
    }

    @Test
    @Order(10)
    @DiffersBetweenReleases(
            what = "a token_reviewer_jwt that is no JWT",
            vault = "refused before 1.15; kept from 1.15 (auth method v0.17.1: any bearer token may review)",
            openbao = "kept",
            evidence =
                    "observed: Vault 1.14.8 with auth method v0.16.0 refuses it with 500 and the JWT parser's message; with v0.17.1 to"
                            + " v0.24.1, and OpenBao 2.6.1 to 2.7.2, keep it")
    @Check(
            id = "CONFIG-REVIEWER-JWT-NOT-A-JWT",
            step = 3,
            must =
                    "A token_reviewer_jwt that is no JWT is refused before Vault 1.15, and kept from 1.15 (any bearer token may review)",
            parameters = {"config/token_reviewer_jwt"})
    void reviewerJwtThatIsNoJwt() {
        // Given a second mount
        String mount = guide.names().authPath("opaque-reviewer");
        guide.inVault().enableAuthMethod(mount);
        // When it is configured like the guide's but with a reviewer token that is no JWT
        VaultResponse config = guide.vaultAsRoot()
                .write(
                        "auth/" + mount + "/config",
                        Map.of(
                                "kubernetes_host",
                                guide.cluster().urlSeenByVault(),
                                "kubernetes_ca_cert",
                                guide.cluster().caPem(),
                                "token_reviewer_jwt",
                                "not-a-jwt"));
        // Then it is refused, or kept, as the release says
        if (guide.spec().kind() == ServerKind.VAULT
                && Versions.compare(guide.spec().releaseOfItsAuthMethod(), "1.15.0") < 0) {
            assertThat(config).isRefusedWith(500, "compact JWS format must have three parts");
        } else {
            assertThat(config).hasStatus(204);
        }
    }

    @Test
    @Order(11)
    @Check(
            id = "CONFIG-HOST-NOT-A-URL-REFUSES",
            step = 3,
            must =
                    "A config whose kubernetes_host is no URL is kept, and every login on that mount is refused with 403 \"permission denied\""
                            + " (no TokenReview can be sent); the same token on the guide's mount is admitted",
            parameters = {"config/kubernetes_host"})
    void hostThatIsNoUrlRefusesLogins() {
        // Given a mount configured like the guide's but for a kubernetes_host that no URL parser takes, and a token
        // that the
        // guide's mount admits
        String mount = guide.names().authPath("host-not-a-url");
        guide.inVault().enableAuthMethod(mount);
        guide.inVault().writeRole(mount, Guide.ROLE, guide.inVault().demoRole());
        VaultResponse config = writeConfig(
                mount,
                Map.of(
                        "kubernetes_host",
                        "https://not a host:6443",
                        "kubernetes_ca_cert",
                        guide.cluster().caPem(),
                        "token_reviewer_jwt",
                        guide.reviewerJwt()));
        String token = guide.serviceAccountToken(TokenKind.TOKEN_REQUEST);
        assertThat(guide.login(Guide.ROLE, token))
                .as("the same token on the guide's mount")
                .hasStatus(200);
        // When default/default logs in there
        VaultResponse login = guide.login(mount, Guide.ROLE, token);
        // Then the config was kept, and the login is refused like any failed TokenReview
        assertThat(config).as("the config write").hasStatus(204);
        assertThat(login).isLoginRefusedWith(403, "permission denied");
    }

    @Test
    @Order(11)
    @Check(
            id = "CONFIG-HOST-TRAILING-SLASH",
            step = 3,
            must =
                    "A kubernetes_host written with a trailing slash (as copied from a browser) reads back as written and still reaches the"
                            + " TokenReview API: the guide's workload logs in",
            parameters = {"config/kubernetes_host"})
    void hostWithATrailingSlashStillReachesTheApiServer() {
        // Given a mount configured like the guide's but for a kubernetes_host ending in "/"
        String host = guide.cluster().urlSeenByVault() + "/";
        String mount = guide.inVault().mountLikeTheGuide("host-trailing-slash", Map.of("kubernetes_host", host));
        // When default/default logs in there
        VaultResponse login = guide.login(mount, Guide.ROLE, guide.serviceAccountToken(TokenKind.TOKEN_REQUEST));
        // Then the host is kept as written, and the TokenReview went to the API server, not to "//apis/..." (404)
        assertThat(guide.vaultAsRoot().read("auth/" + mount + "/config").data()).containsEntry("kubernetes_host", host);
        assertThat(login).hasStatus(200);
    }

    @Test
    @Order(12)
    @Check(
            id = "DEPRECATED-PARAMETERS-DOCUMENTED",
            step = 5,
            must =
                    "The mount's help (its OpenAPI document) marks the legacy role parameters (policies, num_uses, ttl, max_ttl, period,"
                            + " bound_cidrs) and the config's issuer and disable_iss_validation deprecated, and their token_ successors not",
            parameters = {
                "role/policies",
                "role/num_uses",
                "role/ttl",
                "role/max_ttl",
                "role/period",
                "role/bound_cidrs",
                "config/issuer",
                "config/disable_iss_validation"
            })
    void legacyParametersAreDocumentedAsDeprecated() {
        // Given the guide's mount
        String mount = "auth/" + guide.names().authPath();
        // When the help of its role and config paths is read
        Map<String, Map<String, Object>> role =
                openApiProperties(guide.vaultAsRoot().read(mount + "/role/" + Guide.ROLE + "?help=1"));
        Map<String, Map<String, Object>> config =
                openApiProperties(guide.vaultAsRoot().read(mount + "/config?help=1"));
        // Then exactly the legacy names are deprecated
        for (String legacy : List.of("policies", "num_uses", "ttl", "max_ttl", "period", "bound_cidrs")) {
            assertThat(role.get(legacy)).as("role parameter %s", legacy).containsEntry("deprecated", true);
            assertThat(role.get("token_" + legacy))
                    .as("role parameter token_%s", legacy)
                    .doesNotContainEntry("deprecated", true);
        }
        assertThat(config.get("issuer")).as("config parameter issuer").containsEntry("deprecated", true);
        assertThat(config.get("disable_iss_validation"))
                .as("config parameter disable_iss_validation")
                .containsEntry("deprecated", true);
        assertThat(config.get("kubernetes_host"))
                .as("config parameter kubernetes_host")
                .doesNotContainEntry("deprecated", true);
    }

    @Test
    @Order(13)
    @Check(
            id = "LEGACY-STORED-CONFIG-WITHOUT-CA",
            step = 3,
            must =
                    "A config stored without kubernetes_ca_cert, as releases up to Vault 1.10 stored one outside a pod, fails every login"
                            + " with 500 naming the in-pod CA file it then reads; written again with the CA, the mount admits",
            parameters = {"config/kubernetes_ca_cert", "config/disable_local_ca_jwt"})
    void configStoredWithoutCaFailsLoginsUntilRewritten() {
        guide.assumeOutsideAnyPod();
        // Given a mount like the guide's whose stored config is then replaced, through sys/raw, by the same config
        // without
        // its CA, as an older release stored it
        String mount = guide.inVault().mountLikeTheGuide("stored-without-ca", Map.of());
        VaultResponse stored = guide.inVault()
                .writeMountStorageAsAnOlderRelease(
                        mount, "config", guide.inVault().configAsStored(Map.of("ca_cert", "")));
        String token = guide.serviceAccountToken(TokenKind.TOKEN_REQUEST);
        // When default/default logs in there, and again once the config is written with the CA
        VaultResponse withoutCa = guide.login(mount, Guide.ROLE, token);
        guide.inVault().configureAuthMethod(mount, guide.reviewerJwt());
        VaultResponse withCa = guide.login(mount, Guide.ROLE, token);
        // Then the first login fails on the missing in-pod CA file, and the second is admitted
        assertThat(stored).hasStatus(204);
        assertThat(withoutCa)
                .isLoginRefusedWith(
                        500, "open /var/run/secrets/kubernetes.io/serviceaccount/ca.crt: no such file or directory");
        assertThat(withCa).as("the login once the config has its CA").hasStatus(200);
    }

    @Test
    @Order(13)
    @DiffersBetweenReleases(
            what = "the status of a reload its backend refuses",
            vault = "500",
            openbao = "400",
            evidence =
                    "observed: Vault 1.14.8 with its own auth method and with v0.16.0 and v0.24.1 as plugins answer 500, OpenBao 2.6.1 and"
                            + " 2.7.2 answer 400, each naming the in-pod CA file")
    @Check(
            id = "LEGACY-STORED-CONFIG-WITHOUT-CA-RELOAD",
            step = 3,
            must =
                    "A mount that reloads while its config has its CA refuses to reload once its config is stored without kubernetes_ca_cert"
                            + " (as releases up to Vault 1.10 stored one outside a pod), naming the in-pod CA file it then reads",
            parameters = {"config/kubernetes_ca_cert"})
    void reloadOfAConfigStoredWithoutCaIsRefused() {
        guide.assumeOutsideAnyPod();
        // Given a mount configured like the guide's, in a plugin process of its own, whose backend reloads
        String mount = guide.inVault().mountConfiguredToReload("reload-without-ca");
        VaultResponse withCa = reloadOrSkip(mount);
        assertThat(withCa).as("the reload while the config has its CA").hasStatus(200);
        // and whose stored config is then replaced, through sys/raw, by the same config without its CA
        VaultResponse stored = guide.inVault()
                .writeMountStorageAsAnOlderRelease(
                        mount, "config", guide.inVault().configAsStored(Map.of("ca_cert", "")));
        // When its backend is reloaded again (Vault initializes it from that stored config)
        VaultResponse withoutCa = reload(mount);
        // Then the backend refuses to start, and Vault says why (nothing is asserted on the mount after: OpenBao 2.7
        // leaves
        // it without a backend)
        assertThat(stored).hasStatus(204);
        assertThat(withoutCa)
                .isRefusedWith(
                        guide.spec().kind() == ServerKind.OPENBAO ? 400 : 500,
                        "open /var/run/secrets/kubernetes.io/serviceaccount/ca.crt: no such file or directory");
    }

    @Test
    @Order(14)
    @Check(
            id = "STORED-CONFIG-UNPARSABLE-RELOAD",
            step = 3,
            must =
                    "A mount that reloads refuses to reload once its stored config holds pem_keys certificates of negative serial number,"
                            + " naming the serial, where its build cannot read them; a build that reads them (its config read answers 200) reloads",
            parameters = {"config/pem_keys"})
    void reloadOfAConfigItCannotParseIsRefused() {
        // Given a mount configured like the guide's, in a plugin process of its own, whose backend reloads
        String mount = guide.inVault().mountConfiguredToReload("reload-negative-serial");
        VaultResponse first = reloadOrSkip(mount);
        assertThat(first).as("the reload of the config as written").hasStatus(200);
        // and whose stored config is then replaced, through sys/raw, by one with pem_keys certificates of negative
        // serial number
        VaultResponse stored = guide.inVault()
                .writeMountStorageAsAnOlderRelease(
                        mount,
                        "config",
                        guide.inVault()
                                .configAsStored(Map.of(
                                        "pem_keys",
                                        guide.inKubernetes()
                                                .apiServer()
                                                .serviceAccountSigningKeysAsCertificatesPem(
                                                        BigInteger.valueOf(-20230815L)))));
        assertThat(stored).hasStatus(204);
        // When the config is read, and the backend reloaded (Vault initializes it from that stored config)
        VaultResponse read = guide.vaultAsRoot().read("auth/" + mount + "/config");
        VaultResponse reloaded = reload(mount);
        // Then the reload fails exactly where the read does, for the same reason
        if (read.status() == 200) {
            assertThat(reloaded)
                    .as("the reload where the certificates are read")
                    .hasStatus(200);
        } else {
            assertThat(read).isRefusedWith(500, "x509: negative serial number");
            assertThat(reloaded)
                    .isRefusedWith(
                            guide.spec().kind() == ServerKind.OPENBAO ? 400 : 500, "x509: negative serial number");
        }
    }

    private VaultResponse reload(String mount) {
        return guide.vaultAsRoot()
                .write("sys/plugins/reload/backend", Map.of("mounts", List.of("auth/" + mount + "/")));
    }

    /** Reloads the mount's backend, or skips the check, saying why, where the token may not (the external target's rights). */
    private VaultResponse reloadOrSkip(String mount) {
        VaultResponse reload = reload(mount);
        Assumptions.assumeTrue(
                reload.status() != 403,
                "the token may not reload plugins: sys/plugins/reload/backend needs sudo, which"
                        + " fixtures/external/vault-rights.hcl does not grant, since it would allow reloading any mount");
        return reload;
    }

    @Test
    @Order(14)
    @Check(
            id = "STORED-CONFIG-UNPARSABLE-NOT-UNCONFIGURED",
            step = 3,
            must =
                    "A config stored with pem_keys certificates of negative serial number (kept by builds before Go 1.23, refused by later"
                            + " ones) is read back and admits the workload, or fails read and login with 500 naming the serial; it is never taken for"
                            + " no config (404 on read, a login refused for want of one)",
            parameters = {"config/pem_keys"})
    void storedConfigItCannotParseIsAnErrorNotAnAbsence() {
        // Given a mount like the guide's whose stored config is replaced, through sys/raw, by one whose pem_keys are
        // the API
        // server's signing keys in certificates of negative serial number, as an older build stored them
        String mount = guide.inVault().mountLikeTheGuide("stored-negative-serial", Map.of());
        VaultResponse stored = guide.inVault()
                .writeMountStorageAsAnOlderRelease(
                        mount,
                        "config",
                        guide.inVault()
                                .configAsStored(Map.of(
                                        "pem_keys",
                                        guide.inKubernetes()
                                                .apiServer()
                                                .serviceAccountSigningKeysAsCertificatesPem(
                                                        BigInteger.valueOf(-20230815L)))));
        assertThat(stored).hasStatus(204);
        // When the config is read, and the guide's workload logs in there
        VaultResponse read = guide.vaultAsRoot().read("auth/" + mount + "/config");
        VaultResponse login = guide.login(mount, Guide.ROLE, guide.serviceAccountToken(TokenKind.TOKEN_REQUEST));
        // Then either the build reads such certificates (and the keys admit the workload), or both fail naming the
        // serial
        if (read.status() == 200) {
            assertThat(read.data().get("pem_keys"))
                    .as("the stored pem_keys")
                    .asInstanceOf(InstanceOfAssertFactories.LIST)
                    .hasSize(guide.inKubernetes()
                            .apiServer()
                            .serviceAccountSigningKeysPem()
                            .size());
            assertThat(login).as("the login where the certificates are read").hasStatus(200);
        } else {
            assertThat(read).isRefusedWith(500, "x509: negative serial number");
            assertThat(login).isLoginRefusedWith(500, "x509: negative serial number");
        }
    }

    @Test
    @Order(15)
    @Check(
            id = "LEGACY-STORED-CONFIG-PEM-KEYS-ONLY",
            step = 3,
            must =
                    "A config stored with pem_keys, no CA and disable_local_ca_jwt=true, as Vault 1.6 to 1.9 kept one, reloads (it never reads"
                            + " the in-pod CA file then) and refuses logins with 403 \"permission denied\" (no CA verifies the API server), never with 500",
            parameters = {"config/disable_local_ca_jwt", "config/pem_keys", "config/kubernetes_ca_cert"})
    void configStoredWithPemKeysAndNoCaReloadsWithoutTheInPodFile() {
        // Given a mount like the guide's (in a plugin process of its own) whose stored config is replaced, through
        // sys/raw, by
        // one with the API server's signing keys, no CA and disable_local_ca_jwt=true, as auth method v0.8 to v0.11
        // stored it
        String mount = guide.inVault().mountLikeTheGuideToReload("stored-pem-keys-only");
        VaultResponse stored = guide.inVault()
                .writeMountStorageAsAnOlderRelease(
                        mount,
                        "config",
                        guide.inVault()
                                .configAsStored(Map.of(
                                        "ca_cert",
                                        "",
                                        "pem_keys",
                                        guide.inKubernetes().apiServer().serviceAccountSigningKeysPem(),
                                        "disable_local_ca_jwt",
                                        true)));
        assertThat(stored).hasStatus(204);
        // When the backend is reloaded from that config (until then it keeps the TLS settings of the config written
        // before), and
        // the guide's workload logs in there
        VaultResponse reload = reloadOrSkip(mount);
        VaultResponse after = guide.login(mount, Guide.ROLE, guide.serviceAccountToken(TokenKind.TOKEN_REQUEST));
        // Then the reload succeeds, and the login is refused for want of a CA, never failing on the in-pod file
        assertThat(reload).hasStatus(200);
        assertThat(after).as("the login after the reload").isLoginRefusedWith(403, "permission denied");
    }

    /** Every parameter the help's OpenAPI document describes (under any schema's properties), by name. */
    private static Map<String, Map<String, Object>> openApiProperties(VaultResponse help) {
        assertThat(help).as("the help").hasStatus(200);
        Map<String, Map<String, Object>> found = new TreeMap<>();
        collectProperties(help.body().get("openapi"), found);
        return found;
    }

    private static void collectProperties(Object node, Map<String, Map<String, Object>> found) {
        if (node instanceof Map<?, ?> map) {
            if (map.get("properties") instanceof Map<?, ?> properties) {
                properties.forEach((name, schema) -> {
                    if (schema instanceof Map<?, ?> parameter) {
                        Map<String, Object> copy = new TreeMap<>();
                        parameter.forEach((key, value) -> copy.put(String.valueOf(key), value));
                        found.putIfAbsent(String.valueOf(name), copy);
                    }
                });
            }
            map.values().forEach(value -> collectProperties(value, found));
        } else if (node instanceof List<?> list) {
            list.forEach(value -> collectProperties(value, found));
        }
    }
}
