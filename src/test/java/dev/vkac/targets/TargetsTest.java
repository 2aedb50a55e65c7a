package dev.vkac.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vkac.config.ConfigException;
import dev.vkac.config.TargetKind;
import dev.vkac.targets.containers.DockerProbe;
import org.junit.jupiter.api.Test;

class TargetsTest {

    private static final DockerProbe DOCKER = DockerProbe.fixed(true, "");
    private static final DockerProbe NO_DOCKER = DockerProbe.fixed(false, "no socket at /var/run/docker.sock");

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
    void containersWithoutDockerFailsSayingWhatIsMissingAndWhatToDo() {
        assertThatThrownBy(() -> Targets.resolve(TargetKind.CONTAINERS, NO_DOCKER))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("needs a Docker environment")
                .hasMessageContaining("no socket at /var/run/docker.sock")
                .hasMessageContaining("vkac.target=local");
    }
}
