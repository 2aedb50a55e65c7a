package dev.vkac.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuiteConfigTest {

    private static final Map<String, String> PROJECT =
            Map.of("vkac.projectDir", Path.of("").toAbsolutePath().toString());

    @Test
    void defaultsCoverBothLocalServersOnTheAutoTarget() {
        SuiteConfig config = SuiteConfig.from(PROJECT, Map.of());
        ServerVersions versions = config.localVersions();

        assertThat(config.target()).isEqualTo(TargetKind.AUTO);
        assertThat(config.servers())
                .first()
                .isEqualTo(ServerSpec.of(
                        ServerKind.VAULT, versions.installed(ServerKind.VAULT).get(0)));
        assertThat(config.servers())
                .filteredOn(spec -> spec.kind() == ServerKind.OPENBAO)
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(spec ->
                        assertThat(versions.installed(ServerKind.OPENBAO)).contains(spec.version()));
        assertThat(versions.defaultServers()).isEqualTo(config.servers());
        assertThat(config.startTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.keepOnFailure()).isFalse();
        assertThat(config.stopServerAtFirstFailure()).isFalse();
        assertThat(config.reportsDir()).isEqualTo(config.projectDir().resolve("reports"));
    }

    @Test
    void byDefaultTheLocalTargetAlsoRunsTheDefaultAuthMethodReleasesAsPluginsOfVault() {
        SuiteConfig defaults = SuiteConfig.from(PROJECT, Map.of());
        List<ServerSpec> local = defaults.serversOn(TargetKind.LOCAL);

        assertThat(defaults.serversOn(TargetKind.CONTAINERS))
                .isEqualTo(defaults.servers())
                .noneMatch(ServerSpec::hasAuthPlugin);
        assertThat(local)
                .first()
                .isEqualTo(ServerSpec.of(
                        ServerKind.VAULT,
                        defaults.localVersions().installed(ServerKind.VAULT).get(0)));
        assertThat(local)
                .filteredOn(ServerSpec::hasAuthPlugin)
                .extracting(ServerSpec::text)
                .containsExactly(
                        "vault:1.14.8+auth-v0.18.0",
                        "vault:1.14.8+auth-v0.20.0",
                        "vault:1.14.8+auth-v0.23.1",
                        "vault:1.14.8+auth-v0.24.1");
        assertThat(local).containsAll(defaults.servers());
        assertThat(defaults.columns(TargetKind.LOCAL))
                .contains("Vault 1.14.8 core, auth method v0.24.1 (as in Vault 2.0)");
        assertThat(defaults.describe().get("vkac.servers"))
                .contains("(default; on the local target also vault:1.14.8+auth-v0.18.0,");
        SuiteConfig named = SuiteConfig.from(PROJECT, Map.of("VKAC_SERVERS", "vault:1.14.8"));
        assertThat(named.serversOn(TargetKind.LOCAL)).containsExactly(ServerSpec.of(ServerKind.VAULT, "1.14.8"));
    }

    @Test
    void theLocalKubernetesReleaseIsTheDefaultOrOneThatIsInstalled() {
        assertThat(SuiteConfig.from(PROJECT, Map.of()).kubernetesReleases()).containsExactly("1.37.2");
        assertThat(SuiteConfig.from(with(PROJECT, "vkac.kubernetes", "v1.35.4"), Map.of())
                        .kubernetesReleases())
                .containsExactly("1.35.4");
        assertThat(SuiteConfig.from(PROJECT, Map.of("VKAC_KUBERNETES", "1.35.4"))
                        .kubernetesReleases())
                .containsExactly("1.35.4");
        SuiteConfig both = SuiteConfig.from(
                with(with(PROJECT, "vkac.kubernetes", "1.35.4,1.37.2"), "vkac.target", "local"),
                Map.of("VKAC_SERVERS", "vault:1.14.8,openbao:2.7.2"));
        assertThat(both.kubernetesReleases()).containsExactly("1.35.4", "1.37.2");
        assertThat(both.columns())
                .containsExactly(
                        "Vault 1.14.8 on Kubernetes 1.35.4",
                        "OpenBao 2.7.2 on Kubernetes 1.35.4",
                        "Vault 1.14.8 on Kubernetes 1.37.2",
                        "OpenBao 2.7.2 on Kubernetes 1.37.2");
        assertThat(SuiteConfig.from(PROJECT, Map.of("VKAC_SERVERS", "openbao:2.7.2"))
                        .columns())
                .containsExactly("OpenBao 2.7.2");
        assertThatThrownBy(() -> SuiteConfig.from(with(PROJECT, "vkac.kubernetes", "1.37.2,1.37.2"), Map.of()))
                .hasMessageContaining("listed twice");
    }

    @Test
    void systemPropertyWinsOverEnvironmentWhichWinsOverDefault() {
        Map<String, String> properties = with(PROJECT, "vkac.target", "local");
        Map<String, String> env = Map.of("VKAC_TARGET", "containers", "VKAC_SERVERS", "openbao:2.6.2");

        SuiteConfig config = SuiteConfig.from(properties, env);

        assertThat(config.target()).isEqualTo(TargetKind.LOCAL);
        assertThat(config.servers()).containsExactly(ServerSpec.of(ServerKind.OPENBAO, "2.6.2"));
        assertThat(config.describe().get("vkac.target")).endsWith("(system property vkac.target)");
        assertThat(config.describe().get("vkac.servers")).endsWith("(environment VKAC_SERVERS)");
        assertThat(config.describe().get("vkac.serverCache")).endsWith("(default)");
        assertThat(config.describe())
                .as("the settings of the local target only")
                .doesNotContainKey("vkac.k3sImage");
    }

    @Test
    void describesOnlyTheSettingsOfTheChosenTarget() {
        Map<String, String> external = Map.of(
                "VAULT_ADDR",
                "https://vault.example:8200",
                "VAULT_CACERT",
                "/dev/null",
                "VAULT_TOKEN",
                "t",
                "KUBECONFIG",
                "/dev/null",
                "VKAC_SERVERS",
                "vault:1.14.8");

        SuiteConfig config = SuiteConfig.from(with(PROJECT, "vkac.target", "external"), external);

        assertThat(config.describe())
                .containsKeys("vkac.vaultAddr", "vkac.vaultCacert")
                .doesNotContainKeys("vkac.serverCache", "vkac.k3sImage", "vkac.kubernetes");
        assertThat(SuiteConfig.from(with(PROJECT, "vkac.target", "containers"), Map.of())
                        .describe())
                .containsKey("vkac.k3sImage")
                .doesNotContainKeys("vkac.serverCache", "vkac.kubernetes");
    }

    @Test
    void serverCacheFollowsXdgCacheHome() {
        SuiteConfig config = SuiteConfig.from(PROJECT, Map.of("XDG_CACHE_HOME", "/var/cache/me"));

        assertThat(config.serverCache()).isEqualTo(Path.of("/var/cache/me/vault-k8s-auth-conformance/servers"));
    }

    @Test
    void anUpgradeColumnRunsTheClassesThatCheckUpgradesAndOnlyThose() {
        SuiteConfig config =
                SuiteConfig.from(with(PROJECT, "vkac.servers", "openbao:2.7.2,vault:1.14.8->openbao:2.7.2"), Map.of());
        ServerSpec upgrade = ServerSpec.parse("vault:1.14.8->openbao:2.7.2");
        ServerSpec fresh = ServerSpec.parse("openbao:2.7.2");

        assertThat(config.runsClass(upgrade, "UpgradeIT", true)).isTrue();
        assertThat(config.runsClass(upgrade, "KubernetesAuthGuideIT", false)).isFalse();
        assertThat(config.runsClass(fresh, "UpgradeIT", true)).isFalse();
        assertThat(config.runsClass(fresh, "KubernetesAuthGuideIT", false)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "vkac.target       | kubernetes      | invalid vkac.target / VKAC_TARGET = 'kubernetes': unknown target 'kubernetes': expected one of auto, containers, local",
                "vkac.servers      | vault           | invalid vkac.servers / VKAC_SERVERS = 'vault': server 'vault' is not of the form kind:version",
                "vkac.servers      | consul:1.2.3    | unknown server kind 'consul': expected one of vault, openbao",
                "vkac.servers      | vault:latest    | server version 'latest' of vault is not a release number such as 1.14.8",
                "vkac.servers      | vault:1.14.8,vault:1.14.8 | Vault 1.14.8 is listed twice",
                "vkac.startTimeout | soon            | invalid vkac.startTimeout / VKAC_START_TIMEOUT = 'soon': not a whole number of seconds",
                "vkac.startTimeout | -5              | must be a positive number of seconds",
                "vkac.keepOnFailure | maybe          | invalid vkac.keepOnFailure / VKAC_KEEP_ON_FAILURE = 'maybe': expected true or false",
                "vkac.stopServerAtFirstFailure | soon | invalid vkac.stopServerAtFirstFailure / VKAC_STOP_SERVER_AT_FIRST_FAILURE = 'soon': expected true or false",
                "vkac.kubernetes   | 1.30.0          | invalid vkac.kubernetes / VKAC_KUBERNETES = '1.30.0': the local target has Kubernetes 1.35.4, 1.37.2",
            })
    void invalidValuesFailWithOneMessageNamingTheSetting(String property, String value, String message) {
        assertThatThrownBy(() -> SuiteConfig.from(with(PROJECT, property, value), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aMissingProjectDirSaysWhereItLooked() {
        assertThatThrownBy(() -> SuiteConfig.from(Map.of("vkac.projectDir", "/nonexistent"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("/nonexistent/tools/servers/versions.env")
                .hasMessageContaining("vkac.projectDir");
    }

    @Test
    void parallelismDefaultsToSixAndIsBounded() {
        assertThat(SuiteConfig.from(PROJECT, Map.of()).parallelism())
                .isEqualTo(SuiteConfig.DEFAULT_PARALLELISM)
                .isEqualTo(6);
        assertThat(SuiteConfig.from(with(PROJECT, "vkac.parallelism", "1"), Map.of())
                        .parallelism())
                .isEqualTo(1);
        assertThat(SuiteConfig.from(PROJECT, Map.of("VKAC_PARALLELISM", "4")).parallelism())
                .isEqualTo(4);
        assertThatThrownBy(() -> SuiteConfig.from(with(PROJECT, "vkac.parallelism", "0"), Map.of()))
                .hasMessageContaining("vkac.parallelism")
                .hasMessageContaining("between 1 and 64");
        assertThatThrownBy(() -> SuiteConfig.from(with(PROJECT, "vkac.parallelism", "many"), Map.of()))
                .hasMessageContaining("not a whole number");
    }

    @Test
    void checksRunInTheGuidesOrderUnlessARandomOneIsAskedFor() {
        assertThat(SuiteConfig.from(PROJECT, Map.of()).checkOrderSeed()).isEmpty();
        assertThat(SuiteConfig.from(with(PROJECT, "vkac.checkOrder", "guide"), Map.of())
                        .checkOrderSeed())
                .isEmpty();
        assertThat(SuiteConfig.from(with(PROJECT, "vkac.checkOrder", "random:42"), Map.of())
                        .checkOrderSeed())
                .contains(42L);
        Long seed = SuiteConfig.from(with(PROJECT, "vkac.checkOrder", "random"), Map.of())
                .checkOrderSeed()
                .orElseThrow();
        assertThat(SuiteConfig.from(PROJECT, Map.of("VKAC_CHECK_ORDER", "random"))
                        .checkOrderSeed())
                .as("one seed per run")
                .contains(seed);
        assertThatThrownBy(() -> SuiteConfig.from(with(PROJECT, "vkac.checkOrder", "shuffled"), Map.of()))
                .hasMessageContaining("vkac.checkOrder")
                .hasMessageContaining("expected guide, random or random:<seed>");
    }

    @Test
    void aServerListedInClassesOfServersRunsOnlyItsClassesAndTheOthersRunEveryClass(@TempDir Path dir)
            throws Exception {
        Path file = Files.writeString(
                dir.resolve("classes.tsv"),
                "# the proofs' narrowing\nvault:1.14.8\tTokenReviewerIT, KubernetesAuthGuideIT\n");
        SuiteConfig config = SuiteConfig.from(
                with(
                        with(PROJECT, "vkac.servers", "vault:1.14.8,openbao:2.7.2"),
                        "vkac.classesOfServers",
                        file.toString()),
                Map.of());
        ServerSpec vault = ServerSpec.parse("vault:1.14.8");
        assertThat(config.runsClass(vault, "TokenReviewerIT", false)).isTrue();
        assertThat(config.runsClass(vault, "KubernetesAuthGuideIT", false)).isTrue();
        assertThat(config.runsClass(vault, "RoleParametersIT", false)).isFalse();
        assertThat(config.runsClass(ServerSpec.parse("openbao:2.7.2"), "RoleParametersIT", false))
                .as("a server not listed")
                .isTrue();
        assertThat(config.describe().get("vkac.classesOfServers")).contains("1 of the servers run only some classes");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "openbao:2.6.1\\tTokenReviewerIT | line 1 ('openbao:2.6.1",
                "openbao:2.6.1\\tTokenReviewerIT | OpenBao 2.6.1 is not among the servers under test (vkac.servers)",
                "vault:1.14.8 TokenReviewerIT | expected a vkac.servers entry, a tab, and class names",
                "vault:1.14.8\\tdev.vkac.conformance.TokenReviewerIT | 'dev.vkac.conformance.TokenReviewerIT' is not the simple name of a class",
                "vault:1.14.8\\tTokenReviewerIT\\nvault:1.14.8\\tRoleParametersIT | RoleParametersIT'): Vault 1.14.8 is listed twice",
            })
    void aClassesOfServersFileWithAMistakeFailsNamingTheLine(String content, String message, @TempDir Path dir)
            throws Exception {
        Path file = Files.writeString(
                dir.resolve("classes.tsv"), content.replace("\\t", "\t").replace("\\n", "\n"));
        assertThatThrownBy(() -> SuiteConfig.from(
                        with(with(PROJECT, "vkac.servers", "vault:1.14.8"), "vkac.classesOfServers", file.toString()),
                        Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("invalid vkac.classesOfServers / VKAC_CLASSES_OF_SERVERS")
                .hasMessageContaining(message);
    }

    @Test
    void aMissingClassesOfServersFileIsAnError() {
        assertThatThrownBy(() ->
                        SuiteConfig.from(with(PROJECT, "vkac.classesOfServers", "/nonexistent/classes.tsv"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("vkac.classesOfServers")
                .hasMessageContaining("cannot read the file");
    }

    @Test
    void aRunWhoseConfigurationIsInvalidStillFindsItsReportsFolder() {
        Path projectDir = Path.of("").toAbsolutePath();
        Map<String, String> bogusTarget =
                with(with(PROJECT, "vkac.target", "bogus"), "vkac.reportsDir", "/tmp/vkac-reports");
        assertThatThrownBy(() -> SuiteConfig.from(bogusTarget, Map.of())).isInstanceOf(ConfigException.class);

        assertThat(SuiteConfig.reportsDirOf(bogusTarget, Map.of())).isEqualTo(Path.of("/tmp/vkac-reports"));
        assertThat(SuiteConfig.reportsDirOf(
                        with(PROJECT, "vkac.servers", "nonsense"), Map.of("VKAC_REPORTS_DIR", "/tmp/vkac-env")))
                .isEqualTo(Path.of("/tmp/vkac-env"));
        assertThat(SuiteConfig.reportsDirOf(with(PROJECT, "vkac.reportsDir", "no\0path"), Map.of()))
                .as("unreadable: the default")
                .isEqualTo(projectDir.resolve("reports"));
        assertThat(SuiteConfig.givenSettings(bogusTarget, Map.of()))
                .containsEntry("vkac.target", "bogus  (system property vkac.target)");
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> copy = new HashMap<>(base);
        copy.put(key, value);
        return copy;
    }
}
