package dev.vkac.reporting;

/**
 * A server under test as the run saw it.
 *
 * @param name            its column, for example "Vault 1.14.8"
 * @param spec            the vkac.servers entry it comes from, for example "vault:1.14.8+auth-v0.23.1" (what tools
 *                        reading summary.json match on), or empty if no entry names it
 * @param reportedVersion what the server itself reports (sys/seal-status), or empty if it never started
 * @param setupError      why the guide could not be set up on it, or empty
 */
public record ServerInfo(String name, String spec, String reportedVersion, String setupError) {
}
