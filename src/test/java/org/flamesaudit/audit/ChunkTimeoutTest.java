package org.flamesaudit.audit;

import jakarta.json.Json;
import org.flamesaudit.generation.RetryPolicy;
import org.flamesaudit.generation.TargetSpec;
import org.flamesaudit.scoring.ScorerSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The chunk transaction must outlast the slowest provider call the retry policy allows, so JTA never rolls it back. */
class ChunkTimeoutTest {

    @Test
    void worst_case_is_every_attempt_timing_out_plus_the_longest_wait_between_them() {
        RetryPolicy p = new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(10));
        // 3 x 100 s attempts + 2 waits of max(30 s backoff, 10 s + 1 s Retry-After)
        assertThat(p.worstCase(Duration.ofSeconds(100))).isEqualTo(Duration.ofSeconds(360));
        // the default waits up to 5 min for Retry-After: 5 x 130 s + 4 x 301 s
        assertThat(RetryPolicy.DEFAULT.worstCase(Duration.ofSeconds(130))).isEqualTo(Duration.ofSeconds(1854));
    }

    @Test
    void generate_timeout_covers_a_chunk_of_calls_with_all_their_retries_and_follows_the_target_settings() {
        TargetSpec defaults = TargetSpec.fromJson(Json.createObjectBuilder().add("connector", "openai-compatible")
                .add("baseUrl", "http://127.0.0.1:1/v1").add("model", "m").build());
        // a chunk is 16 prompts (ModelCallItemWriter.PROMPTS_PER_CHUNK)
        assertThat(RunService.generateTimeout(defaults)).isEqualTo(Duration.ofSeconds(16 * 1854 + 60));
        TargetSpec slow = TargetSpec.fromJson(Json.createObjectBuilder().add("connector", "openai-compatible")
                .add("baseUrl", "http://127.0.0.1:1/v1").add("model", "m").add("timeoutSeconds", 600)
                .add("maxAttempts", 10).build());
        // 16 x (10 x 610 s + 9 x 301 s) + 60 s, well beyond JTA's default 180 s
        assertThat(RunService.generateTimeout(slow)).isEqualTo(Duration.ofSeconds(16 * (6100 + 2709) + 60));
    }

    @Test
    void score_timeout_covers_a_whole_batch_and_never_drops_below_an_hour() {
        ScorerSpec judge = ScorerSpec.fromJson(Json.createObjectBuilder().add("type", "llm-judge")
                .add("baseUrl", "http://127.0.0.1:1/v1").add("model", "j").add("batchSize", 4).build());
        assertThat(RunService.scoreTimeout(judge)).isEqualTo(Duration.ofSeconds(4 * 1854 + 60));
        ScorerSpec tiny = ScorerSpec.fromJson(Json.createObjectBuilder().add("type", "llm-judge")
                .add("baseUrl", "http://127.0.0.1:1/v1").add("model", "j").add("batchSize", 1)
                .add("timeoutSeconds", 5).add("maxAttempts", 1).build());
        assertThat(RunService.scoreTimeout(tiny)).isEqualTo(Duration.ofHours(1));
    }
}
