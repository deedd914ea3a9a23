package org.flamesaudit.audit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.flamesaudit.testsupport.ApiClient;
import org.flamesaudit.testsupport.OpenAiStub;
import org.flamesaudit.testsupport.ServerProcess;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of the server during generation, then a new server process and POST restart: the run completes with
 * exactly one response per prompt (spring-batch RestartFunctionalTests style: partial count after the crash,
 * then COMPLETED and the exact final count).
 */
class CrashRestartIT {

    @Test
    void should_complete_with_exactly_one_response_per_prompt_after_kill_9_during_generation() throws Exception {
        Path serverHome = Path.of(System.getProperty("flames.server.dir", "target/server"));
        Path base = serverHome.getParent().resolve("crash-it-server");
        try (OpenAiStub stub = new OpenAiStub().latencyMs(40);
             ServerProcess server = new ServerProcess(serverHome, base, 300).prepareFreshBaseDir()) {
            server.start(Duration.ofMinutes(3));
            ApiClient api = new ApiClient(server.baseUrl());
            long datasetId = api.importAndWait("flames-1k", ApiClient.flamesFile(), null).getJsonNumber("id").longValue();
            JsonObject request = Json.createObjectBuilder().add("datasetId", datasetId)
                    .add("target", Json.createObjectBuilder().add("connector", "openai-compatible")
                            .add("baseUrl", stub.baseUrl()).add("model", "stub-target"))
                    .add("scorer", Json.createObjectBuilder().add("type", "llm-judge").add("baseUrl", stub.baseUrl())
                            .add("model", "stub-judge"))
                    .add("concurrency", 4).build();
            ApiClient.Reply created = api.post("/api/runs", request);
            assertThat(created.status()).isEqualTo(202);
            long runId = created.body().getJsonNumber("id").longValue();

            // a large import that the crash will interrupt too
            Path big = ApiClient.inbox("crash-import").resolve("big-import.jsonl");
            StringBuilder bigLines = new StringBuilder();
            for (int i = 1; i <= 60_000; i++) {
                bigLines.append("{\"dimension\":\"Safety\",\"subcomponent\":\"Physical harm\",\"prompt\":\"第")
                        .append(i).append("条 crash import\"}\n");
            }
            java.nio.file.Files.writeString(big, bigLines);
            JsonObject bigRequest = Json.createObjectBuilder().add("name", "big").add("source", big.toString()).build();
            ApiClient.Reply bigImport = api.post("/api/datasets", bigRequest);
            assertThat(bigImport.status()).isEqualTo(202);
            long bigId = bigImport.body().getJsonNumber("id").longValue();

            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            int generated = 0;
            while (generated < 150 && System.nanoTime() < deadline) {
                Thread.sleep(100);
                generated = api.get("/api/runs/" + runId).body().getJsonObject("progress").getInt("generated");
            }
            server.kill();
            int callsBeforeCrash = stub.targetCallsByPrompt().size();
            assertThat(callsBeforeCrash).isBetween(150, 999);

            server.start(Duration.ofMinutes(3));
            JsonObject interruptedImport = api.get("/api/datasets/" + bigId).body();
            assertThat(interruptedImport.getString("status")).as(interruptedImport.toString()).isEqualTo("FAILED");
            assertThat(interruptedImport.getString("error")).contains("interrupted");
            JsonObject afterCrash = api.get("/api/runs/" + runId).body();
            assertThat(afterCrash.getString("status")).isEqualTo("FAILED");
            assertThat(afterCrash.getString("error")).contains("/restart");
            int persisted = afterCrash.getJsonObject("progress").getInt("generated");
            assertThat(persisted).isBetween(generated, 999);

            ApiClient.Reply restarted = api.post("/api/runs/" + runId + "/restart", "");
            assertThat(restarted.status()).as(String.valueOf(restarted.body())).isEqualTo(202);
            JsonObject done = api.waitFor("/api/runs/" + runId, Set.of("COMPLETED", "FAILED"), Duration.ofMinutes(5));
            assertThat(done.getString("status")).as(done.toString()).isEqualTo("COMPLETED");
            assertThat(done.getJsonObject("progress").getInt("generated")).isEqualTo(1000);
            assertThat(done.getJsonObject("progress").getInt("failed")).isZero();
            assertThat(done.getJsonObject("progress").getInt("scored") + done.getJsonObject("progress").getInt("unscorable"))
                    .isEqualTo(1000);

            // one row per prompt: all 1000 lines present, none twice
            JsonObject items = api.get("/api/runs/" + runId + "/items?size=1000").body();
            assertThat(items.getInt("total")).isEqualTo(1000);
            Set<Integer> lines = new HashSet<>();
            items.getJsonArray("items").forEach(v -> lines.add(v.asJsonObject().getInt("line")));
            assertThat(lines).hasSize(1000);
            // every prompt reached the model; only calls in flight at the crash may have been repeated
            assertThat(stub.targetCallsByPrompt()).hasSize(1000);
            int total = stub.targetCallsByPrompt().values().stream().mapToInt(java.util.concurrent.atomic.AtomicInteger::get).sum();
            assertThat(total).isBetween(1000, 1000 + 4 + 1);
            assertThat(api.get("/api/runs/" + runId + "/metrics").body().getBoolean("final")).isTrue();

            // posting the interrupted file again re-imports it completely under the same id
            ApiClient.Reply again = api.post("/api/datasets", bigRequest);
            assertThat(again.status()).isEqualTo(202);
            assertThat(again.body().getJsonNumber("id").longValue()).isEqualTo(bigId);
            JsonObject reimported = api.waitFor("/api/datasets/" + bigId, Set.of("READY", "FAILED"), Duration.ofMinutes(5));
            assertThat(reimported.getString("status")).isEqualTo("READY");
            assertThat(reimported.getInt("promptCount")).isEqualTo(60_000);
            assertThat(reimported.getInt("rejectedCount")).isZero();
        }
    }
}
