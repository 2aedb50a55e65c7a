package dev.vkac.reporting;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vkac.config.ServerSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A server under test as the run saw it.
 *
 * @param name            its column, for example "Vault 1.14.8"
 * @param spec            the vkac.servers entry it comes from, for example "vault:1.14.8+auth-v0.23.1" (what tools
 *                        reading summary.json match on), or empty if no entry names it
 * @param reportedVersion what the server itself reports (sys/seal-status), or empty if it never started
 * @param setupError      why the guide could not be set up on it, or empty
 * @param onlyClasses     the simple names of the only conformance classes it runs (vkac.classesOfServers), or empty
 *                        for every class
 * @param inAPod          the classes whose checks ran on a server of this column started in a pod, and how the target
 *                        made the pod, for example "VaultInAPodIT (a local process in a mount namespace of its own)",
 *                        or empty where none did
 */
public record ServerInfo(
        String name, String spec, String reportedVersion, String setupError, List<String> onlyClasses, String inAPod) {

    public ServerInfo {
        onlyClasses = onlyClasses == null ? List.of() : List.copyOf(onlyClasses);
        inAPod = inAPod == null ? "" : inAPod;
    }

    public ServerInfo(String name, String spec, String reportedVersion, String setupError, List<String> onlyClasses) {
        this(name, spec, reportedVersion, setupError, onlyClasses, "");
    }

    public ServerInfo(String name, String spec, String reportedVersion, String setupError) {
        this(name, spec, reportedVersion, setupError, List.of());
    }

    /** Whether it runs the conformance class of this simple name (which checks upgrades only, or not). */
    public boolean runsClass(String simpleName, boolean upgradesOnly) {
        return whyNotRun(simpleName, upgradesOnly).isEmpty();
    }

    /** Why it does not run the conformance class of this simple name, if it does not: a cell "off" says so. */
    public Optional<String> whyNotRun(String simpleName, boolean upgradesOnly) {
        boolean upgrade = spec.contains(ServerSpec.UPGRADE);
        if (upgrade && !upgradesOnly) {
            return Optional.of("an upgrade runs only the upgrade checks");
        }
        if (!upgrade && upgradesOnly) {
            return Optional.of("upgrade checks run on upgrades (vkac.servers entries such as vault:1.14.8"
                    + ServerSpec.UPGRADE + "openbao:2.7.2)");
        }
        if (!onlyClasses.isEmpty() && !onlyClasses.contains(simpleName)) {
            return Optional.of("vkac.classesOfServers gives this server only " + String.join(", ", onlyClasses));
        }
        return Optional.empty();
    }

    /**
     * Its column heading in every report (and in summary.json, for tools/merge-matrices): the name, and the reported
     * version when the name does not already say it, as for a server that reports another version than configured.
     */
    @JsonProperty("heading")
    public String heading() {
        return reportedVersion.isEmpty() || Arrays.asList(name.split("[ ,]+")).contains(reportedVersion)
                ? name
                : name + " (reports " + reportedVersion + ")";
    }
}
