package org.flamesaudit.audit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.flamesaudit.testsupport.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Misconfigured runs are refused before anything is stored, with a 400 naming the field. */
class RunValidationIT {

    private final ApiClient api = ApiClient.fromSystemProperties();
    private long datasetId;

    @BeforeEach
    void demoDataset() {
        datasetId = api.importAndWait("demo", ApiClient.projectDir().resolve("demo/demo-prompts.jsonl"), null)
                .getJsonNumber("id").longValue();
    }

    private JsonObject run(JsonObject target, JsonObject scorer) {
        return Json.createObjectBuilder().add("datasetId", datasetId).add("target", target).add("scorer", scorer).build();
    }

    private JsonObject imported() {
        return Json.createObjectBuilder().add("type", "imported")
                .add("file", ApiClient.projectDir().resolve("demo/demo-scores.jsonl").toString()).build();
    }

    @Test
    void should_refuse_unknown_connector_with_the_field_name() {
        ApiClient.Reply r = api.post("/api/runs", run(Json.createObjectBuilder().add("connector", "gpt-magic").build(), imported()));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().getString("field")).isEqualTo("target.connector");
        assertThat(r.body().getString("error")).contains("openai-compatible").contains("replay");
    }

    @Test
    void should_refuse_an_api_key_in_the_request_and_never_echo_it() {
        ApiClient.Reply r = api.post("/api/runs", run(Json.createObjectBuilder().add("connector", "openai-compatible")
                .add("baseUrl", "http://127.0.0.1:1/v1").add("model", "m").add("apiKey", "sk-secret-123").build(), imported()));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().getString("field")).isEqualTo("target.apiKey");
        assertThat(r.body().toString()).doesNotContain("sk-secret-123");
    }

    @Test
    void should_refuse_an_unset_api_key_variable_before_any_call() {
        ApiClient.Reply registered = api.as("admin").put("/api/secrets/env/FLAMES_KEY_IT_UNSET/endpoints",
                Json.createObjectBuilder().add("endpoints", Json.createArrayBuilder().add("http://127.0.0.1:1/v1")).build());
        assertThat(registered.status()).isIn(200, 201);
        ApiClient.Reply r = api.post("/api/runs", run(Json.createObjectBuilder().add("connector", "openai-compatible")
                .add("baseUrl", "http://127.0.0.1:1/v1").add("model", "m").add("apiKeyEnv", "FLAMES_KEY_IT_UNSET").build(), imported()));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().getString("field")).isEqualTo("target.apiKeyEnv");
        assertThat(r.body().getString("error")).contains("FLAMES_KEY_IT_UNSET is not set on the server");
    }

    @Test
    void should_refuse_missing_fields_bad_concurrency_and_unknown_dataset() {
        ApiClient.Reply noModel = api.post("/api/runs", run(Json.createObjectBuilder().add("connector", "openai-compatible")
                .add("baseUrl", "http://127.0.0.1:1/v1").build(), imported()));
        assertThat(noModel.body().getString("field")).isEqualTo("target.model");
        ApiClient.Reply badUrl = api.post("/api/runs", run(Json.createObjectBuilder().add("connector", "openai-compatible")
                .add("baseUrl", "ftp://x").add("model", "m").build(), imported()));
        assertThat(badUrl.body().getString("field")).isEqualTo("target.baseUrl");
        JsonObject replay = Json.createObjectBuilder().add("connector", "replay")
                .add("file", ApiClient.projectDir().resolve("demo/demo-responses.jsonl").toString()).build();
        ApiClient.Reply conc = api.post("/api/runs", Json.createObjectBuilder(run(replay, imported())).add("concurrency", 0).build());
        assertThat(conc.status()).isEqualTo(400);
        assertThat(conc.body().getString("field")).isEqualTo("concurrency");
        ApiClient.Reply unknownSet = api.post("/api/runs", Json.createObjectBuilder(run(replay, imported())).add("datasetId", 987654).build());
        assertThat(unknownSet.status()).isEqualTo(400);
        assertThat(unknownSet.body().getString("field")).isEqualTo("datasetId");
        ApiClient.Reply badScorer = api.post("/api/runs", run(replay, Json.createObjectBuilder().add("type", "vibes").build()));
        assertThat(badScorer.body().getString("field")).isEqualTo("scorer.type");
        ApiClient.Reply missingReplay = api.post("/api/runs", run(Json.createObjectBuilder().add("connector", "replay")
                .add("file", "/nonexistent/replay.jsonl").build(), imported()));
        assertThat(missingReplay.body().getString("field")).isEqualTo("target.file");
        assertThat(api.get("/api/runs/987654").status()).isEqualTo(404);
        assertThat(api.post("/api/runs/987654/restart", "").status()).isEqualTo(404);
    }

    @Test
    void should_refuse_a_bad_list_of_scorers_naming_the_scorer_and_its_field() {
        JsonObject replay = Json.createObjectBuilder().add("connector", "replay")
                .add("file", ApiClient.projectDir().resolve("demo/demo-responses.jsonl").toString()).build();
        java.util.function.BiFunction<jakarta.json.JsonArrayBuilder, String, ApiClient.Reply> post = (scorers, rule) -> {
            var body = Json.createObjectBuilder().add("datasetId", datasetId).add("target", replay);
            if (scorers != null) {
                body.add("scorers", scorers);
            }
            if (rule != null) {
                body.add("decision", rule);
            }
            return api.post("/api/runs", body.build());
        };
        JsonObject embedded = Json.createObjectBuilder().add("type", "djl").build();
        ApiClient.Reply typo = post.apply(Json.createArrayBuilder().add(imported())
                .add(Json.createObjectBuilder().add("typ", "djl")), "majority");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.body().getString("field")).isEqualTo("scorers[1].typ");
        ApiClient.Reply same = post.apply(Json.createArrayBuilder().add(embedded).add(imported()).add(embedded), null);
        assertThat(same.status()).isEqualTo(400);
        assertThat(same.body().getString("field")).isEqualTo("scorers[2]");
        assertThat(same.body().getString("error")).contains("the same scorer as scorers[0]");
        ApiClient.Reply empty = post.apply(Json.createArrayBuilder(), null);
        assertThat(empty.body().getString("error")).isEqualTo("scorers: must name 1 to 5 scorers, not 0");
        ApiClient.Reply alone = post.apply(Json.createArrayBuilder().add(imported()), "unanimous");
        assertThat(alone.body().getString("field")).isEqualTo("decision");
        assertThat(alone.body().getString("error")).contains("needs at least two scorers");
        ApiClient.Reply rule = post.apply(Json.createArrayBuilder().add(imported()).add(embedded), "average");
        assertThat(rule.body().getString("error")).isEqualTo(
                "decision: unknown decision rule \"average\"; use primary, majority or unanimous");
        ApiClient.Reply both = api.post("/api/runs", Json.createObjectBuilder(run(replay, imported()))
                .add("scorers", Json.createArrayBuilder().add(embedded)).build());
        assertThat(both.body().getString("error")).isEqualTo("scorers: give scorer or scorers, not both");
        ApiClient.Reply schedule = api.post("/api/schedules", Json.createObjectBuilder().add("name", "panel")
                .add("cron", "0 0 3 * * *").add("zone", "UTC").add("datasetId", datasetId).add("target", replay)
                .add("scorers", Json.createArrayBuilder().add(imported()).add(embedded)).build());
        assertThat(schedule.status()).isEqualTo(400);
        assertThat(schedule.body().getString("field")).isEqualTo("scorers");
    }

    @Test
    void should_run_the_offline_demo_end_to_end() {
        JsonObject replay = Json.createObjectBuilder().add("connector", "replay")
                .add("file", ApiClient.projectDir().resolve("demo/demo-responses.jsonl").toString()).build();
        JsonObject done = api.runAndWait(run(replay, imported()), java.time.Duration.ofMinutes(2));
        assertThat(done.getString("status")).isEqualTo("COMPLETED");
        assertThat(done.getJsonObject("progress").getInt("scored")).isEqualTo(20);
        JsonObject m = api.get("/api/runs/" + done.getJsonNumber("id") + "/metrics").body();
        // demo-scores.jsonl: Fairness 3,3,1,2 -> rate 0.5, score 75
        assertThat(m.getJsonObject("dimensions").getJsonObject("Fairness").getJsonNumber("harmlessRate").doubleValue()).isEqualTo(0.5);
        assertThat(m.getJsonObject("dimensions").getJsonObject("Fairness").getJsonNumber("harmlessScore").doubleValue()).isEqualTo(75.0);
        assertThat(m.getJsonObject("dimensions").getJsonObject("Legality").getJsonObject("scoreCounts").toString())
                .isEqualTo("{\"1\":1,\"3\":2}");
    }

    @Test
    void should_report_a_prompt_without_a_replayed_answer_as_failed_and_invent_nothing() throws Exception {
        java.nio.file.Path dir = ApiClient.inbox("partial-replay");
        java.util.List<String> rows = java.nio.file.Files.readAllLines(ApiClient.projectDir().resolve("demo/demo-responses.jsonl"));
        java.nio.file.Path partial = dir.resolve("partial.jsonl");
        java.nio.file.Files.write(partial, rows.subList(1, rows.size()));
        JsonObject replay = Json.createObjectBuilder().add("connector", "replay").add("file", partial.toString()).build();
        JsonObject done = api.runAndWait(run(replay, imported()), java.time.Duration.ofMinutes(2));
        assertThat(done.getString("status")).isEqualTo("COMPLETED");
        assertThat(done.getJsonObject("progress").getInt("failed")).isEqualTo(1);
        assertThat(done.getJsonObject("progress").getInt("scored")).isEqualTo(19);
        JsonObject failed = api.get("/api/runs/" + done.getJsonNumber("id") + "/items?score=failed").body();
        assertThat(failed.getInt("total")).isEqualTo(1);
        assertThat(failed.getJsonArray("items").getJsonObject(0).getInt("line")).isEqualTo(1);
        assertThat(failed.getJsonArray("items").getJsonObject(0).getString("error")).contains("no response for this prompt");
        assertThat(failed.getJsonArray("items").getJsonObject(0).containsKey("response")).isFalse();
        JsonObject m = api.get("/api/runs/" + done.getJsonNumber("id") + "/metrics").body();
        assertThat(m.getInt("failed")).isEqualTo(1);
        assertThat(m.getJsonObject("dimensions").getJsonObject("Fairness").getInt("n")).isEqualTo(3);
    }
}
