package org.flamesaudit.review;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.flamesaudit.testsupport.ApiClient;
import org.flamesaudit.testsupport.PdfReading;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reviewer overrides one score of the offline demo audit: the metrics change exactly, the scorer's verdict stays
 * readable, the trail names the reviewer and the justification, and the next report uses the reviewed score.
 */
class ReviewIT {

    private static final ApiClient AUDITOR = ApiClient.fromSystemProperties();
    private static final ApiClient REVIEWER = AUDITOR.as("reviewer");
    private static long runId;

    @BeforeAll
    static void demoAudit() {
        runId = runDemo();
    }

    static long runDemo() {
        long datasetId = AUDITOR.importAndWait("demo", ApiClient.projectDir().resolve("demo/demo-prompts.jsonl"), null)
                .getJsonNumber("id").longValue();
        JsonObject request = Json.createObjectBuilder().add("datasetId", datasetId)
                .add("target", Json.createObjectBuilder().add("connector", "replay")
                        .add("file", ApiClient.projectDir().resolve("demo/demo-responses.jsonl").toString()))
                .add("scorer", Json.createObjectBuilder().add("type", "imported")
                        .add("file", ApiClient.projectDir().resolve("demo/demo-scores.jsonl").toString()))
                .build();
        JsonObject run = AUDITOR.runAndWait(request, Duration.ofMinutes(2));
        assertThat(run.getString("status")).isEqualTo("COMPLETED");
        return run.getJsonNumber("id").longValue();
    }

    @Test
    void anOverrideChangesTheMetricsKeepsTheMachineScoreAndIsInTheTrail() throws Exception {
        String reportBefore = AUDITOR.download("/api/runs/" + runId + "/report.pdf").header("X-Report-Id");
        // demo-scores.jsonl: Fairness 3, 3, 1, 2 -> rate 2/4, score 100 x 9 / 12 = 75
        JsonObject fairness = metrics().getJsonObject("dimensions").getJsonObject("Fairness");
        assertThat(fairness.getJsonNumber("harmlessRate").doubleValue()).isEqualTo(0.5);
        assertThat(fairness.getJsonNumber("harmlessScore").doubleValue()).isEqualTo(75.0);
        JsonObject item = AUDITOR.get("/api/runs/" + runId + "/items?dimension=Fairness&score=3&size=1").body()
                .getJsonArray("items").getJsonObject(0);
        long promptId = item.getJsonNumber("promptId").longValue();

        ApiClient.Reply r = REVIEWER.post("/api/runs/" + runId + "/items/" + promptId + "/review",
                Json.createObjectBuilder().add("score", 1)
                        .add("justification", "回复给出了具体的歧视性建议 / gives concrete discriminatory advice").build());
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(201);
        assertThat(r.body().getString("user")).isEqualTo("reviewer");
        assertThat(r.body().getInt("machineScore")).isEqualTo(3);
        assertThat(r.body().getInt("previousScore")).isEqualTo(3);
        assertThat(r.body().getInt("newScore")).isEqualTo(1);

        // Fairness now 3, 1, 1, 2 (reviewed): rate 1/4, score 100 x 7 / 12
        JsonObject after = metrics();
        assertThat(after.getBoolean("final")).isTrue();
        assertThat(after.getInt("reviewed")).isEqualTo(1);
        JsonObject f = after.getJsonObject("dimensions").getJsonObject("Fairness");
        assertThat(f.getJsonNumber("harmlessRate").doubleValue()).isEqualTo(0.25);
        assertThat(f.getJsonNumber("harmlessScore").doubleValue()).isEqualTo(100.0 * 7 / 12);
        assertThat(f.getJsonObject("scoreCounts").getInt("1")).isEqualTo(2);

        // the item shows the reviewed score and keeps the scorer's
        JsonObject reviewed = AUDITOR.get("/api/runs/" + runId + "/items?dimension=Fairness&size=50").body()
                .getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(i -> i.getJsonNumber("promptId").longValue() == promptId).findFirst().orElseThrow();
        assertThat(reviewed.getInt("score")).isEqualTo(1);
        assertThat(reviewed.getInt("machineScore")).isEqualTo(3);
        assertThat(reviewed.getString("reviewedBy")).isEqualTo("reviewer");

        // the trail, readable by a regulator
        ApiClient regulator = AUDITOR.as("regulator");
        JsonObject history = regulator.get("/api/runs/" + runId + "/items/" + promptId + "/reviews").body();
        assertThat(history.getJsonArray("items")).hasSize(1);
        JsonObject log = regulator.get("/api/audit-log?runId=" + runId).body().getJsonArray("items").getJsonObject(0);
        assertThat(log.getString("user")).isEqualTo("reviewer");
        assertThat(log.getString("justification")).startsWith("回复给出了具体的歧视性建议");
        assertThat(log.getJsonNumber("promptId").longValue()).isEqualTo(promptId);

        // the next report is rendered from the reviewed data: a new report id, and it says so
        ApiClient.Download pdf = regulator.download("/api/runs/" + runId + "/report.pdf");
        assertThat(pdf.header("X-Report-Id")).isNotEqualTo(reportBefore);
        String text = PdfReading.text(pdf.body()).replaceAll("\\s+", " ");
        assertThat(text).contains("人工复核：1（改分 1 · 确认 0）", "25.00%",
                "58.33");
        assertThat(after.getJsonObject("review").getInt("changed")).isEqualTo(1);
        // the scorer's card says what this run's review measured (one pair, 3 against 1: no agreement, kappa 0)
        String measured = "On this run 本次运行: 1 answer scored by this scorer and reviewed by a human, 0.0% agreement, "
                + "Cohen's kappa 0.000.";
        assertThat(after.getJsonObject("scorerCard").getString("agreement")).contains(measured);
        assertThat(text.replace(" ", "")).as("a line may wrap between two Chinese characters")
                .contains(measured.replace(" ", ""));
        // before the review Fairness was 3, 3, 1, 2: rate 2/4, as measured above
        assertThat(after.getJsonObject("review").getJsonObject("beforeReview").getJsonObject("dimensions")
                .getJsonObject("Fairness").getJsonNumber("harmlessRate").doubleValue()).isEqualTo(0.5);
    }

    @Test
    void aReviewIsRefusedWithTheReasonWhenItIsNotAllowedOrNotValid() {
        JsonObject legality = AUDITOR.get("/api/runs/" + runId + "/items?dimension=Legality&size=1").body()
                .getJsonArray("items").getJsonObject(0);
        String path = "/api/runs/" + runId + "/items/" + legality.getJsonNumber("promptId") + "/review";
        JsonObject two = Json.createObjectBuilder().add("score", 2).add("justification", "partly harmful").build();
        ApiClient.Reply notAScore = REVIEWER.post(path, two);
        assertThat(notAScore.status()).isEqualTo(400);
        assertThat(notAScore.body().getString("field")).isEqualTo("score");
        assertThat(notAScore.body().getString("error")).contains("Legality");
        ApiClient.Reply blank = REVIEWER.post(path, Json.createObjectBuilder().add("score", 1)
                .add("justification", "  ").build());
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body().getString("field")).isEqualTo("justification");
        assertThat(AUDITOR.as("regulator").post(path, two).status()).isEqualTo(403);
        assertThat(AUDITOR.post(path, two).status()).isEqualTo(403);
        assertThat(REVIEWER.post("/api/runs/" + runId + "/items/999999/review", Json.createObjectBuilder()
                .add("score", 1).add("justification", "x").build()).status()).isEqualTo(404);
        assertThat(AUDITOR.get("/api/runs/" + runId + "/items/" + legality.getJsonNumber("promptId") + "/reviews")
                .body().getJsonArray("items")).isEmpty();
    }

    @Test
    void theQueueShowsWhatToReviewFirstAndAgreementIsMeasuredOnReviewedAnswers() {
        long run = runDemo();
        int ones = total(run, "1");
        int twos = total(run, "2");
        int unscorable = total(run, "unscorable");
        JsonObject queue = REVIEWER.get("/api/runs/" + run + "/review-queue?size=100").body();
        assertThat(queue.getInt("total")).isEqualTo(ones + twos + unscorable).isPositive();
        JsonObject first = queue.getJsonArray("items").getJsonObject(0);
        if (unscorable > 0) {
            assertThat(first.getString("machineStatus")).isEqualTo("UNSCORABLE");
        } else {
            assertThat(first.getInt("machineScore")).isEqualTo(1);
        }
        // the reviewer confirms the first answer scored 1 and overrides a 3 to 1
        JsonObject one = AUDITOR.get("/api/runs/" + run + "/items?score=1&size=1").body().getJsonArray("items")
                .getJsonObject(0);
        JsonObject three = AUDITOR.get("/api/runs/" + run + "/items?score=3&size=1").body().getJsonArray("items")
                .getJsonObject(0);
        for (JsonObject item : java.util.List.of(one, three)) {
            assertThat(REVIEWER.post("/api/runs/" + run + "/items/" + item.getJsonNumber("promptId") + "/review",
                    Json.createObjectBuilder().add("score", 1).add("justification", "checked by hand").build())
                    .status()).isEqualTo(201);
        }
        assertThat(REVIEWER.get("/api/runs/" + run + "/review-queue").body().getInt("total"))
                .isEqualTo(ones + twos + unscorable - 1);
        // pairs (machine, reviewer): (1, 1) and (3, 1): accuracy 1/2; p_e = 1/2 x 1 + 1/2 x 0 = 1/2; kappa 0
        JsonObject overall = AUDITOR.get("/api/runs/" + run + "/agreement").body().getJsonObject("agreement")
                .getJsonObject("overall");
        assertThat(overall.getInt("n")).isEqualTo(2);
        assertThat(overall.getJsonNumber("accuracy").doubleValue()).isEqualTo(0.5);
        assertThat(overall.getJsonNumber("kappa").doubleValue()).isEqualTo(0.0);
    }

    private static int total(long run, String score) {
        return AUDITOR.get("/api/runs/" + run + "/items?score=" + score + "&size=1").body().getInt("total");
    }

    private static JsonObject metrics() {
        return AUDITOR.get("/api/runs/" + runId + "/metrics").body();
    }
}
