package dev.vkac.reporting;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one run found so far: its id and verdict (with the cause when it did not finish: why it could not start,
 * what interrupted it), configuration (no secrets), target, Kubernetes version, the servers, the catalogue of checks
 * and each check's results. The reports are views of this.
 */
public record RunSummary(
        String runId,
        Verdict verdict,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) String cause,
        String startedAt,
        long durationMillis,
        String target,
        String kubernetesVersion,
        Map<String, String> configuration,
        List<ServerInfo> servers,
        List<CheckInfo> checks,
        List<CheckResult> results) {

    public RunSummary {
        Objects.requireNonNull(verdict, "verdict");
        cause = cause == null ? "" : cause;
    }

    /** The same run, ended: its verdict is its matrix's. */
    public RunSummary ended() {
        return new RunSummary(
                runId,
                Verdict.of(overall()),
                "",
                startedAt,
                durationMillis,
                target,
                kubernetesVersion,
                configuration,
                servers,
                checks,
                results);
    }

    /** What a cell without runs says while its run goes on. */
    static final String NOT_YET = "not run yet";

    /** One matrix cell: the worst status of a check's runs on a server, with counts and the first message. */
    public record Cell(Status status, int passed, int total, String message) {
        public String label() {
            if (isPending()) {
                return "not yet";
            }
            return total > 1 && status != Status.SKIPPED && status != Status.DISABLED
                    ? status.symbol() + " " + passed + "/" + total
                    : status.symbol();
        }

        /** A check of a running run that has not run yet on this server. */
        public boolean isPending() {
            return total == 0 && NOT_YET.equals(message);
        }
    }

    public Cell cell(String checkId, String server) {
        List<CheckResult> runs = results.stream()
                .filter(r -> r.checkId().equals(checkId) && r.server().equals(server))
                .toList();
        if (runs.isEmpty()) {
            ServerInfo info = servers.stream()
                    .filter(s -> s.name().equals(server))
                    .findFirst()
                    .orElse(null);
            Optional<CheckInfo> check =
                    checks.stream().filter(c -> c.id().equals(checkId)).findFirst();
            String checkClass = check.map(CheckInfo::testClass).orElse("");
            Optional<String> off = info == null
                    ? Optional.empty()
                    : info.whyNotRun(
                            checkClass.substring(checkClass.lastIndexOf('.') + 1),
                            check.map(CheckInfo::upgradesOnly).orElse(false));
            if (off.isPresent()) {
                return new Cell(Status.DISABLED, 0, 0, "not run here: " + off.get());
            }
            String notRun = switch (verdict) {
                case RUNNING -> NOT_YET;
                case INTERRUPTED -> "did not run: the run was interrupted";
                default -> "did not run";
            };
            String why = servers.stream()
                    .filter(s -> s.name().equals(server))
                    .map(ServerInfo::setupError)
                    .filter(e -> !e.isEmpty())
                    .findFirst()
                    .orElse(notRun);
            return new Cell(Status.ERROR, 0, 0, why);
        }
        Status status = runs.stream().map(CheckResult::status).reduce(Status.DISABLED, Status::worse);
        int passed =
                (int) runs.stream().filter(r -> r.status() == Status.PASSED).count();
        String message = runs.stream()
                .filter(r -> r.status() == status)
                .map(CheckResult::message)
                .filter(m -> !m.isEmpty())
                .findFirst()
                .orElse("");
        return new Cell(status, passed, runs.size(), message);
    }

    public Map<Status, Long> counts() {
        Map<Status, Long> counts = new LinkedHashMap<>();
        for (Status status : Status.values()) {
            counts.put(
                    status, results.stream().filter(r -> r.status() == status).count());
        }
        return counts;
    }

    /**
     * The matrix's status: PASSED when every check passed or was skipped with a reason on every server; ERROR when
     * nothing ran. The run's headline is its {@link #verdict()}, which is this once the run has ended.
     */
    public Status overall() {
        if (results.isEmpty() || checks.isEmpty() || servers.isEmpty()) {
            return Status.ERROR;
        }
        Status worst = Status.PASSED;
        for (CheckInfo check : checks) {
            for (ServerInfo server : servers) {
                Status status = cell(check.id(), server.name()).status();
                worst = worst.worse(status.isRed() ? status : Status.PASSED);
            }
        }
        return worst;
    }

    /**
     * Which servers ran checks in a pod, for the headline: one sentence per way a pod was made, naming the columns,
     * for example "VaultInAPodIT (a local process in a mount namespace of its own): Vault 1.14.8, OpenBao 2.7.2";
     * empty where no server ran in a pod.
     */
    public List<String> inAPod() {
        Map<String, List<String>> columnsByPod = new LinkedHashMap<>();
        servers.stream()
                .filter(server -> !server.inAPod().isEmpty())
                .forEach(server -> columnsByPod
                        .computeIfAbsent(server.inAPod(), pod -> new ArrayList<>())
                        .add(server.name()));
        return columnsByPod.entrySet().stream()
                .map(pod -> pod.getKey() + ": " + String.join(", ", pod.getValue()))
                .toList();
    }

    /** The checks in guide order. */
    public List<CheckInfo> checksInOrder() {
        List<CheckInfo> sorted = new ArrayList<>(checks);
        sorted.sort(Comparator.comparingInt(CheckInfo::step));
        return sorted;
    }
}
