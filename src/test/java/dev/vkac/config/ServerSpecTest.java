package dev.vkac.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerSpecTest {

    @Test
    void parsesKindAndVersionAndDerivesTheOfficialImage() {
        ServerSpec vault = ServerSpec.parse(" vault:1.21.4 ");
        ServerSpec bao = ServerSpec.parse("bao:2.6.2");

        assertThat(vault).isEqualTo(new ServerSpec(ServerKind.VAULT, "1.21.4", "hashicorp/vault:1.21.4"));
        assertThat(bao.kind()).isEqualTo(ServerKind.OPENBAO);
        assertThat(bao.image()).isEqualTo("openbao/openbao:2.6.2");
        assertThat(bao.id()).isEqualTo("openbao-2.6.2");
        assertThat(bao).hasToString("OpenBao 2.6.2");
    }

    @Test
    void acceptsAnImageFromAnotherRepository() {
        ServerSpec spec = ServerSpec.parse("openbao:2.6.2=quay.io/openbao/openbao:2.6.2");

        assertThat(spec.version()).isEqualTo("2.6.2");
        assertThat(spec.image()).isEqualTo("quay.io/openbao/openbao:2.6.2");
    }

    @Test
    void acceptsAnAuthMethodReleaseRunAsAPlugin() {
        ServerSpec spec = ServerSpec.parse("vault:1.14.8+auth-v0.16.0-defect.tokenreview-ignored");

        assertThat(spec.version()).isEqualTo("1.14.8");
        assertThat(spec.authMethod()).isEqualTo("v0.16.0-defect.tokenreview-ignored");
        assertThat(spec).hasToString("Vault 1.14.8 core, auth method v0.16.0-defect.tokenreview-ignored");
        assertThat(ServerSpec.parse("vault:1.14.8+auth-v0.23.1"))
                .hasToString("Vault 1.14.8 core, auth method v0.23.1 (as in Vault 1.21)");
        assertThat(spec.id()).isEqualTo("vault-1.14.8+auth-v0.16.0-defect.tokenreview-ignored");
        assertThat(ServerSpec.parse(spec.text())).isEqualTo(spec);
        assertThat(ServerSpec.parse("vault:1.14.8").hasAuthPlugin()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServerSpec.parse("vault:1.14.8+auth-0.16.0"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("plugin version such as v0.23.1");
    }

    @Test
    void anUpgradeGoesFromTheInstalledReleaseToTheNext() {
        ServerSpec upgrade = ServerSpec.parse("vault:1.14.8->openbao:2.7.2");

        assertThat(upgrade.isUpgrade()).isTrue();
        assertThat(upgrade.installed()).isEqualTo(ServerSpec.parse("vault:1.14.8"));
        assertThat(upgrade.upgradeTo()).isEqualTo(ServerSpec.parse("openbao:2.7.2"));
        assertThat(upgrade.text()).isEqualTo("vault:1.14.8->openbao:2.7.2");
        assertThat(upgrade.id()).isEqualTo("vault-1.14.8-to-openbao-2.7.2");
        assertThat(upgrade).hasToString("Vault 1.14.8 \u2192 OpenBao 2.7.2");
        assertThat(ServerSpec.parse(upgrade.text())).isEqualTo(upgrade);
    }

    @Test
    void anUpgradeOfTheAuthMethodAloneKeepsTheServerRelease() {
        ServerSpec plugin = ServerSpec.parse("vault:1.14.8+auth-v0.16.0->vault:1.14.8+auth-v0.23.1");
        ServerSpec fromBuiltin = ServerSpec.parse("vault:1.14.8->vault:1.14.8+auth-v0.24.1");

        assertThat(plugin.isPluginUpgrade()).isTrue();
        assertThat(fromBuiltin.isPluginUpgrade()).isTrue();
        assertThat(plugin.installed()).isEqualTo(ServerSpec.parse("vault:1.14.8+auth-v0.16.0"));
        assertThat(plugin.id()).isEqualTo("vault-1.14.8+auth-v0.16.0-to-vault-1.14.8+auth-v0.23.1");
        assertThat(ServerSpec.parse("vault:1.14.8->openbao:2.7.2").isPluginUpgrade())
                .isFalse();
        assertThat(ServerSpec.parse("vault:1.14.8+auth-v0.23.1").isPluginUpgrade())
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "openbao:2.7.2->openbao:2.6.2",
                "openbao:2.7.2->openbao:2.7.2",
                "openbao:2.7.2->vault:1.14.8",
                "vault:1.14.8+auth-v0.23.1->vault:1.14.8+auth-v0.16.0",
                "vault:1.14.8->vault:1.14.8+auth-v0.16.0",
                "vault:1.14.8+auth-v0.16.0->openbao:2.7.2"
            })
    void anUpgradeGoesForwardOneThingAtATime(String backwards) {
        assertThatThrownBy(() -> ServerSpec.parse(backwards).checkUpgrade())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(backwards + ": an upgrade");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "vault:1.14.8->openbao:2.7.2",
                "openbao:2.6.2->openbao:2.7.2",
                "vault:1.14.8+auth-v0.16.0->vault:1.14.8+auth-v0.23.1",
                "vault:1.14.8->vault:1.14.8+auth-v0.24.1"
            })
    void anUpgradeForwardIsAccepted(String forward) {
        ServerSpec.parse(forward).checkUpgrade();
    }

    @Test
    void anUpgradeGoesOneStepAtATime() {
        assertThatThrownBy(() -> ServerSpec.parse("openbao:2.6.2->openbao:2.7.0->openbao:2.7.2"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("an upgrade goes from one release to one other");
    }
}
