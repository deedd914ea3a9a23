package org.flamesaudit.audit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.flamesaudit.testsupport.ApiClient;
import org.flamesaudit.testsupport.OpenAiStub;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A provider that refuses some prompts (HTTP 400 about the prompt, not retried, no moderation block) leaves them
 * failed, counted beside the metrics and never inside; once the provider is fixed, restarting the completed run
 * tries exactly those prompts again.
 */
class RetryFailedItemsIT {

    private final ApiClient api = ApiClient.fromSystemProperties();

    /**
     * 3 of 20 prompts failed (15%, above the 5% threshold): the run may not claim completion. It ends
     * COMPLETED_WITH_FAILURES with the figures, its metrics are not final and it has no formal report; an auditor
     * accepts the failures with a justification (recorded with the run), and the run is COMPLETED with its reports.
     * A second such run is retried instead: the restart asks only the 3 prompts again and it completes.
     */
    @Test
    void should_withhold_completion_when_too_many_prompts_failed_until_accepted_or_retried() throws Exception {
        long datasetId = api.importAndWait("demo", ApiClient.projectDir().resolve("demo/demo-prompts.jsonl"), null)
                .getJsonNumber("id").longValue();
        try (OpenAiStub stub = new OpenAiStub().failPromptsContaining("觉得", 400)) {
            JsonObject request = Json.createObjectBuilder().add("datasetId", datasetId)
                    .add("target", Json.createObjectBuilder().add("connector", "openai-compatible")
                            .add("baseUrl", stub.baseUrl()).add("model", "mostly-broken-target"))
                    .add("scorer", Json.createObjectBuilder().add("type", "imported")
                            .add("file", ApiClient.projectDir().resolve("demo/demo-scores.jsonl").toString()))
                    .add("concurrency", 4).build();
            JsonObject first = api.runAndWait(request, Duration.ofMinutes(2));
            long id = first.getJsonNumber("id").longValue();
            assertThat(first.getString("status")).as(first.toString()).isEqualTo("COMPLETED_WITH_FAILURES");
            assertThat(first.getJsonObject("progress").getInt("failed")).isEqualTo(3);
            String reason = "3 of 20 prompts failed (15.0%, above the 5.0% threshold): the metrics are not final "
                    + "and no formal report is issued; POST /api/runs/" + id + "/restart to ask the failed prompts "
                    + "again, or POST /api/runs/" + id + "/accept-failures with a justification";
            assertThat(first.getString("error")).isEqualTo(reason);
            assertThat(first.getJsonObject("completionWithheld").getString("reason")).isEqualTo(reason);
            JsonObject m = api.get("/api/runs/" + id + "/metrics").body();
            assertThat(m.getBoolean("final")).isFalse();
            assertThat(m.getString("notFinalBecause")).isEqualTo(reason);
            assertThat(api.get("/api/runs/" + id + "/reports").body().getJsonArray("items")).isEmpty();
            ApiClient.Download pdf = api.download("/api/runs/" + id + "/report.pdf");
            assertThat(pdf.status()).isEqualTo(409);
            assertThat(pdf.text()).contains("has no formal report").contains("3 of 20 prompts failed");
            assertThat(api.post("/api/runs/" + id + "/reports", "").status()).isEqualTo(409);

            assertThat(api.post("/api/runs/" + id + "/accept-failures", "{}").status()).isEqualTo(400);
            assertThat(api.as("reviewer").post("/api/runs/" + id + "/accept-failures",
                    "{\"justification\": \"x\"}").status()).isEqualTo(403);
            ApiClient.Reply accepted = api.post("/api/runs/" + id + "/accept-failures",
                    "{\"justification\": \"the provider refuses these prompts for good; audited as is\"}");
            assertThat(accepted.status()).as(String.valueOf(accepted.body())).isEqualTo(200);
            assertThat(accepted.body().getString("status")).isEqualTo("COMPLETED");
            JsonObject withheld = accepted.body().getJsonObject("completionWithheld");
            assertThat(withheld.getString("acceptedBy")).isEqualTo("auditor");
            assertThat(withheld.getString("justification"))
                    .isEqualTo("the provider refuses these prompts for good; audited as is");
            assertThat(api.post("/api/runs/" + id + "/accept-failures", "{\"justification\": \"again\"}").status())
                    .isEqualTo(409);
            assertThat(api.get("/api/runs/" + id + "/metrics").body().getBoolean("final")).isTrue();
            assertThat(api.download("/api/runs/" + id + "/report.pdf").status()).isEqualTo(200);

            // the acceptance is in the audit log, readable by a regulator, and stays there when a restart (which
            // asks the failed prompts again: they fail again) clears it from the run
            JsonObject logged = api.as("regulator").get("/api/audit-log?type=acceptance&runId=" + id).body()
                    .getJsonArray("items").getJsonObject(0);
            assertThat(logged.getString("type")).isEqualTo("acceptance");
            assertThat(logged.getString("user")).isEqualTo("auditor");
            assertThat(logged.getString("justification"))
                    .isEqualTo("the provider refuses these prompts for good; audited as is");
            assertThat(logged.getString("withheldReason")).isEqualTo(reason);
            assertThat(api.post("/api/runs/" + id + "/restart", "").status()).isEqualTo(202);
            JsonObject again = api.waitFor("/api/runs/" + id, Set.of("COMPLETED", "COMPLETED_WITH_FAILURES", "FAILED",
                    "STOPPED"), Duration.ofMinutes(2));
            assertThat(again.getString("status")).as(again.toString()).isEqualTo("COMPLETED_WITH_FAILURES");
            assertThat(again.getJsonObject("completionWithheld").containsKey("acceptedBy")).isFalse();
            assertThat(api.get("/api/audit-log?type=acceptance&runId=" + id).body().getJsonArray("items"))
                    .hasSize(1);

            JsonObject second = api.runAndWait(request, Duration.ofMinutes(2));
            long other = second.getJsonNumber("id").longValue();
            assertThat(second.getString("status")).isEqualTo("COMPLETED_WITH_FAILURES");
            stub.failPromptsContaining(null, 0);
            assertThat(api.post("/api/runs/" + other + "/restart", "").status()).isEqualTo(202);
            JsonObject retried = api.waitFor("/api/runs/" + other, Set.of("COMPLETED", "COMPLETED_WITH_FAILURES",
                    "FAILED", "STOPPED"), Duration.ofMinutes(2));
            assertThat(retried.getString("status")).as(retried.toString()).isEqualTo("COMPLETED");
            assertThat(retried.containsKey("completionWithheld")).isFalse();
            assertThat(retried.getJsonObject("progress").getInt("failed")).isZero();
            assertThat(api.get("/api/runs/" + other + "/metrics").body().getBoolean("final")).isTrue();
        }
    }

    @Test
    void should_report_refused_prompts_as_failed_and_retry_only_them_on_restart() throws Exception {
        long datasetId = api.importAndWait("demo", ApiClient.projectDir().resolve("demo/demo-prompts.jsonl"), null)
                .getJsonNumber("id").longValue();
        try (OpenAiStub stub = new OpenAiStub().failPromptsContaining("露营", 400)) {
            JsonObject request = Json.createObjectBuilder().add("datasetId", datasetId)
                    .add("target", Json.createObjectBuilder().add("connector", "openai-compatible")
                            .add("baseUrl", stub.baseUrl()).add("model", "flaky-target"))
                    .add("scorer", Json.createObjectBuilder().add("type", "imported")
                            .add("file", ApiClient.projectDir().resolve("demo/demo-scores.jsonl").toString()))
                    .add("concurrency", 4).build();
            JsonObject first = api.runAndWait(request, Duration.ofMinutes(2));
            long id = first.getJsonNumber("id").longValue();
            assertThat(first.getString("status")).isEqualTo("COMPLETED");
            assertThat(first.getJsonObject("progress").getInt("failed")).isEqualTo(1);
            assertThat(first.getJsonObject("progress").getInt("scored")).isEqualTo(19);
            JsonObject failed = api.get("/api/runs/" + id + "/items?score=failed").body().getJsonArray("items").getJsonObject(0);
            assertThat(failed.getString("prompt")).contains("露营");
            assertThat(failed.getString("error")).contains("HTTP 400").contains("injected failure");
            assertThat(failed.getInt("attempts")).isEqualTo(1);
            JsonObject m1 = api.get("/api/runs/" + id + "/metrics").body();
            assertThat(m1.getInt("failed")).isEqualTo(1);
            assertThat(m1.getJsonObject("dimensions").getJsonObject("Morality").getInt("n")).isEqualTo(3);

            stub.failPromptsContaining(null, 0);
            assertThat(api.post("/api/runs/" + id + "/restart", "").status()).isEqualTo(202);
            JsonObject second = api.waitFor("/api/runs/" + id, Set.of("COMPLETED", "FAILED", "STOPPED"), Duration.ofMinutes(2));
            assertThat(second.getString("status")).isEqualTo("COMPLETED");
            assertThat(second.getJsonObject("progress").getInt("failed")).isZero();
            assertThat(second.getJsonObject("progress").getInt("scored")).isEqualTo(20);
            // the 19 answered prompts were not called again; the refused one was answered once
            assertThat(stub.targetCallsByPrompt()).hasSize(20);
            assertThat(stub.targetCallsByPrompt().values()).allMatch(c -> c.get() == 1);
            JsonObject m2 = api.get("/api/runs/" + id + "/metrics").body();
            assertThat(m2.getBoolean("final")).isTrue();
            assertThat(m2.getInt("failed")).isZero();
            // demo-scores.jsonl: Morality 3, 3, 1, 2
            assertThat(m2.getJsonObject("dimensions").getJsonObject("Morality").getJsonObject("scoreCounts").toString())
                    .isEqualTo("{\"1\":1,\"2\":1,\"3\":2}");
            assertThat(api.post("/api/runs/" + id + "/restart", "").status()).isEqualTo(409);
        }
    }

    @Test
    void should_halt_on_a_judge_outage_and_rescore_on_restart() throws Exception {
        long datasetId = api.importAndWait("demo", ApiClient.projectDir().resolve("demo/demo-prompts.jsonl"), null)
                .getJsonNumber("id").longValue();
        java.util.List<JsonObject> prompts = new java.util.ArrayList<>();
        for (String line : java.nio.file.Files.readAllLines(ApiClient.projectDir().resolve("demo/demo-prompts.jsonl"))) {
            prompts.add(Json.createReader(new java.io.StringReader(line)).readObject());
        }
        long expectedUnscorable = prompts.stream().filter(p -> org.flamesaudit.testsupport.StubScores.expectedScore(
                p.getString("prompt"), org.flamesaudit.dataset.Dimension.requireLabel(p.getString("dimension"))) == null).count();
        try (OpenAiStub stub = new OpenAiStub().failJudgeWith(503)) {
            JsonObject request = Json.createObjectBuilder().add("datasetId", datasetId)
                    .add("target", Json.createObjectBuilder().add("connector", "openai-compatible")
                            .add("baseUrl", stub.baseUrl()).add("model", "target"))
                    .add("scorer", Json.createObjectBuilder().add("type", "llm-judge").add("baseUrl", stub.baseUrl())
                            .add("model", "down-judge").add("maxAttempts", 2))
                    .add("concurrency", 4).build();
            JsonObject first = api.runAndWait(request, Duration.ofMinutes(2));
            long id = first.getJsonNumber("id").longValue();
            // 20 judge calls in a row failed: the breaker stopped the run instead of failing every item
            assertThat(first.getString("status")).as(first.toString()).isEqualTo("STOPPED");
            assertThat(first.getString("error")).startsWith("halted: 20 calls in a row to the scorer (llm-judge "
                    + "down-judge) failed (last: HTTP 503").contains("restart the run when it is back");
            assertThat(first.getJsonObject("progress").getInt("generated")).isEqualTo(20);
            assertThat(first.getJsonObject("progress").getInt("scored")).isZero();
            int judgeCalls = stub.judgeAttempts();
            assertThat(judgeCalls).as("calls until the breaker opened, plus those already in flight").isBetween(20, 23);
            JsonObject m1 = api.get("/api/runs/" + id + "/metrics").body();
            assertThat(m1.getJsonObject("dimensions")).isEmpty();

            stub.failJudgeWith(0);
            assertThat(api.post("/api/runs/" + id + "/restart", "").status()).isEqualTo(202);
            JsonObject second = api.waitFor("/api/runs/" + id, Set.of("COMPLETED", "FAILED", "STOPPED"), Duration.ofMinutes(2));
            assertThat(second.getString("status")).as(second.toString()).isEqualTo("COMPLETED");
            assertThat(second.getJsonObject("progress").getInt("unscorable")).isEqualTo((int) expectedUnscorable);
            assertThat(second.getJsonObject("progress").getInt("scored")).isEqualTo(20 - (int) expectedUnscorable);
            assertThat(stub.targetCallsByPrompt().values()).allMatch(c -> c.get() == 1);
            assertThat(stub.judgeCallsByPrompt()).hasSize(20);
            assertThat(stub.judgeCallsByPrompt().values()).allMatch(c -> c.get() == 1);
        }
    }
}
