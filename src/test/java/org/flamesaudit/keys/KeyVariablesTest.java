package org.flamesaudit.keys;

import org.flamesaudit.support.ConfigurationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyVariablesTest {

    @Test
    void the_default_allows_only_FLAMES_KEY_variables() {
        KeyVariables v = new KeyVariables(KeyVariables.DEFAULT);
        assertThatCode(() -> v.check("FLAMES_KEY_DEEPSEEK", "f")).doesNotThrowAnyException();
        for (String refused : new String[]{"PATH", "HOME", "OPENAI_API_KEY", "FLAMES_CREDENTIAL_STORE_PASSWORD",
                "FLAMES_DB_PASSWORD", "FLAMES_BROKER_PASSWORD", "FLAMES_KEY", "flames_key_x"}) {
            assertThatThrownBy(() -> v.check(refused, "target.apiKeyEnv")).as(refused)
                    .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("target.apiKeyEnv: " + refused);
        }
    }

    @Test
    void an_explicit_list_adds_names_and_prefixes_but_never_the_servers_own_variables() {
        KeyVariables v = new KeyVariables("OPENAI_API_KEY, DASHSCOPE_*, FLAMES_DB_PASSWORD, FLAMES_*");
        assertThatCode(() -> v.check("OPENAI_API_KEY", "f")).doesNotThrowAnyException();
        assertThatCode(() -> v.check("DASHSCOPE_API_KEY", "f")).doesNotThrowAnyException();
        assertThatCode(() -> v.check("FLAMES_KEY_X", "f")).doesNotThrowAnyException();
        assertThatThrownBy(() -> v.check("OPENAI_API_KEY2", "f")).hasMessageContaining("is not a variable");
        for (String own : new String[]{"FLAMES_DB_PASSWORD", "FLAMES_CREDENTIAL_STORE_PASSWORD", "FLAMES_API_KEY_VARIABLES"}) {
            assertThatThrownBy(() -> v.check(own, "f")).as(own).hasMessageContaining("server's own configuration");
        }
    }

    @Test
    void a_setting_that_would_allow_everything_or_is_not_a_name_fails_loudly() {
        assertThatThrownBy(() -> new KeyVariables("FLAMES_KEY_*,*")).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("flames.keys.variables: '*' would let a run send every environment variable");
        assertThatThrownBy(() -> new KeyVariables("MY-KEY")).hasMessageContaining("\"MY-KEY\" is not an environment "
                + "variable name");
    }
}
