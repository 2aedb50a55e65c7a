package dev.vkac.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerInfoTest {

    @Test
    void theHeadingAddsTheReportedVersionOnlyWhenTheNameDoesNotSayIt() {
        assertThat(new ServerInfo("Vault 1.14.8", "vault:1.14.8", "1.14.8", "").heading())
                .isEqualTo("Vault 1.14.8");
        assertThat(new ServerInfo(
                                "Vault 1.14.8 core, auth method v0.23.1 (as in Vault 1.21)",
                                "vault:1.14.8+auth-v0.23.1",
                                "1.14.8",
                                "")
                        .heading())
                .isEqualTo("Vault 1.14.8 core, auth method v0.23.1 (as in Vault 1.21)");
        assertThat(new ServerInfo("Vault 1.14", "vault:1.14", "1.14.8", "").heading())
                .isEqualTo("Vault 1.14 (reports 1.14.8)");
        assertThat(new ServerInfo("OpenBao 2.6.2", "openbao:2.6.2", "", "did not start").heading())
                .isEqualTo("OpenBao 2.6.2");
    }

    @Test
    void anUpgradeRunsOnlyTheUpgradeChecksAndTheyRunOnlyOnUpgrades() {
        ServerInfo upgrade = new ServerInfo("Vault 1.14.8 \u2192 OpenBao 2.7.2", "vault:1.14.8->openbao:2.7.2", "", "");
        ServerInfo fresh = new ServerInfo("OpenBao 2.7.2", "openbao:2.7.2", "", "");

        assertThat(upgrade.runsClass("UpgradeIT", true)).isTrue();
        assertThat(upgrade.whyNotRun("KubernetesAuthGuideIT", false))
                .hasValueSatisfying(why -> assertThat(why).isEqualTo("an upgrade runs only the upgrade checks"));
        assertThat(fresh.runsClass("KubernetesAuthGuideIT", false)).isTrue();
        assertThat(fresh.whyNotRun("UpgradeIT", true))
                .hasValueSatisfying(why -> assertThat(why).startsWith("upgrade checks run on upgrades"));
    }
}
