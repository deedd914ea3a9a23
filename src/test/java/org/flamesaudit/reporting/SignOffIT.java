package org.flamesaudit.reporting;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.flamesaudit.testsupport.ApiClient;
import org.flamesaudit.testsupport.PdfReading;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 23, the sign-off of a report: draft, reviewed, approved, each step by the role that may take it and by
 * another person than the one who started the audit (and the approver not the reviewer); the cover names each signer;
 * the steps are in the audit log, which still verifies; and a later review of a score makes a new draft that names
 * the approved report it would replace, while the approved one can no longer be signed.
 */
class SignOffIT {

    private static final ApiClient AUDITOR = ApiClient.fromSystemProperties();
    private static final ApiClient ADMIN = AUDITOR.as("admin");
    private static final ApiClient APPROVER = AUDITOR.as("approver");
    private static final ApiClient REVIEWER = AUDITOR.as("reviewer");

    /** An account of the admin's with these roles; its name is returned, its password is {@link #PASSWORD}. */
    private static String account(String prefix, String... roles) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
        var array = Json.createArrayBuilder();
        for (String r : roles) {
            array.add(r);
        }
        ApiClient.Reply created = ADMIN.put("/api/users/" + name, Json.createObjectBuilder()
                .add("password", PASSWORD).add("roles", array).build());
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        return name;
    }

    private static final String PASSWORD = "Sign-off-test-password-1";

    @Test
    void aReportIsReviewedThenApprovedByOthersAndANewReviewMakesANewDraft() throws Exception {
        // the audit lead both runs audits and approves reports: never the reports of their own audits
        String leadName = account("lead", "auditor", "approver");
        ApiClient lead = AUDITOR.as(leadName, PASSWORD);
        String bothName = account("two-hats", "reviewer", "approver");
        ApiClient both = AUDITOR.as(bothName, PASSWORD);

        long datasetId = lead.importAndWait("demo", ApiClient.projectDir().resolve("demo/demo-prompts.jsonl"), null)
                .getJsonNumber("id").longValue();
        JsonObject run = lead.runAndWait(Json.createObjectBuilder().add("datasetId", datasetId)
                .add("target", Json.createObjectBuilder().add("connector", "replay")
                        .add("file", ApiClient.projectDir().resolve("demo/demo-responses.jsonl").toString()))
                .add("scorer", Json.createObjectBuilder().add("type", "imported")
                        .add("file", ApiClient.projectDir().resolve("demo/demo-scores.jsonl").toString()))
                .build(), Duration.ofMinutes(2));
        assertThat(run.getString("status")).isEqualTo("COMPLETED");
        long runId = run.getJsonNumber("id").longValue();
        String path = "/api/runs/" + runId + "/signoff";

        JsonObject draft = AUDITOR.as("regulator").get(path).body();
        String reportId = draft.getString("reportId");
        assertThat(draft.getString("status")).isEqualTo("DRAFT");
        assertThat(draft.keySet()).doesNotContain("reviewed", "approved", "supersedes");
        assertThat(AUDITOR.download("/api/runs/" + runId + "/report.pdf").header("X-Report-Id")).isEqualTo(reportId);

        // the wrong role, the wrong order, the wrong report
        assertThat(AUDITOR.post(path, step("review", reportId)).status()).isEqualTo(403);
        assertThat(REVIEWER.post(path, step("approve", reportId)).status()).isEqualTo(403);
        ApiClient.Reply early = APPROVER.post(path, step("approve", reportId));
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.body().getString("error")).contains("is a draft");
        ApiClient.Reply stale = REVIEWER.post(path, step("review", "FA-" + runId + "-0000000000"));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body().getString("error")).contains("is not the current report of run " + runId);
        assertThat(REVIEWER.post(path, Json.createObjectBuilder().add("step", "sign").add("reportId", reportId)
                .build()).status()).isEqualTo(400);

        // reviewed by the person with two hats, who then may not approve it too
        ApiClient.Reply reviewed = both.post(path, Json.createObjectBuilder().add("step", "review")
                .add("reportId", reportId).add("comment", "数字与工作簿核对一致").build());
        assertThat(reviewed.status()).as(String.valueOf(reviewed.body())).isEqualTo(200);
        assertThat(reviewed.body().getString("status")).isEqualTo("REVIEWED");
        assertThat(reviewed.body().getJsonObject("reviewed").getString("user")).isEqualTo(bothName);
        assertThat(reviewed.body().getJsonObject("reviewed").getString("comment")).isEqualTo("数字与工作簿核对一致");
        assertThat(REVIEWER.post(path, step("review", reportId)).status()).isEqualTo(409);
        ApiClient.Reply ownReview = both.post(path, step("approve", reportId));
        assertThat(ownReview.status()).isEqualTo(409);
        assertThat(ownReview.body().getString("error")).contains(bothName + " reviewed report " + reportId);
        ApiClient.Reply ownAudit = lead.post(path, step("approve", reportId));
        assertThat(ownAudit.status()).isEqualTo(409);
        assertThat(ownAudit.body().getString("error")).contains(leadName + " started run " + runId);

        ApiClient.Reply approved = APPROVER.post(path, step("approve", reportId));
        assertThat(approved.status()).as(String.valueOf(approved.body())).isEqualTo(200);
        assertThat(approved.body().getString("status")).isEqualTo("APPROVED");
        assertThat(approved.body().getJsonObject("approved").getString("user")).isEqualTo("approver");
        assertThat(approved.body().getJsonArray("history")).hasSize(2);
        assertThat(APPROVER.post(path, step("approve", reportId)).body().getString("error"))
                .contains("was already approved by approver");

        // the report was rendered again at each step: the current PDF names both signers
        ApiClient.Download pdf = AUDITOR.as("regulator").download("/api/runs/" + runId + "/report.pdf");
        assertThat(pdf.header("X-Report-Id")).isEqualTo(reportId);
        String cover = PdfReading.text(pdf.body()).replaceAll("\\s+", " ");
        assertThat(cover).contains("报告状态 已批准", "编制 " + leadName, "审核 " + bothName + " 已在 Flames 审计中电子签核",
                "批准 approver 已在 Flames 审计中电子签核", "已批准：本报告的审核与批准均已在 Flames 审计中电子签核");
        List<JsonObject> renderings = AUDITOR.get("/api/runs/" + runId + "/reports").body().getJsonArray("items")
                .getValuesAs(JsonObject.class);
        assertThat(renderings).extracting(r -> r.getString("reason")).contains("audit-job", "signed-off");
        assertThat(renderings.stream().filter(r -> r.getString("reason").equals("signed-off")))
                .extracting(r -> r.getString("renderedBy")).containsOnly(bothName, "approver");

        // both steps are in the audit log, which still verifies
        List<JsonObject> actions = AUDITOR.get("/api/audit-log?type=action&runId=" + runId + "&size=100").body()
                .getJsonArray("items").getValuesAs(JsonObject.class);
        assertThat(actions.stream().filter(a -> a.getString("action").startsWith("report-")
                        && !a.getString("action").equals("report-rendered")
                        && !a.getString("action").equals("report-downloaded")))
                .extracting(a -> a.getString("action") + " " + a.getString("user"))
                .containsExactlyInAnyOrder("report-reviewed " + bothName, "report-approved approver");
        assertThat(AUDITOR.get("/api/audit-log/verify").body().getBoolean("valid")).isTrue();

        // a review of a score after the approval: a new report id, a draft that names the approved report
        JsonObject item = AUDITOR.get("/api/runs/" + runId + "/items?score=3&size=1").body().getJsonArray("items")
                .getJsonObject(0);
        assertThat(REVIEWER.post("/api/runs/" + runId + "/items/" + item.getJsonNumber("promptId") + "/review",
                Json.createObjectBuilder().add("score", 1).add("justification", "改判：回复含有害建议").build())
                .status()).isEqualTo(201);
        JsonObject redraft = AUDITOR.get(path).body();
        assertThat(redraft.getString("reportId")).isNotEqualTo(reportId);
        assertThat(redraft.getString("status")).isEqualTo("DRAFT");
        assertThat(redraft.getJsonObject("supersedes").getString("reportId")).isEqualTo(reportId);
        assertThat(redraft.getJsonObject("supersedes").getString("user")).isEqualTo("approver");
        ApiClient.Reply old = APPROVER.post(path, step("approve", reportId));
        assertThat(old.status()).isEqualTo(409);
        assertThat(old.body().getString("error")).contains("is not the current report");
        String newCover = PdfReading.text(AUDITOR.download("/api/runs/" + runId + "/report.pdf").body())
                .replaceAll("\\s+", "");
        assertThat(newCover).contains("报告状态草稿", "本报告取代已批准的报告" + reportId + "（批准人approver，");
    }

    private static JsonObject step(String step, String reportId) {
        return Json.createObjectBuilder().add("step", step).add("reportId", reportId).build();
    }
}
