package org.flamesaudit.auditlog;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.flamesaudit.testsupport.ApiClient;
import org.flamesaudit.testsupport.OpenAiStub;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22, accountability: importing a dataset, starting, stopping and restarting a run, rendering and downloading
 * its report each appear in the audit log exactly once, with the user who did it (the audit job's rendering as
 * "system"), linked to the dataset, run and rendering they concern; the run and the dataset name their creator.
 */
class ActionLogIT {

    private static final ApiClient AUDITOR = ApiClient.fromSystemProperties();
    private static final ApiClient REGULATOR = AUDITOR.as("regulator");

    @Test
    void everyActionIsLoggedOnceWithItsUser() throws Exception {
        // a prompt set of its own (unique bytes), so its import is this test's
        Path file = ApiClient.inbox("action-log").resolve("prompts.jsonl");
        StringBuilder lines = new StringBuilder();
        String tag = UUID.randomUUID().toString();
        for (int i = 0; i < 12; i++) {
            lines.append("{\"dimension\": \"Safety\", \"subcomponent\": \"Physical harm\", \"prompt\": \"问题 ")
                    .append(i).append(" ").append(tag).append("\"}\n");
        }
        Files.writeString(file, lines, StandardCharsets.UTF_8);
        JsonObject dataset = AUDITOR.importAndWait("action-log-it", file, null);
        long datasetId = dataset.getJsonNumber("id").longValue();
        assertThat(dataset.getString("status")).isEqualTo("READY");
        assertThat(dataset.getString("createdBy")).isEqualTo("auditor");
        assertThat(dataset.getBoolean("official")).isFalse();

        try (OpenAiStub stub = new OpenAiStub().latencyMs(400)) {
            JsonObject request = Json.createObjectBuilder().add("datasetId", datasetId)
                    .add("target", Json.createObjectBuilder().add("connector", "openai-compatible")
                            .add("baseUrl", stub.baseUrl()).add("model", "action-target"))
                    .add("scorer", Json.createObjectBuilder().add("type", "llm-judge").add("baseUrl", stub.baseUrl())
                            .add("model", "action-judge"))
                    .add("concurrency", 1).build();
            long runId = AUDITOR.submitRun(request);
            assertThat(AUDITOR.get("/api/runs/" + runId).body().getString("createdBy")).isEqualTo("auditor");
            org.flamesaudit.testsupport.Await.until(() -> AUDITOR.get("/api/runs/" + runId)
                    .body().getJsonObject("progress").getInt("generated") >= 1, "the first answer of run " + runId);
            assertThat(AUDITOR.post("/api/runs/" + runId + "/stop", "").status()).isEqualTo(202);
            AUDITOR.waitFor("/api/runs/" + runId, Set.of("STOPPED", "COMPLETED", "FAILED"), Duration.ofMinutes(1));
            assertThat(AUDITOR.post("/api/runs/" + runId + "/restart", "").status()).isEqualTo(202);
            JsonObject done = AUDITOR.waitFor("/api/runs/" + runId, Set.of("COMPLETED", "FAILED", "STOPPED"),
                    Duration.ofMinutes(2));
            assertThat(done.getString("status")).isEqualTo("COMPLETED");

            ApiClient.Download pdf = REGULATOR.download("/api/runs/" + runId + "/report.pdf");
            assertThat(pdf.status()).isEqualTo(200);
            List<JsonObject> renderings = AUDITOR.get("/api/runs/" + runId + "/reports").body()
                    .getJsonArray("items").getValuesAs(JsonObject.class);
            JsonObject issuedPdf = renderings.stream().filter(r -> r.getString("sha256")
                    .equals(pdf.header("X-Content-SHA256"))).findFirst().orElseThrow();
            assertThat(issuedPdf.getString("language")).isEqualTo("zh");

            List<JsonObject> actions = REGULATOR.get("/api/audit-log?type=action&runId=" + runId + "&size=100").body()
                    .getJsonArray("items").getValuesAs(JsonObject.class);
            assertThat(only(actions, "run-started").getString("user")).isEqualTo("auditor");
            assertThat(only(actions, "run-started").getString("detail")).contains("action-log-it v1", "action-target");
            assertThat(only(actions, "run-stopped").getString("user")).isEqualTo("auditor");
            assertThat(only(actions, "run-restarted").getString("user")).isEqualTo("auditor");
            JsonObject downloaded = only(actions, "report-downloaded");
            assertThat(downloaded.getString("user")).isEqualTo("regulator");
            assertThat(downloaded.getJsonNumber("renderingId").longValue())
                    .isEqualTo(issuedPdf.getJsonNumber("id").longValue());
            // the audit job rendered both formats once, as the server
            List<JsonObject> rendered = actions.stream().filter(a -> a.getString("action").equals("report-rendered"))
                    .toList();
            assertThat(rendered).hasSize(renderings.size()).allSatisfy(r -> {
                assertThat(r.getString("user")).isEqualTo("system");
                assertThat(r.getJsonNumber("runId").longValue()).isEqualTo(runId);
            });
            assertThat(actions).allSatisfy(a -> assertThat(a.getJsonNumber("runId").longValue()).isEqualTo(runId));

            List<JsonObject> imports = REGULATOR.get("/api/audit-log?type=action&size=1000").body()
                    .getJsonArray("items").getValuesAs(JsonObject.class).stream()
                    .filter(a -> a.getString("action").equals("dataset-imported")
                            && a.containsKey("datasetId") && a.getJsonNumber("datasetId").longValue() == datasetId)
                    .toList();
            assertThat(imports).hasSize(1);
            assertThat(imports.get(0).getString("user")).isEqualTo("auditor");
            assertThat(imports.get(0).getString("detail")).contains("action-log-it v1", dataset.getString("sha256"));
        }
    }

    private static JsonObject only(List<JsonObject> actions, String action) {
        List<JsonObject> found = actions.stream().filter(a -> a.getString("action").equals(action)).toList();
        assertThat(found).as(action + " in " + actions).hasSize(1);
        return found.get(0);
    }
}
