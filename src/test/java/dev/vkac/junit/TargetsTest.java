package dev.vkac.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vkac.config.ConfigException;
import dev.vkac.config.TargetKind;
import dev.vkac.targets.containers.DockerProbe;
import dev.vkac.targets.containers.DockerProbe.State;
import org.junit.jupiter.api.Test;

class TargetsTest {

    private static final DockerProbe DOCKER = DockerProbe.fixed(State.AVAILABLE, "");
    private static final DockerProbe NO_DOCKER = DockerProbe.fixed(State.ABSENT, "no socket at /var/run/docker.sock");
    private static final DockerProbe NO_RYUK = DockerProbe.fixed(
            State.BROKEN,
            "Docker answered at unix:///var/run/docker.sock, but Testcontainers could not start: ContainerFetchException: Can't get Docker image: testcontainers/ryuk:0.13.0");

    @Test
    void autoTakesContainersWhereDockerRunsAndLocalElsewhere() {
        assertThat(Targets.resolve(TargetKind.AUTO, DOCKER)).isEqualTo(TargetKind.CONTAINERS);
        assertThat(Targets.resolve(TargetKind.AUTO, NO_DOCKER)).isEqualTo(TargetKind.LOCAL);
    }

    @Test
    void anExplicitChoiceIsKept() {
        assertThat(Targets.resolve(TargetKind.LOCAL, DOCKER)).isEqualTo(TargetKind.LOCAL);
        assertThat(Targets.resolve(TargetKind.CONTAINERS, DOCKER)).isEqualTo(TargetKind.CONTAINERS);
    }

    @Test
    void aDockerThatTestcontainersCannotUseIsAnErrorSayingWhatFailedNeverALocalRun() {
        assertThatThrownBy(() -> Targets.resolve(TargetKind.AUTO, NO_RYUK))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("found Docker but cannot use it")
                .hasMessageContaining("testcontainers/ryuk")
                .hasMessageContaining("vkac.target=local");
        assertThatThrownBy(() -> Targets.resolve(TargetKind.CONTAINERS, NO_RYUK))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cannot use Docker")
                .hasMessageContaining("docker.sock")
                .hasMessageNotContaining("none was found");
    }

    @Test
    void theProbeTellsNoDockerFromADockerItCannotUse() {
        IllegalStateException none = new IllegalStateException(
                "Could not find a valid Docker environment. Please see logs and check configuration");
        RuntimeException pull = new RuntimeException(
                "Can't get Docker image: RemoteDockerImage(imageName=testcontainers/ryuk:0.13.0)",
                new IllegalStateException("Failed to pull image\nretried 5 times"));

        assertThat(DockerProbe.classify(none)).isEqualTo(State.ABSENT);
        assertThat(DockerProbe.classify(pull)).isEqualTo(State.BROKEN);
        assertThat(DockerProbe.describe(State.BROKEN, pull, "unix:///var/run/docker.sock"))
                .startsWith("Docker answered at unix:///var/run/docker.sock, but Testcontainers could not start:")
                .contains("RuntimeException: Can't get Docker image", "IllegalStateException: Failed to pull image;")
                .contains("set TESTCONTAINERS_RYUK_DISABLED=true")
                .doesNotContain("retried 5 times");
        assertThat(DockerProbe.describe(State.ABSENT, none, "")).contains("found no Docker environment");
    }

    @Test
    void containersWithoutDockerFailsSayingWhatIsMissingAndWhatToDo() {
        assertThatThrownBy(() -> Targets.resolve(TargetKind.CONTAINERS, NO_DOCKER))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("needs a Docker environment")
                .hasMessageContaining("no socket at /var/run/docker.sock")
                .hasMessageContaining("vkac.target=local");
    }
}
