package dev.vkac.reporting;

/**
 * A server under test as the run saw it.
 *
 * @param name            as configured, for example "Vault 1.14.8"
 * @param reportedVersion what the server itself reports (sys/seal-status), or empty if it never started
 * @param setupError      why the guide could not be set up on it, or empty
 */
public record ServerInfo(String name, String reportedVersion, String setupError) {
}
