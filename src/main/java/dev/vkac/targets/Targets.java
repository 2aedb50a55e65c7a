package dev.vkac.targets;

import dev.vkac.config.ConfigException;
import dev.vkac.config.SuiteConfig;
import dev.vkac.config.TargetKind;
import dev.vkac.targets.containers.ContainersTarget;
import dev.vkac.targets.containers.DockerProbe;
import dev.vkac.targets.local.LocalTarget;
import java.nio.file.Path;

/** Chooses and creates the target: {@code auto} takes containers where Docker is available, local otherwise. */
public final class Targets {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Targets.class);

    private Targets() {
    }

    /** The target kind to use for a configured kind, given whether Docker is available. */
    public static TargetKind resolve(TargetKind configured, DockerProbe docker) {
        return switch (configured) {
            case AUTO -> {
                if (docker.isAvailable()) {
                    yield TargetKind.CONTAINERS;
                }
                LOG.info("target auto: no Docker environment ({}), so the local target", docker.reason());
                yield TargetKind.LOCAL;
            }
            case CONTAINERS -> {
                if (!docker.isAvailable()) {
                    throw new ConfigException("vkac.target=containers needs a Docker environment, and none was found ("
                            + docker.reason() + "). Start Docker, or use vkac.target=local after running tools/install-servers.");
                }
                yield TargetKind.CONTAINERS;
            }
            case LOCAL -> TargetKind.LOCAL;
        };
    }

    public static Target create(SuiteConfig config, Path logDir) {
        return switch (resolve(config.target(), DockerProbe.testcontainers())) {
            case CONTAINERS -> new ContainersTarget(config);
            case LOCAL -> new LocalTarget(config, logDir);
            case AUTO -> throw new IllegalStateException("auto is resolved above");
        };
    }
}
