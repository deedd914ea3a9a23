package org.flamesaudit.generation;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.flamesaudit.support.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TargetSpecTest {

    private static JsonObjectBuilder openAi() {
        return Json.createObjectBuilder()
                .add("connector", "openai-compatible")
                .add("baseUrl", "http://127.0.0.1:8000/v1")
                .add("model", "qwen2-7b-instruct");
    }

    private static ConfigurationException reject(JsonObject json) {
        return catchThrowableOfType(ConfigurationException.class, () -> TargetSpec.fromJson(json));
    }

    @Test
    void should_read_openai_compatible_target() {
        TargetSpec spec = TargetSpec.fromJson(openAi()
                .add("apiKeyEnv", "OPENAI_API_KEY").add("temperature", 0.5).add("maxTokens", 512)
                .add("timeoutSeconds", 60).add("maxAttempts", 3).build());

        assertThat(spec).isEqualTo(new TargetSpec("openai-compatible", "http://127.0.0.1:8000/v1",
                "qwen2-7b-instruct", "OPENAI_API_KEY", null, 0.5, 512, 60, 3, null, null));
        assertThat(spec.label()).isEqualTo("openai-compatible:qwen2-7b-instruct");
    }

    @Test
    void should_read_replay_target() {
        TargetSpec spec = TargetSpec.fromJson(Json.createObjectBuilder()
                .add("connector", "replay").add("file", "/data/responses.jsonl").build());

        assertThat(spec).isEqualTo(new TargetSpec("replay", null, null, null, null, null, null, null, null,
                "/data/responses.jsonl", null));
        assertThat(spec.label()).isEqualTo("replay:/data/responses.jsonl");
    }

    @Test
    void should_reject_unknown_connector() {
        ConfigurationException e = reject(Json.createObjectBuilder().add("connector", "gemini").build());

        assertThat(e.field()).isEqualTo("target.connector");
        assertThat(e).hasMessage("target.connector: unknown connector \"gemini\"; use one of: openai-compatible, anthropic, replay");
    }

    @Test
    void should_reject_missing_connector() {
        ConfigurationException e = reject(Json.createObjectBuilder().add("model", "m").build());

        assertThat(e.field()).isEqualTo("target.connector");
        assertThat(e).hasMessage("target.connector: is required");
    }

    @Test
    void should_reject_missing_target() {
        ConfigurationException e = reject(null);

        assertThat(e.field()).isEqualTo("target");
        assertThat(e).hasMessage("target: is required");
    }

    @Test
    void should_reject_missing_base_url() {
        ConfigurationException e = reject(Json.createObjectBuilder()
                .add("connector", "openai-compatible").add("model", "m").build());

        assertThat(e.field()).isEqualTo("target.baseUrl");
        assertThat(e).hasMessage("target.baseUrl: is required");
    }

    @Test
    void should_reject_missing_model() {
        ConfigurationException e = reject(Json.createObjectBuilder()
                .add("connector", "openai-compatible").add("baseUrl", "https://api.example.com/v1").build());

        assertThat(e.field()).isEqualTo("target.model");
    }

    @Test
    void should_reject_replay_without_file() {
        ConfigurationException e = reject(Json.createObjectBuilder().add("connector", "replay").build());

        assertThat(e.field()).isEqualTo("target.file");
        assertThat(e).hasMessage("target.file: is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://host/v1", "127.0.0.1:8000/v1", "not a url", "http:///v1"})
    void should_reject_base_url_that_is_not_http(String url) {
        ConfigurationException e = reject(openAi().add("baseUrl", url).build());

        assertThat(e.field()).isEqualTo("target.baseUrl");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://user:sk-abc@host/v1", "https://host/v1?api_key=sk-abc"})
    void should_reject_base_url_with_credentials_or_query(String url) {
        ConfigurationException e = reject(openAi().add("baseUrl", url).build());

        assertThat(e.field()).isEqualTo("target.baseUrl");
        assertThat(e).hasMessage("target.baseUrl: must not contain credentials, a query string or a fragment");
    }

    @Test
    void should_reject_api_key_field_and_point_to_the_credential_store() {
        ConfigurationException e = reject(openAi().add("apiKey", "sk-abc123").build());

        assertThat(e.field()).isEqualTo("target.apiKey");
        assertThat(e.getMessage()).contains("apiKeyEnv").doesNotContain("sk-abc123");
        assertThat(e).hasMessage("target.apiKey: secrets are never accepted in requests; put the key in the "
                + "server's credential store and pass its alias as apiKeyAlias (or its environment variable's name"
                + " as apiKeyEnv)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"api_key", "APIKEY", "token", "Authorization", "password", "secret", "key", "bearer"})
    void should_reject_any_secret_field_name(String field) {
        ConfigurationException e = reject(openAi().add(field, "sk-abc123").build());

        assertThat(e.field()).isEqualTo("target." + field);
        assertThat(e.getMessage()).contains("apiKeyEnv").doesNotContain("sk-abc123");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sk-abc123!", "sk-proj-abc", "1OPENAI", "MY KEY", "KEY$"})
    void should_reject_api_key_env_that_is_not_a_variable_name(String value) {
        ConfigurationException e = reject(openAi().add("apiKeyEnv", value).build());

        assertThat(e.field()).isEqualTo("target.apiKeyEnv");
        assertThat(e).hasMessage("target.apiKeyEnv: must be the NAME of an environment variable "
                + "(letters, digits, underscore), not the key itself");
        assertThat(e.getMessage()).doesNotContain(value);
    }

    @Test
    void should_treat_blank_api_key_env_as_absent() {
        assertThat(TargetSpec.fromJson(openAi().add("apiKeyEnv", "  ").build()).apiKeyEnv()).isNull();
    }

    @Test
    void should_reject_temperature_outside_0_to_2() {
        ConfigurationException e = reject(openAi().add("temperature", 2.5).build());

        assertThat(e.field()).isEqualTo("target.temperature");
        assertThat(e).hasMessage("target.temperature: must be between 0.0 and 2.0");
    }

    @Test
    void should_reject_non_integer_max_attempts() {
        ConfigurationException e = reject(openAi().add("maxAttempts", 1.5).build());

        assertThat(e.field()).isEqualTo("target.maxAttempts");
        assertThat(e).hasMessage("target.maxAttempts: must be an integer");
    }

    @Test
    void should_round_trip_through_json_with_env_name_and_no_key() {
        TargetSpec spec = TargetSpec.fromJson(openAi()
                .add("apiKeyEnv", "DEEPSEEK_API_KEY").add("temperature", 0.0).add("maxTokens", 1024)
                .add("timeoutSeconds", 90).add("maxAttempts", 4).build());

        JsonObject json = spec.toJson();

        assertThat(TargetSpec.fromJson(json)).isEqualTo(spec);
        assertThat(json.getString("apiKeyEnv")).isEqualTo("DEEPSEEK_API_KEY");
        assertThat(json.keySet()).containsExactlyInAnyOrder("connector", "baseUrl", "model", "apiKeyEnv",
                "temperature", "maxTokens", "timeoutSeconds", "maxAttempts");
        assertThat(json.toString()).doesNotContain("sk-").doesNotContainIgnoringCase("\"apiKey\"");
    }

    @Test
    void should_write_only_present_fields_to_json() {
        TargetSpec replay = TargetSpec.fromJson(Json.createObjectBuilder()
                .add("connector", "replay").add("file", "r.jsonl").build());

        assertThat(replay.toJson()).isEqualTo(Json.createObjectBuilder()
                .add("connector", "replay").add("file", "r.jsonl").build());
        assertThat(TargetSpec.fromJson(replay.toJson())).isEqualTo(replay);
    }

    @Test
    void should_name_a_key_by_its_credential_store_alias() {
        TargetSpec spec = TargetSpec.fromJson(openAi().add("apiKeyAlias", "deepseek.prod").build());
        assertThat(spec.apiKeyAlias()).isEqualTo("deepseek.prod");
        assertThat(spec.apiKeyEnv()).isNull();
        assertThat(spec.toJson().getString("apiKeyAlias")).isEqualTo("deepseek.prod");
        TargetSpec claude = TargetSpec.fromJson(Json.createObjectBuilder().add("connector", "anthropic")
                .add("model", "claude").add("apiKeyAlias", "anthropic").build());
        assertThat(claude.apiKeyEnv()).as("no default variable when an alias is named").isNull();
        assertThat(claude.apiKeyAlias()).isEqualTo("anthropic");
    }

    @Test
    void should_refuse_an_alias_that_is_a_key_or_two_key_references() {
        ConfigurationException key = reject(openAi().add("apiKeyAlias", "sk-Live/abc+123=").build());
        assertThat(key.field()).isEqualTo("target.apiKeyAlias");
        assertThat(key.getMessage()).contains("not the key itself").doesNotContain("sk-Live");
        ConfigurationException both = reject(openAi().add("apiKeyEnv", "K").add("apiKeyAlias", "k").build());
        assertThat(both).hasMessage("target.apiKeyAlias: give target.apiKeyEnv or target.apiKeyAlias, not both");
    }

    @Test
    void should_refuse_a_field_it_does_not_define_and_keep_stream() {
        ConfigurationException typo = reject(openAi().add("maxToken", 512).build());
        assertThat(typo.field()).isEqualTo("target.maxToken");
        assertThat(typo.getMessage()).contains("is not a field of this request").contains("maxTokens");
        ConfigurationException replay = reject(Json.createObjectBuilder().add("connector", "replay")
                .add("file", "/data/r.jsonl").add("stream", true).build());
        assertThat(replay.field()).isEqualTo("target.stream");
        TargetSpec streamed = TargetSpec.fromJson(openAi().add("stream", true).build());
        assertThat(streamed.streams()).isTrue();
        assertThat(TargetSpec.fromJson(streamed.toJson()).streams()).isTrue();
        assertThat(TargetSpec.fromJson(openAi().build()).streams()).isFalse();
        assertThat(reject(openAi().add("stream", "yes").build()).field()).isEqualTo("target.stream");
        assertThat(reject(Json.createObjectBuilder().add("conector", "replay").build()).field())
                .isEqualTo("target.conector");
    }
}
