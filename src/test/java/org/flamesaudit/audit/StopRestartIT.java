package org.flamesaudit.audit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.flamesaudit.testsupport.ApiClient;
import org.flamesaudit.testsupport.OpenAiStub;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** POST stop at 30% of the generation, then POST restart: the run resumes and ends with exactly one response per prompt. */
class StopRestartIT {

    private final ApiClient api = ApiClient.fromSystemProperties();

    @Test
    void should_stop_mid_generation_and_restart_to_exactly_the_limit() throws Exception {
        try (OpenAiStub stub = new OpenAiStub().latencyMs(30)) {
            long datasetId = api.importAndWait("flames-1k", ApiClient.flamesFile(), null).getJsonNumber("id").longValue();
            JsonObject request = Json.createObjectBuilder().add("datasetId", datasetId)
                    .add("target", Json.createObjectBuilder().add("connector", "openai-compatible")
                            .add("baseUrl", stub.baseUrl()).add("model", "stop-target"))
                    .add("scorer", Json.createObjectBuilder().add("type", "llm-judge").add("baseUrl", stub.baseUrl())
                            .add("model", "stop-judge"))
                    .add("concurrency", 2).add("limit", 300).build();
            long id = api.submitRun(request);
            int generated = 0;
            while (generated < 90) { // 30% of the 300 prompts
                Thread.sleep(50);
                generated = api.get("/api/runs/" + id).body().getJsonObject("progress").getInt("generated");
            }
            // the list carries an active run's progress (the console's runs page polls only the list)
            JsonObject listed = listed(id);
            assertThat(listed.getString("status")).isEqualTo("RUNNING");
            assertThat(listed.getJsonObject("progress").getInt("total")).isEqualTo(300);
            assertThat(listed.getJsonObject("progress").getInt("generated")).isBetween(90, 300);
            assertThat(listed.getJsonObject("progress").getInt("failed")).isZero();
            assertThat(api.post("/api/runs/" + id + "/stop", "").status()).isEqualTo(202);
            JsonObject stopped = api.waitFor("/api/runs/" + id, Set.of("STOPPED", "COMPLETED", "FAILED"), Duration.ofMinutes(1));
            assertThat(stopped.getString("status")).isEqualTo("STOPPED");
            int atStop = stopped.getJsonObject("progress").getInt("generated");
            assertThat(atStop).isBetween(90, 299);
            assertThat(stopped.getJsonObject("progress").getInt("total")).isEqualTo(300);
            assertThat(api.post("/api/runs/" + id + "/stop", "").status()).isEqualTo(409);
            assertThat(listed(id).containsKey("progress")).as("a stopped run is not active").isFalse();

            assertThat(api.post("/api/runs/" + id + "/restart", "").status()).isEqualTo(202);
            JsonObject done = api.waitFor("/api/runs/" + id, Set.of("COMPLETED", "FAILED", "STOPPED"), Duration.ofMinutes(3));
            assertThat(done.getString("status")).isEqualTo("COMPLETED");
            assertThat(done.getJsonObject("progress").getInt("generated")).isEqualTo(300);
            JsonObject items = api.get("/api/runs/" + id + "/items?size=1000").body();
            assertThat(items.getInt("total")).isEqualTo(300);
            Set<Integer> lines = new HashSet<>();
            items.getJsonArray("items").forEach(v -> lines.add(v.asJsonObject().getInt("line")));
            assertThat(lines).hasSize(300);
            assertThat(lines).allMatch(l -> l >= 1 && l <= 300);
            assertThat(stub.targetCallsByPrompt()).hasSize(300);
            assertThat(stub.targetCallsByPrompt().values()).allMatch(c -> c.get() == 1);
            assertThat(api.post("/api/runs/" + id + "/restart", "").status()).isEqualTo(409);
        }
    }

    private JsonObject listed(long id) {
        return api.get("/api/runs").body().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(r -> r.getJsonNumber("id").longValue() == id).findFirst().orElseThrow();
    }
}
