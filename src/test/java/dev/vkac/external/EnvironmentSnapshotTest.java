package dev.vkac.external;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class EnvironmentSnapshotTest {

    private static EnvironmentSnapshot of(Map<String, Object> entries) {
        return new EnvironmentSnapshot(new TreeMap<>(entries));
    }

    @Test
    void equalSnapshotsHaveNoDifferencesAndTheSameBytes() {
        EnvironmentSnapshot before =
                of(Map.of("kubernetes Namespace default", Map.of("labels", Map.of("a", "1", "b", "2"))));
        EnvironmentSnapshot after =
                of(Map.of("kubernetes Namespace default", Map.of("labels", Map.of("b", "2", "a", "1"))));

        assertThat(after.differencesFrom(before)).isEmpty();
        assertThat(after.toJson()).isEqualTo(before.toJson());
    }

    @Test
    void createdChangedAndDeletedEntriesAreNamedWithoutTheirValues() {
        EnvironmentSnapshot before = of(Map.of(
                "kubernetes Namespace default", Map.of("labels", Map.of("owner", "platform")),
                "vault sys/policy/demo-policy", "path \"secret/data/demo/*\" {}",
                "vault secret/data/team-a/db", Map.of("password", "also-keep-me")));
        EnvironmentSnapshot after = of(Map.of(
                "kubernetes Namespace default", Map.of("labels", Map.of("owner", "platform", "vkac-selected", "true")),
                "vault sys/policy/demo-policy", "path \"secret/data/demo/*\" {}",
                "vault sys/policy/vkac-ab12cd-3-demo-policy", "left behind"));

        List<String> differences = after.differencesFrom(before);

        assertThat(differences)
                .containsExactly(
                        "changed: kubernetes Namespace default",
                        "deleted: vault secret/data/team-a/db",
                        "created: vault sys/policy/vkac-ab12cd-3-demo-policy");
        assertThat(String.join("\n", differences)).doesNotContain("also-keep-me", "left behind");
    }

    @Test
    void secretValuesAreKeptAsDigests() {
        assertThat(EnvironmentSnapshot.sha256("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
