package org.flamesaudit.support;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SecretsTest {

    private final Secrets secrets = new Secrets(Map.of(
            "OPENAI_API_KEY", "sk-live-123",
            "BLANK_KEY", "   ")::get);

    @Test
    void should_resolve_key_from_named_variable() {
        assertThat(secrets.resolve("OPENAI_API_KEY", "target.apiKeyEnv")).isEqualTo("sk-live-123");
    }

    @Test
    void should_return_null_when_no_variable_is_named() {
        assertThat(secrets.resolve(null, "target.apiKeyEnv")).isNull();
    }

    @Test
    void should_reject_missing_variable_naming_variable_and_field() {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                () -> secrets.resolve("DEEPSEEK_API_KEY", "target.apiKeyEnv"));

        assertThat(e.field()).isEqualTo("target.apiKeyEnv");
        assertThat(e).hasMessage("target.apiKeyEnv: environment variable DEEPSEEK_API_KEY is not set on the server; "
                + "export it before starting WildFly (e.g. export DEEPSEEK_API_KEY=...) or omit target.apiKeyEnv "
                + "for an endpoint without authentication");
    }

    @Test
    void should_reject_blank_variable_like_a_missing_one() {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                () -> secrets.resolve("BLANK_KEY", "scorer.apiKeyEnv"));

        assertThat(e.field()).isEqualTo("scorer.apiKeyEnv");
        assertThat(e.getMessage()).contains("BLANK_KEY").contains("scorer.apiKeyEnv");
    }

    @Test
    void should_never_put_other_keys_into_the_message() {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                () -> secrets.resolve("OTHER", "target.apiKeyEnv"));

        assertThat(e.getMessage()).doesNotContain("sk-live-123");
    }

    @Test
    void should_resolve_a_key_by_alias_from_the_credential_store() {
        Secrets both = new Secrets(Map.of("ENV_KEY", "sk-env")::get, Map.of("deepseek", "sk-store")::get);
        assertThat(both.key(null, "deepseek", "target")).isEqualTo("sk-store");
        assertThat(both.key("ENV_KEY", null, "scorer")).isEqualTo("sk-env");
        assertThat(both.key(null, null, "target")).isNull();
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                () -> both.key(null, "qwen", "scorer"));
        assertThat(e.field()).isEqualTo("scorer.apiKeyAlias");
        assertThat(e).hasMessage("scorer.apiKeyAlias: the credential store has no key with alias \"qwen\"; an admin "
                + "sets it with PUT /api/secrets/qwen (or wildfly-config/secrets.sh set qwen)");
    }

    @Test
    void should_name_the_field_when_the_server_has_no_credential_store() {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                () -> secrets.key(null, "deepseek", "target"));
        assertThat(e.field()).isEqualTo("target.apiKeyAlias");
    }
}
