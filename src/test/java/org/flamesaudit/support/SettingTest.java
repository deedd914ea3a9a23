package org.flamesaudit.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingTest {

    @AfterEach
    void clear() {
        System.clearProperty("flames.schedules.tick-seconds");
        System.clearProperty("flames.scorer.gpu");
    }

    @Test
    void everySettingIsInTheReadmesConfigurationTable() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String table = readme.substring(readme.indexOf("## Configuration"), readme.indexOf("## Tests and benchmarks"));
        for (Setting s : Setting.values()) {
            if (s.property() != null) {
                assertThat(table).as("%s in the README's Configuration table", s).contains("-D" + s.property());
            }
            if (s.env() != null) {
                assertThat(table).as("%s in the README's Configuration table", s).contains(s.env());
            }
        }
    }

    @Test
    void aPropertyWinsOverTheDefaultAndABadValueNamesTheSetting() {
        assertThat(Setting.SCHEDULES_TICK_SECONDS.longValue(1, "seconds")).isEqualTo(5);
        assertThat(Setting.SCHEDULES_TICK_SECONDS.isSet()).isFalse();
        System.setProperty("flames.schedules.tick-seconds", " 2 ");
        assertThat(Setting.SCHEDULES_TICK_SECONDS.longValue(1, "seconds")).isEqualTo(2);
        assertThat(Setting.SCHEDULES_TICK_SECONDS.isSet()).isTrue();
        System.setProperty("flames.schedules.tick-seconds", "0");
        assertThatThrownBy(() -> Setting.SCHEDULES_TICK_SECONDS.longValue(1, "seconds"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("flames.schedules.tick-seconds")
                .hasMessageContaining("must be a whole number of seconds of at least 1, not \"0\"");
        System.setProperty("flames.scorer.gpu", "yes");
        assertThatThrownBy(Setting.SCORER_GPU::booleanValue).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("flames.scorer.gpu").hasMessageContaining("must be true or false, not \"yes\"");
    }

    @Test
    void passwordsAreReadFromTheEnvironmentOnly() {
        assertThat(Setting.CREDENTIAL_STORE_PASSWORD.property()).isNull();
        assertThat(Setting.CREDENTIAL_STORE_PASSWORD.label()).isEqualTo("FLAMES_CREDENTIAL_STORE_PASSWORD");
    }
}
