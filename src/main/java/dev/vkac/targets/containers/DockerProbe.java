package dev.vkac.targets.containers;

import org.testcontainers.DockerClientFactory;

/** Whether a Docker environment is available, and if not, why. */
public interface DockerProbe {

    boolean isAvailable();

    /** Why Docker is not available; empty when it is. */
    String reason();

    /**
     * Asks Testcontainers, which looks at DOCKER_HOST, the usual sockets and ~/.testcontainers.properties.
     * (Its own error log for a missing Docker is switched off in simplelogger.properties: the reason is ours to tell.)
     */
    static DockerProbe testcontainers() {
        return new DockerProbe() {
            private Boolean available;
            private String reason = "";

            @Override
            public synchronized boolean isAvailable() {
                if (available == null) {
                    try {
                        DockerClientFactory.instance().client();
                        available = true;
                    } catch (RuntimeException e) {
                        available = false;
                        String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("no Docker environment");
                        // keep the finding, drop Testcontainers' pointer to logs this suite keeps quiet
                        reason = "Testcontainers: " + first.replaceAll("\\.\\s*Please see logs.*$", "")
                                + "; it looks at DOCKER_HOST, the usual Docker sockets and ~/.testcontainers.properties";
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
