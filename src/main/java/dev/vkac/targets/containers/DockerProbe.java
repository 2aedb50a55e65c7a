package dev.vkac.targets.containers;

import org.testcontainers.DockerClientFactory;

/** Whether a Docker environment is available to Testcontainers, and if not, what is wrong. */
public interface DockerProbe {

    /** What the probe found. */
    enum State {
        /** Docker answered and Testcontainers is ready to start containers. */
        AVAILABLE,
        /** No Docker environment at all: no daemon, no socket, no DOCKER_HOST. */
        ABSENT,
        /** Docker answered, but Testcontainers cannot work with it (for example it cannot pull its Ryuk image). */
        BROKEN
    }

    State state();

    /** What was found wrong; empty when Docker is available. */
    String reason();

    default boolean isAvailable() {
        return state() == State.AVAILABLE;
    }

    /**
     * Asks Testcontainers, which looks at DOCKER_HOST, the usual sockets and ~/.testcontainers.properties.
     * (Its own error log for a missing Docker is switched off in simplelogger.properties: the reason is ours to tell.)
     */
    static DockerProbe testcontainers() {
        return new DockerProbe() {
            private State state;
            private String reason = "";

            @Override
            public synchronized State state() {
                if (state == null) {
                    try {
                        DockerClientFactory.instance().client();
                        state = State.AVAILABLE;
                    } catch (RuntimeException e) {
                        state = classify(e);
                        reason = describe(state, e, daemon());
                    }
                }
                return state;
            }

            @Override
            public String reason() {
                state();
                return reason;
            }
        };
    }

    /** No valid Docker environment is Testcontainers' own verdict; any other failure happened after it found one. */
    static State classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (String.valueOf(t.getMessage()).contains("Could not find a valid Docker environment")) {
                return State.ABSENT;
            }
        }
        return State.BROKEN;
    }

    /** What failed, in one line per cause, with what to do about the usual one (Ryuk's image cannot be pulled). */
    static String describe(State state, Throwable failure, String daemon) {
        StringBuilder out = new StringBuilder();
        if (state == State.ABSENT) {
            out.append(
                    "Testcontainers found no Docker environment; it looks at DOCKER_HOST, the usual Docker sockets and ~/.testcontainers.properties");
            return out.toString();
        }
        out.append("Docker answered")
                .append(daemon.isEmpty() ? "" : " at " + daemon)
                .append(", but Testcontainers could not start:");
        boolean ryuk = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String line = String.valueOf(t.getMessage())
                    .lines()
                    .findFirst()
                    .orElse("")
                    .replaceAll("\\.\\s*Please see logs.*$", "");
            out.append(" ")
                    .append(t.getClass().getSimpleName())
                    .append(": ")
                    .append(line)
                    .append(";");
            ryuk |= line.toLowerCase().contains("ryuk");
        }
        if (ryuk) {
            out.append(
                    " its Ryuk container's image could not be had (no registry?): set TESTCONTAINERS_RYUK_DISABLED=true,"
                            + " or make testcontainers/ryuk available to that daemon");
        }
        return out.toString();
    }

    /** The daemon Testcontainers chose, if it got that far. */
    private static String daemon() {
        try {
            return String.valueOf(
                    DockerClientFactory.instance().getTransportConfig().getDockerHost());
        } catch (RuntimeException e) {
            return "";
        }
    }

    static DockerProbe fixed(State state, String reason) {
        return new DockerProbe() {
            @Override
            public State state() {
                return state;
            }

            @Override
            public String reason() {
                return state == State.AVAILABLE ? "" : reason;
            }
        };
    }
}
