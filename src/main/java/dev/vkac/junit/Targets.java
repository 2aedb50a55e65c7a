package dev.vkac.junit;

import dev.vkac.config.ConfigException;
import dev.vkac.config.ServerSpec;
import dev.vkac.config.SuiteConfig;
import dev.vkac.config.TargetKind;
import dev.vkac.targets.Target;
import dev.vkac.targets.containers.ContainersTarget;
import dev.vkac.targets.containers.DockerProbe;
import dev.vkac.targets.external.ExternalTarget;
import dev.vkac.targets.local.LocalTarget;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses and creates the run's target: {@code auto} takes containers where Docker is available, local otherwise.
 * Beside the run context that asks for it, so that the targets layer knows none of its kinds.
 */
public final class Targets {

    private static final Logger LOG = LoggerFactory.getLogger(Targets.class);

    private Targets() {}

    /**
     * The target kind to use for a configured kind, given what the Docker probe found. {@code auto} falls back to
     * the local target only when there is no Docker at all; a Docker that Testcontainers cannot use is an error
     * that says what failed, never a silent switch to another target.
     */
    public static TargetKind resolve(TargetKind configured, DockerProbe docker) {
        return switch (configured) {
            case AUTO ->
                switch (docker.state()) {
                    case AVAILABLE -> TargetKind.CONTAINERS;
                    case ABSENT -> {
                        LOG.info("target auto: no Docker environment ({}), so the local target", docker.reason());
                        yield TargetKind.LOCAL;
                    }
                    case BROKEN ->
                        throw new ConfigException("vkac.target=auto found Docker but cannot use it. " + docker.reason()
                                + ". Fix that, or choose vkac.target=local (after running tools/install-servers).");
                };
            case CONTAINERS ->
                switch (docker.state()) {
                    case AVAILABLE -> TargetKind.CONTAINERS;
                    case ABSENT ->
                        throw new ConfigException(
                                "vkac.target=containers needs a Docker environment, and none was found ("
                                        + docker.reason()
                                        + "). Start Docker, or use vkac.target=local after running tools/install-servers.");
                    case BROKEN ->
                        throw new ConfigException("vkac.target=containers cannot use Docker. " + docker.reason() + ".");
                };
            case LOCAL -> TargetKind.LOCAL;
            case EXTERNAL -> TargetKind.EXTERNAL;
        };
    }

    public static Target create(SuiteConfig config, Path logDir) {
        TargetKind kind = resolve(config.target(), DockerProbe.testcontainers());
        config.serversOn(kind).stream()
                .filter(ServerSpec::hasAuthPlugin)
                .findFirst()
                .filter(spec -> kind != TargetKind.LOCAL)
                .ifPresent(spec -> {
                    throw new ConfigException(spec.text()
                            + " runs an auth method release as a plugin, which only the local target builds and"
                            + " registers; the " + kind.id() + " target runs each server's own");
                });
        return switch (kind) {
            case CONTAINERS -> new ContainersTarget(config);
            case LOCAL -> new LocalTarget(config, logDir);
            case EXTERNAL -> new ExternalTarget(config.external(), config.projectDir(), config.ownerRemovesEntities());
            case AUTO -> throw new IllegalStateException("auto is resolved above");
        };
    }
}
