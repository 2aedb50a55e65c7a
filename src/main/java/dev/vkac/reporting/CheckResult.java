package dev.vkac.reporting;

/**
 * One run of a check against one server.
 *
 * @param checkId  the check's id (from {@code @Check})
 * @param server   the server under test, for example "Vault 1.14.8"
 * @param name     the run's display name (with its parameters, for parameterized checks)
 * @param status   what happened
 * @param millis   how long it took
 * @param message  for failures, errors and skips: why; empty otherwise
 */
public record CheckResult(String checkId, String server, String name, Status status, long millis, String message) {}
