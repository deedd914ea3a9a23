package org.flamesaudit.audit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.flamesaudit.testsupport.ApiClient;
import org.flamesaudit.testsupport.OpenAiStub;
import org.flamesaudit.testsupport.StubScores;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Audits against a fault-injecting OpenAI-compatible stub, with exact counts: rate limits and server errors are
 * retried no sooner than Retry-After and lose nothing; a provider that is down opens the circuit breaker, which
 * halts the run without failing its items; a refused key, an exhausted spend limit or a bad request halts it at once
 * with what to fix; a slow provider causes no timeout and no repeated call; an unreadable judge verdict makes an item
 * UNSCORABLE and leaves it out of the rates.
 */
class FaultInjectionIT {

    private static long flames;
    private static List<FlamesAuditIT.Item> prompts;
    private final ApiClient api = ApiClient.fromSystemProperties();

    @BeforeAll
    static void importFlames() throws Exception {
        flames = ApiClient.fromSystemProperties().importAndWait("flames-1k", ApiClient.flamesFile(), null)
                .getJsonNumber("id").longValue();
        prompts = FlamesAuditIT.readFlames();
    }

    private static JsonObject request(OpenAiStub target, OpenAiStub judge, int concurrency, Integer limit,
                                      Integer maxAttempts) {
        JsonObjectBuilder t = Json.createObjectBuilder().add("connector", "openai-compatible")
                .add("baseUrl", target.baseUrl()).add("model", "faulty-target");
        if (maxAttempts != null) t.add("maxAttempts", maxAttempts);
        JsonObjectBuilder b = Json.createObjectBuilder().add("datasetId", flames).add("target", t)
                .add("scorer", Json.createObjectBuilder().add("type", "llm-judge").add("baseUrl", judge.baseUrl())
                        .add("model", "stub-judge"))
                .add("concurrency", concurrency);
        if (limit != null) b.add("limit", limit);
        return b.build();
    }

    /**
     * 400 prompts (the first of Flames-1k) at concurrency 32, a fifth of the target's answers a 429 with Retry-After: 1
     * and a twentieth a 500: about 80 waits of a second and 20 retries, enough to see every call counted; a thousand
     * prompts took 26 s and showed nothing more.
     */
    @Test
    void should_complete_400_prompts_through_429s_and_500s_never_retrying_before_retry_after() throws Exception {
        int n = 400;
        try (OpenAiStub target = new OpenAiStub().rateLimitShare(0.20, 1).serverErrorShare(0.05);
             OpenAiStub judge = new OpenAiStub()) {
            JsonObject run = api.runAndWait(request(target, judge, 32, n, 10), Duration.ofMinutes(5));
            assertThat(run.getString("status")).as(run.toString()).isEqualTo("COMPLETED");
            JsonObject p = run.getJsonObject("progress");
            assertThat(p.getInt("generated")).isEqualTo(n);
            assertThat(p.getInt("failed")).isZero();
            assertThat(p.getInt("scored") + p.getInt("unscorable")).isEqualTo(n);
            // every prompt answered exactly once; the faults really happened (expected 80 and 20)
            assertThat(target.targetCallsByPrompt()).hasSize(n);
            assertThat(target.targetCallsByPrompt().values()).allMatch(c -> c.get() == 1);
            assertThat(target.rateLimited()).isGreaterThan(50);
            assertThat(target.serverErrors()).isGreaterThan(8);
            assertThat(target.targetAttempts()).isEqualTo(n + target.rateLimited() + target.serverErrors());
            List<Long> gaps = target.gapsAfterRateLimits();
            assertThat(gaps).hasSizeGreaterThan(50);
            assertThat(gaps).as("ms between a 429 with Retry-After: 1 and the next attempt").allMatch(g -> g >= 1000);
        }
    }

    @Test
    void should_open_the_breaker_when_the_provider_is_down_and_finish_after_restart() throws Exception {
        try (OpenAiStub target = new OpenAiStub().failAllTargetCalls(503, "{\"error\":{\"message\":\"overloaded\"}}");
             OpenAiStub judge = new OpenAiStub()) {
            JsonObject halted = api.runAndWait(request(target, judge, 4, 100, null), Duration.ofMinutes(3));
            long id = halted.getJsonNumber("id").longValue();
            assertThat(halted.getString("status")).as(halted.toString()).isEqualTo("STOPPED");
            assertThat(halted.getString("error")).startsWith("halted: 20 calls in a row to the model under test "
                    + "(openai-compatible:faulty-target) failed (last: HTTP 503 server error").contains("restart the run");
            // at most 20 calls, plus the 3 other partitions' calls already in flight
            int calls = target.targetAttempts();
            assertThat(calls).isBetween(20, 23);
            Thread.sleep(2_000);
            assertThat(target.targetAttempts()).as("no call while the breaker is open").isEqualTo(calls);
            // the 96 prompts not reached are pending, not failed; only a prompt whose 5 attempts all ran out
            // before the 20th failure counts as failed (20 / 5 = 4 at most), and the restart tries it again
            JsonObject p = halted.getJsonObject("progress");
            assertThat(p.getInt("failed")).isBetween(0, 4);
            assertThat(p.getInt("generated")).isZero();

            target.failAllTargetCalls(0, null);
            assertThat(api.post("/api/runs/" + id + "/restart", "").status()).isEqualTo(202);
            JsonObject done = api.waitFor("/api/runs/" + id, Set.of("COMPLETED", "FAILED", "STOPPED"), Duration.ofMinutes(3));
            assertThat(done.getString("status")).as(done.toString()).isEqualTo("COMPLETED");
            assertThat(done.getJsonObject("progress").getInt("generated")).isEqualTo(100);
            assertThat(target.targetCallsByPrompt()).hasSize(100);
            assertThat(target.targetCallsByPrompt().values()).allMatch(c -> c.get() == 1);
        }
    }

    @Test
    void should_halt_at_once_without_retrying_a_refused_key_a_spend_limit_or_a_bad_request() throws Exception {
        record Case(int status, String body, String fix) {
        }
        List<Case> cases = List.of(
                new Case(401, "{\"error\":{\"message\":\"Incorrect API key provided\",\"code\":\"invalid_api_key\"}}",
                        "Check the API key the run names"),
                new Case(429, "{\"error\":{\"message\":\"You exceeded your current quota, please check your plan and "
                        + "billing details.\",\"type\":\"insufficient_quota\"}}", "quota or spend limit is reached"),
                new Case(400, "{\"error\":{\"message\":\"Unrecognized request argument supplied: temperature\"}}",
                        "Check the run's settings for this provider"));
        for (Case c : cases) {
            try (OpenAiStub target = new OpenAiStub().failAllTargetCalls(c.status(), c.body());
                 OpenAiStub judge = new OpenAiStub()) {
                JsonObject run = api.runAndWait(request(target, judge, 4, 50, null), Duration.ofMinutes(2));
                assertThat(run.getString("status")).as(run.toString()).isEqualTo("STOPPED");
                assertThat(run.getString("error")).as(run.toString()).startsWith("halted: the model under test")
                        .contains("HTTP " + c.status()).contains(c.fix());
                assertThat(target.targetAttempts()).as("HTTP %d: one call per partition at most, no retry", c.status())
                        .isBetween(1, 4);
                assertThat(run.getJsonObject("progress").getInt("failed")).isZero();
                assertThat(run.getJsonObject("progress").getInt("generated")).isZero();
            }
        }
    }

    @Test
    void should_wait_for_a_25_second_answer_without_timeout_rollback_or_repeated_call() throws Exception {
        try (OpenAiStub target = new OpenAiStub().latencyMs(25_000); OpenAiStub judge = new OpenAiStub()) {
            JsonObject run = api.runAndWait(request(target, judge, 2, 2, null), Duration.ofMinutes(3));
            assertThat(run.getString("status")).as(run.toString()).isEqualTo("COMPLETED");
            assertThat(run.getJsonObject("progress").getInt("generated")).isEqualTo(2);
            assertThat(run.getJsonObject("progress").getInt("failed")).isZero();
            assertThat(target.targetAttempts()).isEqualTo(2);
            assertThat(target.targetCallsByPrompt().values()).allMatch(c -> c.get() == 1);
            JsonObject items = api.get("/api/runs/" + run.getJsonNumber("id") + "/items").body();
            java.time.Instant started = java.time.Instant.parse(run.getString("startedAt"));
            java.time.Instant finished = java.time.Instant.parse(run.getString("finishedAt"));
            assertThat(items.getJsonArray("items")).hasSize(2);
            items.getJsonArray("items").getValuesAs(JsonObject.class).forEach(i -> {
                assertThat(i.getInt("latencyMs")).isGreaterThanOrEqualTo(25_000);
                // when the answer was stored: after the call's 25 s, before the run ended
                assertThat(java.time.Instant.parse(i.getString("answeredAt")))
                        .isAfterOrEqualTo(started.plusSeconds(25)).isBeforeOrEqualTo(finished);
            });
        }
    }

    @Test
    void should_count_unreadable_verdicts_as_unscorable_and_leave_them_out_of_the_rates() throws Exception {
        try (OpenAiStub target = new OpenAiStub(); OpenAiStub judge = new OpenAiStub().judgeGarbageShare(0.10)) {
            JsonObject run = api.runAndWait(request(target, judge, 8, 200, null), Duration.ofMinutes(3));
            assertThat(run.getString("status")).as(run.toString()).isEqualTo("COMPLETED");
            List<FlamesAuditIT.Item> scope = prompts.subList(0, 200);
            long garbage = scope.stream().filter(i -> judge.judgeAnswersGarbage(i.prompt())).count();
            long unscorable = scope.stream().filter(i -> judge.judgeAnswersGarbage(i.prompt())
                    || StubScores.expectedScore(i.prompt(), i.dimension()) == null).count();
            assertThat(garbage).as("the stub's 10%").isBetween(10L, 30L);
            assertThat(run.getJsonObject("progress").getInt("unscorable")).isEqualTo((int) unscorable);
            assertThat(run.getJsonObject("progress").getInt("scored")).isEqualTo(200 - (int) unscorable);
            JsonObject metrics = api.get("/api/runs/" + run.getJsonNumber("id") + "/metrics").body();
            assertThat(metrics.getInt("unscorable")).isEqualTo((int) unscorable);
            int n = metrics.getJsonObject("dimensions").values().stream()
                    .mapToInt(v -> v.asJsonObject().getInt("n")).sum();
            assertThat(n).as("rates count scored items only").isEqualTo(200 - (int) unscorable);
        }
    }

    /**
     * A judge that answers every item with the very same verdict (a broken judge, a cached error page turned into
     * JSON): the run completes, its rates are what the verdicts say, and the metrics, the PDF and the workbook say
     * that every verdict is the same score with the same output.
     */
    @Test
    void should_warn_when_the_judge_gives_every_answer_the_same_verdict() throws Exception {
        try (OpenAiStub target = new OpenAiStub(); OpenAiStub judge = new OpenAiStub()
                .replyToJudge(prompt -> OpenAiStub.completion("{\"score\": 1, \"rationale\": \"有害\"}", null, "stop"))) {
            JsonObject run = api.runAndWait(request(target, judge, 4, 30, null), Duration.ofMinutes(3));
            assertThat(run.getString("status")).as(run.toString()).isEqualTo("COMPLETED");
            long id = run.getJsonNumber("id").longValue();
            JsonObject metrics = api.get("/api/runs/" + id + "/metrics").body();
            assertThat(metrics.getJsonObject("overall").getJsonNumber("harmlessRate").doubleValue()).isZero();
            List<JsonObject> warnings = metrics.getJsonArray("warnings").getValuesAs(JsonObject.class);
            assertThat(warnings).extracting(w -> w.getString("code"))
                    .containsExactly("IDENTICAL_VERDICTS", "IDENTICAL_SCORER_OUTPUT");
            assertThat(warnings.get(0).getInt("items")).isEqualTo(30);
            assertThat(warnings.get(0).getJsonNumber("value").intValue()).isEqualTo(1);
            assertThat(warnings.get(1).getInt("items")).isEqualTo(30);
            String pdf = org.flamesaudit.testsupport.PdfReading.text(api.download("/api/runs/" + id + "/report.pdf")
                    .body()).replaceAll("\\s+", " ");
            assertThat(pdf).contains("注意：评分器的全部 30 个判定都是 1 分")
                    .contains("注意：评分器对全部 30 个回复给出了完全相同的输出");
        }
    }
}
