package dev.vkac.targets.containers;

import org.testcontainers.DockerClientFactory;

/** Whether a Docker environment is available, and if not, why. */
public interface DockerProbe {

    boolean isAvailable();

    /** Why Docker is not available; empty when it is. */
    String reason();

    /** Asks Testcontainers, which looks at DOCKER_HOST, the usual sockets and ~/.testcontainers.properties. */
    static DockerProbe testcontainers() {
        return new DockerProbe() {
            private Boolean available;
            private String reason = "";

            @Override
            public synchronized boolean isAvailable() {
                if (available == null) {
                    try {
                        available = DockerClientFactory.instance().isDockerAvailable();
                        if (!available) {
                            reason = "Testcontainers found no working Docker socket or DOCKER_HOST";
                        }
                    } catch (RuntimeException e) {
                        available = false;
                        reason = e.getMessage();
                    }
                }
                return available;
            }

            @Override
            public String reason() {
                isAvailable();
                return reason;
            }
        };
    }

    static DockerProbe fixed(boolean available, String reason) {
        return new DockerProbe() {
            @Override
            public boolean isAvailable() {
                return available;
            }

            @Override
            public String reason() {
                return available ? "" : reason;
            }
        };
    }
}
