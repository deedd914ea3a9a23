package org.flamesaudit.scoring;

import org.flamesaudit.scoring.judge.JudgeOutputFormat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.flamesaudit.support.ConfigurationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ScorerSpecTest {

    private static JsonObjectBuilder judge() {
        return Json.createObjectBuilder()
                .add("type", "llm-judge")
                .add("baseUrl", "https://api.deepseek.com/v1")
                .add("model", "deepseek-chat");
    }

    private static ConfigurationException reject(JsonObject json) {
        return catchThrowableOfType(ConfigurationException.class, () -> ScorerSpec.fromJson(json));
    }

    @Test
    void should_read_llm_judge_scorer() {
        ScorerSpec spec = ScorerSpec.fromJson(judge().add("apiKeyEnv", "DEEPSEEK_API_KEY")
                .add("timeoutSeconds", 30).add("maxAttempts", 2).add("batchSize", 8).build());

        assertThat(spec).isEqualTo(new ScorerSpec("llm-judge", "https://api.deepseek.com/v1", "deepseek-chat",
                "DEEPSEEK_API_KEY", null, 30, 2, 8, null, null, null, null, null));
        assertThat(spec.effectiveBatchSize()).isEqualTo(8);
        assertThat(spec.effectiveOutputFormat()).isEqualTo(JudgeOutputFormat.JSON_SCHEMA);
        assertThat(spec.effectiveSeed()).isEqualTo(42);
    }

    @Test
    void should_read_the_judges_output_format_and_seed_and_name_an_unknown_format() {
        ScorerSpec spec = ScorerSpec.fromJson(judge().add("outputFormat", "json_object").add("seed", 7).build());

        assertThat(spec.effectiveOutputFormat()).isEqualTo(JudgeOutputFormat.JSON_OBJECT);
        assertThat(spec.effectiveSeed()).isEqualTo(7);
        assertThat(ScorerSpec.fromJson(spec.toJson())).isEqualTo(spec);
        assertThatThrownBy(() -> ScorerSpec.fromJson(judge().add("outputFormat", "yaml").build()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("scorer.outputFormat").hasMessageContaining("json_schema, json_object, text");
        assertThatThrownBy(() -> ScorerSpec.fromJson(Json.createObjectBuilder().add("type", "djl").add("seed", 1)
                .build())).isInstanceOf(ConfigurationException.class).hasMessageContaining("seed");
    }

    @Test
    void should_read_imported_scorer_with_default_batch_size_16() {
        ScorerSpec spec = ScorerSpec.fromJson(Json.createObjectBuilder()
                .add("type", "imported").add("file", "/data/scores.jsonl").build());

        assertThat(spec).isEqualTo(new ScorerSpec("imported", null, null, null, null, null, null, null, "/data/scores.jsonl", null, null, null, null));
        assertThat(spec.effectiveBatchSize()).isEqualTo(16);
    }

    @Test
    void should_read_the_djl_scorer_with_the_embedded_model_as_default() {
        ScorerSpec spec = ScorerSpec.fromJson(Json.createObjectBuilder().add("type", "djl").add("batchSize", 32).build());

        assertThat(spec).isEqualTo(new ScorerSpec("djl", null, "embedded", null, null, null, null, 32, null, null, null, null, null));
        assertThat(ScorerSpec.fromJson(spec.toJson())).isEqualTo(spec);
        assertThat(ScorerSpec.DEFAULT.toJson().toString()).isEqualTo("{\"type\":\"djl\",\"model\":\"embedded\"}");
    }

    @Test
    void should_keep_the_directory_of_a_converted_flames_scorer() {
        ScorerSpec spec = ScorerSpec.fromJson(Json.createObjectBuilder().add("type", "djl").add("model", " /models/x ").build());

        assertThat(spec.model()).isEqualTo("/models/x");
        assertThat(spec.isEmbedded()).isFalse();
        assertThat(ScorerSpec.DEFAULT.isEmbedded()).isTrue();
    }

    @Test
    void should_reject_unknown_scorer_type() {
        ConfigurationException e = reject(Json.createObjectBuilder().add("type", "flames-scorer").build());

        assertThat(e.field()).isEqualTo("scorer.type");
        assertThat(e).hasMessage("scorer.type: unknown scorer \"flames-scorer\"; use one of: djl, llm-judge, imported");
    }

    @Test
    void should_reject_judge_without_base_url() {
        ConfigurationException e = reject(Json.createObjectBuilder().add("type", "llm-judge").add("model", "m").build());

        assertThat(e.field()).isEqualTo("scorer.baseUrl");
        assertThat(e).hasMessage("scorer.baseUrl: is required");
    }

    @Test
    void should_reject_imported_without_file() {
        ConfigurationException e = reject(Json.createObjectBuilder().add("type", "imported").build());

        assertThat(e.field()).isEqualTo("scorer.file");
    }

    @Test
    void should_reject_api_key_field_and_point_to_api_key_env() {
        ConfigurationException e = reject(judge().add("apiKey", "sk-judge-key").build());

        assertThat(e.field()).isEqualTo("scorer.apiKey");
        assertThat(e.getMessage()).contains("apiKeyEnv").doesNotContain("sk-judge-key");
    }

    @Test
    void should_reject_api_key_env_that_is_not_a_variable_name() {
        ConfigurationException e = reject(judge().add("apiKeyEnv", "sk-abc123!").build());

        assertThat(e.field()).isEqualTo("scorer.apiKeyEnv");
        assertThat(e).hasMessage("scorer.apiKeyEnv: must be the NAME of an environment variable "
                + "(letters, digits, underscore), not the key itself");
    }

    @Test
    void should_reject_batch_size_out_of_range() {
        ConfigurationException e = reject(judge().add("batchSize", 0).build());

        assertThat(e.field()).isEqualTo("scorer.batchSize");
        assertThat(e).hasMessage("scorer.batchSize: must be between 1 and 1024");
    }

    @Test
    void should_round_trip_through_json_with_env_name_and_no_key() {
        ScorerSpec spec = ScorerSpec.fromJson(judge().add("apiKeyEnv", "JUDGE_KEY").add("timeoutSeconds", 45)
                .add("maxAttempts", 3).add("batchSize", 4).build());

        JsonObject json = spec.toJson();

        assertThat(ScorerSpec.fromJson(json)).isEqualTo(spec);
        assertThat(json.getString("apiKeyEnv")).isEqualTo("JUDGE_KEY");
        assertThat(json.keySet()).containsExactlyInAnyOrder("type", "baseUrl", "model", "apiKeyEnv",
                "timeoutSeconds", "maxAttempts", "batchSize");
        assertThat(json.toString()).doesNotContain("sk-");
    }

    @Test
    void should_round_trip_imported_scorer() {
        ScorerSpec spec = ScorerSpec.fromJson(Json.createObjectBuilder()
                .add("type", "imported").add("file", "s.jsonl").add("batchSize", 32).build());

        assertThat(spec.toJson()).isEqualTo(Json.createObjectBuilder()
                .add("type", "imported").add("batchSize", 32).add("file", "s.jsonl").build());
        assertThat(ScorerSpec.fromJson(spec.toJson())).isEqualTo(spec);
    }

    @Test
    void should_refuse_a_field_the_scorer_does_not_define() {
        ConfigurationException e = reject(judge().add("temperature", 0.7).build());
        assertThat(e.field()).isEqualTo("scorer.temperature");
        assertThat(e.getMessage()).contains("is not a field of this request");
        ConfigurationException djl = reject(Json.createObjectBuilder().add("type", "djl").add("baseUrl", "http://x")
                .build());
        assertThat(djl.field()).isEqualTo("scorer.baseUrl");
        assertThat(ScorerSpec.fromJson(judge().add("stream", true).build()).streams()).isTrue();
        assertThat(reject(Json.createObjectBuilder().add("typ", "djl").build()).field()).isEqualTo("scorer.typ");
    }
}
