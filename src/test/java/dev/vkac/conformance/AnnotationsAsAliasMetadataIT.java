package dev.vkac.conformance;

import static dev.vkac.conformance.VaultResponseAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vkac.clients.VaultResponse;
import dev.vkac.fixtures.Guide;
import dev.vkac.fixtures.TokenKind;
import dev.vkac.junit.Check;
import dev.vkac.junit.ConformanceTest;
import dev.vkac.junit.SupportedSince;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Around the guide's steps 3 and 6: a config with use_annotations_as_alias_metadata=true makes Vault read the
 * ServiceAccount at each login (with the reviewer's token) and copy its vault.hashicorp.com/alias-metadata-&lt;key&gt;
 * annotations into the entity alias's metadata. Each check uses mounts of its own.
 */
@ConformanceTest
public class AnnotationsAsAliasMetadataIT extends GuideConformance {

    static final String PREFIX = "vault.hashicorp.com/alias-metadata-";
    static final String OPTION = "use_annotations_as_alias_metadata";
    static final String EVIDENCE =
            "Vault: auth method v0.18.0 (#226), which Vault 1.16.0 bundles; OpenBao: its Kubernetes method has no"
                    + " such config field (not in the bao binary of 2.6.1 to 2.7.2). Observed: Vault 1.14.8 with auth method v0.18.0 to v0.24.1";
    /** What the auth method itself puts in every alias's metadata, whatever the annotations. */
    static final List<String> OWN_KEYS = List.of(
            "service_account_uid", "service_account_name", "service_account_namespace", "service_account_secret_name");

    @Test
    @Order(1)
    @SupportedSince(vault = "1.16.0", openbao = SupportedSince.NO_RELEASE, feature = OPTION, evidence = EVIDENCE)
    @Check(
            id = "ALIAS-METADATA-FROM-ANNOTATIONS",
            step = 3,
            must = "With use_annotations_as_alias_metadata=true (read back so), a login's entity alias carries each"
                    + " vault.hashicorp.com/alias-metadata-<key> annotation of the ServiceAccount as <key>, and no other annotation;"
                    + " on a mount without it, none",
            parameters = {"config/use_annotations_as_alias_metadata"})
    void annotationsBecomeAliasMetadata() {
        // Given a ServiceAccount with an alias-metadata annotation and another one, the reviewer allowed to read it,
        // and a
        // role for it on a mount that takes annotations as alias metadata and on the guide's mount, which does not
        String serviceAccount = "vkac-annotated";
        guide.inKubernetes()
                .createServiceAccount(
                        serviceAccount, Map.of(PREFIX + "team", "payments", "owner", "not-alias-metadata"));
        guide.inKubernetes().letReviewerReadServiceAccounts();
        String mount = guide.inVault().mountLikeTheGuide("annotations", Map.of(OPTION, true));
        String role = roleFor(mount, serviceAccount);
        guide.inVault().writeRole(role, roleParameters(serviceAccount));
        String token = guide.inKubernetes().tokenFor(serviceAccount);
        // When it logs in on both mounts
        VaultResponse taken = guide.login(mount, role, token);
        VaultResponse notTaken = guide.login(role, token);
        // Then the option reads back, and only the alias on that mount has the prefixed annotation, under its key
        assertThat(guide.vaultAsRoot().read("auth/" + mount + "/config").data()).containsEntry(OPTION, true);
        assertThat(guide.vaultAsRoot()
                        .read("auth/" + guide.names().authPath() + "/config")
                        .data())
                .containsEntry(OPTION, false);
        assertThat(aliasMetadata(mount, taken))
                .containsEntry("team", "payments")
                .containsEntry("service_account_name", serviceAccount)
                .containsOnlyKeys(keysWith("team"));
        assertThat(aliasMetadata(guide.names().authPath(), notTaken)).containsOnlyKeys(OWN_KEYS);
    }

    @Test
    @Order(2)
    @SupportedSince(vault = "1.16.0", openbao = SupportedSince.NO_RELEASE, feature = OPTION, evidence = EVIDENCE)
    @Check(
            id = "ALIAS-METADATA-RESERVED-KEYS-REFUSED",
            step = 6,
            must =
                    "With use_annotations_as_alias_metadata=true, a ServiceAccount annotated with a key the auth method sets itself"
                            + " (service_account_name) is refused with 400 naming the key; one with its own key is admitted",
            parameters = {"config/use_annotations_as_alias_metadata"})
    void annotationsCannotOverrideTheAuthMethodsOwnKeys() {
        // Given a mount taking annotations as alias metadata, the reviewer allowed to read ServiceAccounts, and a role
        // for
        // each of two ServiceAccounts: one annotated with a key of its own, one with service_account_name
        guide.inKubernetes().letReviewerReadServiceAccounts();
        String mount = guide.inVault().mountLikeTheGuide("reserved-annotations", Map.of(OPTION, true));
        guide.inKubernetes().createServiceAccount("vkac-own-key", Map.of(PREFIX + "team", "payments"));
        guide.inKubernetes()
                .createServiceAccount("vkac-reserved-key", Map.of(PREFIX + "service_account_name", "someone-else"));
        // When both log in
        VaultResponse ownKey = guide.login(
                mount, roleFor(mount, "vkac-own-key"), guide.inKubernetes().tokenFor("vkac-own-key"));
        VaultResponse reservedKey = guide.login(
                mount, roleFor(mount, "vkac-reserved-key"), guide.inKubernetes().tokenFor("vkac-reserved-key"));
        // Then the one with its own key is admitted, and the one claiming service_account_name refused, saying which
        // key
        assertThat(ownKey).hasStatus(200);
        assertThat(reservedKey)
                .isLoginRefusedWith(
                        400,
                        "entity alias metadata keys for only internal use found from the client token's"
                                + " associated service account annotations: keys=[\"service_account_name\"]");
    }

    @Test
    @Order(3)
    @SupportedSince(vault = "1.16.0", openbao = SupportedSince.NO_RELEASE, feature = OPTION, evidence = EVIDENCE)
    @Check(
            id = "ALIAS-METADATA-NEEDS-SERVICEACCOUNT-READ",
            step = 1,
            must =
                    "With use_annotations_as_alias_metadata=true and a reviewer that may review tokens but not read ServiceAccounts,"
                            + " a login is refused with 500 saying the ServiceAccount could not be read (403); with a reviewer that may, admitted",
            parameters = {"config/use_annotations_as_alias_metadata", "config/token_reviewer_jwt"})
    void readingAnnotationsNeedsTheRightToReadServiceAccounts() {
        // Given two mounts taking annotations as alias metadata, with the guide's role: one whose reviewer may review
        // tokens
        // (system:auth-delegator) and nothing more, one with the guide's reviewer, allowed to read ServiceAccounts
        String reviewerOnly =
                guide.inVault().mountWithReviewerThatOnlyReviews("annotations-unreadable", Map.of(OPTION, true));
        guide.inVault().writeRole(reviewerOnly, Guide.ROLE, guide.inVault().demoRole());
        guide.inKubernetes().letReviewerReadServiceAccounts();
        String readable = guide.inVault().mountLikeTheGuide("annotations-readable", Map.of(OPTION, true));
        guide.inVault().writeRole(readable, Guide.ROLE, guide.inVault().demoRole());
        String token = guide.serviceAccountToken(TokenKind.TOKEN_REQUEST);
        // When default/default logs in on both
        VaultResponse unreadable = guide.login(reviewerOnly, Guide.ROLE, token);
        VaultResponse admitted = guide.login(readable, Guide.ROLE, token);
        // Then only the mount whose reviewer may read the ServiceAccount admits it; the other one fails reading it
        assertThat(admitted).hasStatus(200);
        assertThat(unreadable).isRefusedWith(500, "failed to get service account (code 403");
    }

    @Test
    @Order(4)
    @SupportedSince(vault = "1.16.0", openbao = SupportedSince.NO_RELEASE, feature = OPTION, evidence = EVIDENCE)
    @Check(
            id = "ALIAS-METADATA-WITHOUT-REVIEWER-JWT",
            step = 3,
            must =
                    "Without a reviewer JWT, use_annotations_as_alias_metadata reads the ServiceAccount with the login's own token: one that"
                            + " may read ServiceAccounts gets its annotations as alias metadata, one that may not is refused with 500 naming the 403",
            parameters = {"config/use_annotations_as_alias_metadata", "config/token_reviewer_jwt"})
    void withoutReviewerJwtTheLoginsOwnTokenReadsTheAnnotations() {
        guide.assumeOutsideAnyPod(); // in a pod, the pod's token reviews where no reviewer JWT is given
        // Given a mount without a reviewer JWT taking annotations as alias metadata, and two annotated ServiceAccounts
        // that
        // review their own tokens (system:auth-delegator), of which only the first may read ServiceAccounts
        String mount = guide.inVault().mountLikeTheGuide("annotations-self", null, Map.of(OPTION, true));
        String reading = "vkac-annotated-self", notReading = "vkac-annotated-blind";
        for (String serviceAccount : List.of(reading, notReading)) {
            guide.inKubernetes().createServiceAccount(serviceAccount, Map.of(PREFIX + "team", "payments"));
            guide.inKubernetes().bindToAuthDelegator(serviceAccount);
        }
        guide.inKubernetes().letReadServiceAccounts(reading);
        // When each logs in with its own token
        VaultResponse admitted =
                guide.login(mount, roleFor(mount, reading), guide.inKubernetes().tokenFor(reading));
        VaultResponse refused = guide.login(
                mount, roleFor(mount, notReading), guide.inKubernetes().tokenFor(notReading));
        // Then the one that may read ServiceAccounts has its annotation as metadata; the other is refused, the read
        // having failed
        assertThat(aliasMetadata(mount, admitted))
                .containsEntry("team", "payments")
                .containsOnlyKeys(keysWith("team"));
        assertThat(refused).isRefusedWith(500, "failed to get service account (code 403");
    }

    /** Writes a role on a mount for one ServiceAccount of the guide's namespace; its name. */
    private String roleFor(String mount, String serviceAccount) {
        String role = "role-" + serviceAccount;
        guide.inVault().writeRole(mount, role, roleParameters(serviceAccount));
        return role;
    }

    private Map<String, Object> roleParameters(String serviceAccount) {
        return Map.of(
                "bound_service_account_names",
                List.of(serviceAccount),
                "bound_service_account_namespaces",
                List.of(guide.names().namespace()),
                "policies",
                List.of(guide.names().policy()),
                "ttl",
                "1h");
    }

    private static List<String> keysWith(String key) {
        List<String> keys = new ArrayList<>(OWN_KEYS);
        keys.add(key);
        return keys;
    }

    /** The metadata of the alias on a mount of the entity a login was given. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> aliasMetadata(String mount, VaultResponse login) {
        assertThat(login).as("the login on " + mount).hasStatus(200);
        VaultResponse entity =
                guide.vaultAsRoot().read("identity/entity/id/" + login.auth().get("entity_id"));
        assertThat(entity).hasStatus(200);
        List<Map<String, Object>> aliases =
                (List<Map<String, Object>>) entity.data().get("aliases");
        return aliases.stream()
                .filter(alias -> ("auth/" + mount + "/").equals(alias.get("mount_path")))
                .map(alias -> (Map<String, Object>) alias.get("metadata"))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("the login's entity has no alias on auth/" + mount + "/: " + aliases));
    }
}
