package org.flamesaudit.reporting;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.support.Sha256;
import org.flamesaudit.testsupport.ApiClient;
import org.flamesaudit.testsupport.OpenAiStub;
import org.flamesaudit.testsupport.PdfReading;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reports of a real Flames-1k audit through the running server: the audit job renders and stores the PDF and
 * XLSX after aggregation; the API serves them with their SHA-256; the PDF shows exactly the figures the metrics API
 * returns and the Chinese prompts of the run, with every font embedded; the workbook holds every item.
 */
class ReportIT {

    private static final String FLAMES_SHA256 = "f53400dcbb8795fb262993bda0615afdc77de1c4685e7c94d2df2a3cd47613fa";

    private static OpenAiStub stub;
    private static long datasetId;
    private static long runId;
    private static final ApiClient API = ApiClient.fromSystemProperties();

    @BeforeAll
    static void audit() throws Exception {
        stub = new OpenAiStub();
        datasetId = API.importAndWait("flames-1k", ApiClient.flamesFile(), FLAMES_SHA256).getJsonNumber("id")
                .longValue();
        runId = runAudit("report-model-a");
    }

    @AfterAll
    static void stopStub() {
        stub.close();
    }

    static long runAudit(String model) {
        JsonObject request = Json.createObjectBuilder()
                .add("datasetId", datasetId)
                .add("target", Json.createObjectBuilder().add("connector", "openai-compatible")
                        .add("baseUrl", stub.baseUrl()).add("model", model))
                .add("scorer", Json.createObjectBuilder().add("type", "llm-judge").add("baseUrl", stub.baseUrl())
                        .add("model", "stub-judge"))
                .add("concurrency", 8)
                .build();
        JsonObject run = API.runAndWait(request, Duration.ofMinutes(10));
        assertThat(run.getString("status")).as(run.toString()).isEqualTo("COMPLETED");
        return run.getJsonNumber("id").longValue();
    }

    /**
     * Eight downloads at once of a report that must be rendered again (a reviewer changed a score): one rendering,
     * stored once, and all eight get its bytes (they were rendered and stored 8 to 21 times, with different SHA-256s).
     */
    @Test
    void concurrentDownloadsOfAStaleReportShareOneRendering() throws Exception {
        long run = runAudit("report-model-concurrent");
        JsonObject item = API.get("/api/runs/" + run + "/items?score=1&size=1").body().getJsonArray("items")
                .getJsonObject(0);
        ApiClient.Reply review = API.as("reviewer").post("/api/runs/" + run + "/items/" + item.getInt("promptId")
                + "/review", "{\"score\": 3, \"justification\": \"a refusal, read again\"}");
        assertThat(review.status()).as(String.valueOf(review.body())).isEqualTo(201);
        int before = API.get("/api/runs/" + run + "/reports").body().getJsonArray("items").size();

        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<ApiClient.Download>> downloads = new java.util.ArrayList<>();
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < 8; i++) {
                downloads.add(pool.submit(() -> {
                    start.await();
                    return API.download("/api/runs/" + run + "/report.pdf");
                }));
            }
            start.countDown();
            java.util.Set<String> hashes = new java.util.HashSet<>();
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (var f : downloads) {
                ApiClient.Download d = f.get(2, java.util.concurrent.TimeUnit.MINUTES);
                assertThat(d.status()).isEqualTo(200);
                assertThat(Sha256.of(d.body())).isEqualTo(d.header("X-Content-SHA256"));
                hashes.add(d.header("X-Content-SHA256"));
                ids.add(d.header("X-Report-Id"));
            }
            assertThat(hashes).as("one rendering for all eight").hasSize(1);
            assertThat(ids).hasSize(1);
            List<JsonObject> stored = API.get("/api/runs/" + run + "/reports").body().getJsonArray("items")
                    .getValuesAs(JsonObject.class);
            assertThat(stored).hasSize(before + 1);
            assertThat(stored.get(0).getString("format")).isEqualTo("PDF");
            assertThat(stored.get(0).getString("sha256")).isEqualTo(hashes.iterator().next());
        } finally {
            pool.shutdownNow();
        }
        // the review is counted as a change, with the rates before it, and listed with who, when and why
        JsonObject metrics = API.get("/api/runs/" + run + "/metrics").body();
        assertThat(metrics.getJsonObject("review").getInt("changed")).isEqualTo(1);
        assertThat(metrics.getJsonObject("review").getInt("confirmed")).isZero();
        String pdfText = PdfReading.text(API.download("/api/runs/" + run + "/report.pdf").body())
                .replaceAll("\\s+", " ");
        assertThat(pdfText).contains("人工复核：1（改分 1 · 确认 0）").contains("复核前 → 复核后无害率");
        ApiClient.Download xlsx = API.download("/api/runs/" + run + "/report.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet reviews = wb.getSheet("Reviews 复核记录");
            assertThat(reviews.getLastRowNum()).isEqualTo(1);
            Row row = reviews.getRow(1);
            assertThat(row.getCell(0).getNumericCellValue()).isEqualTo(item.getInt("line"));
            assertThat(row.getCell(2).getNumericCellValue()).isEqualTo(1.0);
            assertThat(row.getCell(4).getNumericCellValue()).isEqualTo(3.0);
            assertThat(row.getCell(5).getStringCellValue()).isEqualTo("changed 改分");
            assertThat(row.getCell(6).getStringCellValue()).isEqualTo("reviewer");
            assertThat(row.getCell(7).getStringCellValue()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(row.getCell(8).getStringCellValue()).isEqualTo("a refusal, read again");
        }
    }

    @Test
    void theAuditJobStoresBothReportsWithTheirSha256() {
        JsonObject listing = API.get("/api/runs/" + runId + "/reports").body();
        List<JsonObject> items = listing.getJsonArray("items").getValuesAs(JsonObject.class);
        assertThat(items).extracting(i -> i.getString("format")).contains("PDF", "XLSX");
        assertThat(items).allSatisfy(i -> {
            assertThat(i.getString("sha256")).matches("[0-9a-f]{64}");
            assertThat(i.getString("reportId")).matches("FA-" + runId + "-[0-9a-f]{10}");
            assertThat(i.getJsonNumber("sizeBytes").longValue()).isGreaterThan(10_000);
        });
        assertThat(items).extracting(i -> i.getString("reportId")).containsOnly(items.get(0).getString("reportId"));
    }

    @Test
    void thePdfShowsTheMetricsOfTheApiAndTheRunsChinesePrompts() throws Exception {
        ApiClient.Download pdf = API.download("/api/runs/" + runId + "/report.pdf");
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.header("Content-Type")).startsWith("application/pdf");
        assertThat(pdf.header("Content-Disposition")).contains("attachment", "flames-audit-run-" + runId);
        assertThat(pdf.header("X-Content-SHA256")).isEqualTo(Sha256.of(pdf.body()));
        String reportId = pdf.header("X-Report-Id");
        Path dump = Path.of("target", "test-reports", "report-it-run.pdf");
        Files.createDirectories(dump.getParent());
        Files.write(dump, pdf.body());
        // issue 23: the report carries a PAdES signature that poppler validates; one changed byte breaks it, and the
        // server does not recognise the changed copy as one it issued
        if (Files.isExecutable(Path.of("/usr/bin/pdfsig"))) {
            assertThat(PdfSignerTest.pdfsig(dump)).contains("Signature Validation: Signature is Valid.",
                    "Signature Type: ETSI.CAdES.detached", "Flames Audit report signing", "Total document signed");
            byte[] changed = pdf.body().clone();
            changed[changed.length / 3] ^= 1;
            Path bad = dump.resolveSibling("report-it-run-changed.pdf");
            Files.write(bad, changed);
            assertThat(PdfSignerTest.pdfsig(bad)).doesNotContain("Signature is Valid.");
            assertThat(API.as("regulator").post("/api/reports/verify", changed, "application/pdf").body()
                    .getBoolean("issued")).isFalse();
        }

        String text = PdfReading.text(pdf.body());
        // issue 23: the cover prints the audit log's head at its rendering (the anchor the verification endpoint
        // recorded with it), and the log still holds that entry with that hash
        String anchor = API.as("regulator").get("/api/reports/verify?sha256=" + pdf.header("X-Content-SHA256")).body()
                .getJsonArray("matches").getJsonObject(0).getString("auditLogAnchor");
        assertThat(anchor).matches("[0-9]+:[0-9a-f]{64}");
        String[] seqAndHash = anchor.split(":");
        assertThat(text.replaceAll("\\s+", "")).contains("审计日志锚点第" + seqAndHash[0] + "条，SHA-256" + seqAndHash[1]);
        JsonObject log = API.as("regulator").get("/api/audit-log/verify?anchor=" + anchor).body();
        assertThat(log.getBoolean("valid")).as(log.toString()).isTrue();
        assertThat(log.getJsonArray("anchors").getJsonObject(0).getBoolean("matches")).isTrue();
        assertThat(log.getJsonNumber("entries").longValue()).isGreaterThanOrEqualTo(Long.parseLong(seqAndHash[0]));
        JsonObject badAnchor = API.as("regulator").get("/api/audit-log/verify?anchor=" + seqAndHash[0] + ":"
                + "0".repeat(64)).body();
        assertThat(badAnchor.getBoolean("valid")).isFalse();
        assertThat(badAnchor.getJsonArray("anchors").getJsonObject(0).getString("detail"))
                .contains("the chain was rewritten after the anchor");
        assertThat(API.as("regulator").get("/api/audit-log/verify?anchor=42").status()).isEqualTo(400);
        JsonObject metrics = API.get("/api/runs/" + runId + "/metrics").body();
        assertThat(text).contains(reportId, "report-model-a", FLAMES_SHA256,
                "总体无害率：" + ReportFormat.percent(
                        metrics.getJsonObject("overall").getJsonNumber("harmlessRate").doubleValue()),
                "官方 Flames-1k 是：SHA-256 与发布的 Flames_1k_Chinese.jsonl（2024-04-03 版）一致", "发起人 auditor");
        // the same report in English on request, stored as its own rendering
        ApiClient.Download en = API.download("/api/runs/" + runId + "/report.pdf?lang=en");
        assertThat(en.header("X-Report-Id")).isEqualTo(reportId);
        assertThat(en.header("X-Content-SHA256")).isNotEqualTo(pdf.header("X-Content-SHA256"));
        assertThat(PdfReading.text(en.body()).replaceAll("\\s+", " ")).contains("Overall harmless rate: "
                + ReportFormat.percent(metrics.getJsonObject("overall").getJsonNumber("harmlessRate").doubleValue()),
                "Official Flames-1k yes: the SHA-256 equals", "Started by auditor").doesNotContain("执行摘要");
        assertThat(API.get("/api/runs/" + runId + "/reports").body().getJsonArray("items").getValuesAs(
                JsonObject.class)).extracting(r -> r.getString("language")).contains("zh", "en");
        assertThat(API.download("/api/runs/" + runId + "/report.pdf?lang=fr").status()).isEqualTo(400);
        for (Dimension d : Dimension.values()) {
            JsonObject dm = metrics.getJsonObject("dimensions").getJsonObject(d.label());
            assertThat(text).as(d.label()).contains(
                    ReportFormat.percent(dm.getJsonNumber("harmlessRate").doubleValue()),
                    ReportFormat.score(dm.getJsonNumber("harmlessScore").doubleValue()),
                    ReportFormat.interval(dm.getJsonArray("harmlessRateCi95").getJsonNumber(0).doubleValue(),
                            dm.getJsonArray("harmlessRateCi95").getJsonNumber(1).doubleValue()));
            // the first worst example of each dimension is its first answer scored 1, in file order
            JsonObject worst = API.get("/api/runs/" + runId + "/items?dimension=" + d.label().replace(" ", "%20")
                    + "&score=1&size=1").body().getJsonArray("items").getJsonObject(0);
            String flat = text.replaceAll("\\s+", "");
            assertThat(flat).as("worst %s prompt", d.label()).contains(worst.getString("prompt").replaceAll("\\s+", ""));
        }
        assertThat(text).contains("无法评分", "页码 1 / ");
        assertThat(PdfReading.fonts(pdf.body())).isNotEmpty()
                .allSatisfy(f -> assertThat(f.embedded()).as("font %s on page %d", f.name(), f.page()).isTrue());
    }

    @Test
    void theWorkbookHoldsEveryItemWithNumbersAsNumbers() throws Exception {
        ApiClient.Download xlsx = API.download("/api/runs/" + runId + "/report.xlsx");
        assertThat(xlsx.status()).isEqualTo(200);
        assertThat(xlsx.header("Content-Type")).startsWith(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(xlsx.header("X-Content-SHA256")).isEqualTo(Sha256.of(xlsx.body()));
        JsonObject metrics = API.get("/api/runs/" + runId + "/metrics").body();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            int[] expected = {249, 429, 201, 46, 75};
            int i = 0;
            for (Dimension d : Dimension.values()) {
                Sheet s = wb.getSheet(DimensionNames.bilingual(d));
                assertThat(s.getLastRowNum()).as(d.label()).isEqualTo(expected[i++]);
                Row first = s.getRow(1);
                assertThat(first.getCell(0).getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat(first.getCell(3).getStringCellValue()).startsWith("【stub 回复】");
                // the answer's time, as the items API gives it, to the millisecond
                JsonObject item = API.get("/api/runs/" + runId + "/items?dimension=" + d.label().replace(" ", "%20")
                        + "&size=1").body().getJsonArray("items").getJsonObject(0);
                assertThat(first.getCell(0).getNumericCellValue()).isEqualTo(item.getInt("line"));
                assertThat(first.getCell(12).getLocalDateTimeCellValue()).isEqualTo(java.time.LocalDateTime.ofInstant(
                        java.time.Instant.parse(item.getString("answeredAt"))
                                .truncatedTo(java.time.temporal.ChronoUnit.MILLIS), java.time.ZoneOffset.UTC));
            }
            Sheet summary = wb.getSheet("Summary 摘要");
            List<Row> fairnessRows = new java.util.ArrayList<>();
            for (Row r : summary) {
                if (r.getCell(0) != null && r.getCell(0).getCellType() == CellType.STRING
                        && r.getCell(0).getStringCellValue().equals("Fairness 公平性")) {
                    fairnessRows.add(r);
                }
            }
            // the metrics table, then the outcomes table (answered, refused, truncated, blocked, empty, failed)
            assertThat(fairnessRows).hasSize(2);
            assertThat(fairnessRows.get(0).getCell(5).getNumericCellValue()).isEqualTo(metrics.getJsonObject("dimensions")
                    .getJsonObject("Fairness").getJsonNumber("harmlessRate").doubleValue());
            JsonObject outcomes = metrics.getJsonObject("outcomes").getJsonObject("Fairness");
            String[] names = {"ANSWERED", "REFUSED", "TRUNCATED", "BLOCKED", "EMPTY", "FAILED", "harmlessByRefusal"};
            for (int c = 0; c < names.length; c++) {
                assertThat(fairnessRows.get(1).getCell(c + 1).getNumericCellValue()).as(names[c])
                        .isEqualTo(outcomes.getInt(names[c]));
            }
            assertThat(outcomes.getInt("REFUSED")).as("the stub's answers are refusals").isPositive();
            assertThat(fairnessRows.get(1).getCell(9).getNumericCellValue())
                    .isEqualTo(outcomes.getJsonNumber("refusalRate").doubleValue());
            boolean policyStated = false;
            for (Row r : summary) {
                policyStated |= r.getCell(0) != null && r.getCell(0).getCellType() == CellType.STRING
                        && r.getCell(0).getStringCellValue().equals("Counting policy 计分口径")
                        && r.getCell(1).getStringCellValue().contains("无害率按模型的回答计算");
            }
            assertThat(policyStated).isTrue();
        }
    }

    @Test
    void reRenderingTheSameRunGivesTheSameReport() throws Exception {
        ApiClient.Download before = API.download("/api/runs/" + runId + "/report.pdf");
        List<JsonObject> listed = reports();
        JsonObject beforeItem = listed.stream().filter(i -> i.getString("sha256")
                .equals(before.header("X-Content-SHA256"))).findFirst().orElseThrow();
        ApiClient.Reply started = API.post("/api/runs/" + runId + "/reports", "");
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.body().getJsonNumber("jobExecutionId").longValue()).isPositive();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        List<JsonObject> items = listed;
        while (items.size() < listed.size() + 2 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            items = reports();
        }
        assertThat(items).hasSize(listed.size() + 2);
        assertThat(items).extracting(i -> i.getString("reportId")).containsOnly(before.header("X-Report-Id"));

        // the newest PDF is the one served now, and it differs from the earlier one only in its generation time
        JsonObject newest = items.stream().filter(i -> i.getString("format").equals("PDF")).findFirst().orElseThrow();
        ApiClient.Download again = API.download("/api/runs/" + runId + "/report.pdf");
        assertThat(again.header("X-Report-Id")).isEqualTo(before.header("X-Report-Id"));
        assertThat(again.header("X-Content-SHA256")).isEqualTo(newest.getString("sha256"));
        String first = PdfReading.text(before.body());
        String second = PdfReading.text(again.body());
        assertThat(first).contains(generated(beforeItem));
        assertThat(second).contains(generated(newest));
        assertThat(withoutGenerationTime(second, newest)).isEqualTo(withoutGenerationTime(first, beforeItem));

        // a regulator checks the files: the earlier one was issued and is superseded, the newest is current, a copy
        // with one changed byte was never issued; the superseded one still downloads, byte for byte
        ApiClient regulator = API.as("regulator");
        JsonObject old = regulator.post("/api/reports/verify", before.body(), "application/pdf").body();
        assertThat(old.getBoolean("issued")).isTrue();
        assertThat(old.getString("sha256")).isEqualTo(before.header("X-Content-SHA256"));
        assertThat(old.getJsonArray("matches").getValuesAs(JsonObject.class)).singleElement().satisfies(m -> {
            assertThat(m.getJsonNumber("runId").longValue()).isEqualTo(runId);
            assertThat(m.getString("reportId")).isEqualTo(before.header("X-Report-Id"));
            assertThat(m.getBoolean("current")).isFalse();
        });
        JsonObject current = regulator.get("/api/reports/verify?sha256=" + again.header("X-Content-SHA256")
                .toUpperCase(java.util.Locale.ROOT)).body();
        assertThat(current.getJsonArray("matches").getJsonObject(0).getBoolean("current")).isTrue();
        byte[] edited = before.body().clone();
        edited[edited.length / 2] ^= 1;
        JsonObject forged = regulator.post("/api/reports/verify", edited, "application/pdf").body();
        assertThat(forged.getBoolean("issued")).isFalse();
        assertThat(forged.getJsonArray("matches")).isEmpty();
        ApiClient.Download superseded = regulator.download("/api/runs/" + runId + "/reports/"
                + beforeItem.getJsonNumber("id") + "/content");
        assertThat(superseded.status()).isEqualTo(200);
        assertThat(superseded.body()).isEqualTo(before.body());
        assertThat(superseded.header("X-Content-SHA256")).isEqualTo(before.header("X-Content-SHA256"));
        assertThat(regulator.get("/api/reports/verify?sha256=abc").status()).isEqualTo(400);
    }

    /**
     * Issue 23: the Flames-1k run's reproduction bundle holds its 1,000 answers and imports (checked against its
     * signed manifest, metrics recomputed from the items) with the run's own figures.
     */
    @Test
    void theFlamesRunsBundleImportsWithItsOwnMetrics() throws Exception {
        ApiClient.Download bundle = API.as("regulator").download("/api/runs/" + runId + "/bundle");
        assertThat(bundle.status()).isEqualTo(200);
        ApiClient.Reply imported = API.post("/api/bundles", bundle.body(), "application/zip");
        assertThat(imported.status()).as(String.valueOf(imported.body())).isEqualTo(201);
        JsonObject metrics = API.get("/api/runs/" + runId + "/metrics").body();
        assertThat(imported.body().getInt("items")).isEqualTo(1000);
        assertThat(imported.body().getString("datasetSha256")).isEqualTo(FLAMES_SHA256);
        assertThat(imported.body().getBoolean("signerTrusted")).as("signed with this server's own key").isTrue();
        assertThat(imported.body().getJsonObject("metrics").getJsonObject("overall"))
                .isEqualTo(metrics.getJsonObject("overall"));
        assertThat(imported.body().getJsonObject("metrics").getJsonObject("dimensions"))
                .isEqualTo(metrics.getJsonObject("dimensions"));
    }

    private static List<JsonObject> reports() {
        return API.get("/api/runs/" + runId + "/reports").body().getJsonArray("items").getValuesAs(JsonObject.class);
    }

    /**
     * The text with the generation time taken out of the cover row and of every page footer, and the audit log's
     * anchor (entries were added between the renderings) and who asked for it (the audit job, then the auditor) out
     * of the cover.
     */
    private static String withoutGenerationTime(String text, JsonObject report) {
        return text.replace("报告生成时间 " + generated(report), "报告生成时间 <time>")
                .replace("生成于 " + generated(report), "生成于 <time>")
                .replaceAll("(?s)审计日志锚点.*?）", "审计日志锚点 <anchor>")
                .replaceAll("报告生成人 [^\\n]*", "报告生成人 <who>");
    }

    private static String generated(JsonObject report) {
        return ReportFormat.time(java.time.Instant.parse(report.getString("createdAt")));
    }

    @Test
    void twoModelsOnTheSameDatasetAreComparedWithTheirDifferencesTested() throws Exception {
        long other = runAudit("report-model-b");
        ApiClient.Download pdf = API.download("/api/reports/compare.pdf?runs=" + runId + "," + other);
        assertThat(pdf.status()).as(pdf.text()).isEqualTo(200);
        assertThat(pdf.header("X-Report-Id")).matches("FC-[0-9a-f]{10}");
        assertThat(pdf.header("X-Content-SHA256")).isEqualTo(Sha256.of(pdf.body()));
        Files.write(Path.of("target", "test-reports", "report-it-compare.pdf"), pdf.body());
        String text = PdfReading.text(pdf.body()).replaceAll("\\s+", " ");
        String idA = API.download("/api/runs/" + runId + "/report.pdf").header("X-Report-Id");
        String idB = API.download("/api/runs/" + other + "/report.pdf").header("X-Report-Id");
        assertThat(text).contains(pdf.header("X-Report-Id"), idA, idB, "A · report-model-a (openai-compatible)",
                "B · report-model-b (openai-compatible)", "被比较的运行属于不同的模型", FLAMES_SHA256);
        // the stub judges by prompt, so both models get the same scores: every difference is +0.00, not significant
        JsonObject m = API.get("/api/runs/" + runId + "/metrics").body();
        JsonObject fairness = m.getJsonObject("dimensions").getJsonObject("Fairness");
        String row = fairness.getInt("n") + " " + ReportFormat.percent(fairness.getJsonNumber("harmlessRate")
                .doubleValue());
        assertThat(text).contains("公平性 Fairness A · 运行 " + runId + " " + row,
                "B · 运行 " + other + " " + row, "+0.00 1.0000 否");
        String en = PdfReading.text(API.download("/api/reports/compare.pdf?lang=en&runs=" + runId + "," + other)
                .body()).replaceAll("\\s+", " ");
        assertThat(en).contains("The runs audit different targets", "Fairness A · run " + runId + " " + row,
                "+0.00 1.0000 no").doesNotContain("被比较的运行");
        assertThat(PdfReading.fonts(pdf.body())).allSatisfy(f -> assertThat(f.embedded()).isTrue());
    }

    @Test
    void aComparisonNamesWhatIsWrongWithItsRuns() {
        for (String runs : List.of("", runId + "", runId + ",x", runId + "," + runId)) {
            ApiClient.Download r = API.download("/api/reports/compare.pdf?runs=" + runs);
            assertThat(r.status()).as(runs).isEqualTo(400);
            assertThat(r.text()).as(runs).contains("\"field\":\"runs\"");
        }
        assertThat(API.download("/api/reports/compare.pdf?runs=" + runId + ",999999").status()).isEqualTo(404);
    }

    @Test
    void reportsOfAnUnknownOrUnfinishedRunAreRefusedWithAReason() {
        ApiClient.Reply missing = API.get("/api/runs/999999/reports");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(API.download("/api/runs/999999/report.pdf").status()).isEqualTo(404);
        assertThat(API.post("/api/runs/999999/reports", "").status()).isEqualTo(404);
    }
}
