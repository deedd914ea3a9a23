package org.flamesaudit.review;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.testsupport.ApiClient;
import org.flamesaudit.testsupport.OpenAiStub;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A blind review sample (issue 21): two stub judges score 40 planned answers, an auditor draws 20 of them, a reviewer
 * scores each drawn answer from its prompt and answer alone (the "human" score is planned in the prompt, as the
 * judges' are), and the results are checked against the test's own counting: each judge's confusion matrix,
 * sensitivity and specificity for "harmless", and the Rogan-Gladen corrected rate of each dimension.
 */
class BlindReviewIT {

    private static final ApiClient AUDITOR = ApiClient.fromSystemProperties();
    private static final ApiClient REVIEWER = AUDITOR.as("reviewer");
    private static final Pattern PLAN = Pattern.compile("a=(\\d) b=(\\d) h=(\\d)");

    /** Prompt i of a dimension: judge a, judge b and the reviewer's score (two-level dimensions: 1 or 3 only). */
    private static int[] plan(Dimension d, int i) {
        int[] three = {3, 3, 1, 2, 3, 1, 3, 2};
        int a = d.isThreeLevel() ? three[i] : i % 3 == 0 ? 1 : 3;
        int b = i % 4 == 0 ? (a == 3 ? 1 : 3) : a;
        int h = i % 5 == 1 ? (a == 3 ? 1 : 3) : a; // the reviewer disagrees with judge a on i = 1 and 6
        return new int[] {a, b, h};
    }

    private static OpenAiStub.Reply judge(String prompt, int which) {
        Matcher m = PLAN.matcher(prompt);
        if (!m.find()) {
            throw new IllegalArgumentException(prompt);
        }
        return OpenAiStub.completion("{\"score\": " + m.group(which) + ", \"rationale\": \"j" + which + "\"}", null,
                "stop");
    }

    @Test
    void blindScoresMeasureEachJudgeAndCorrectTheRates() throws Exception {
        List<String> lines = new ArrayList<>();
        for (Dimension d : Dimension.values()) {
            for (int i = 0; i < 8; i++) {
                int[] p = plan(d, i);
                lines.add(Json.createObjectBuilder().add("dimension", d.label()).add("prompt", "blind-it " + d.label()
                        + " #" + i + " a=" + p[0] + " b=" + p[1] + " h=" + p[2] + " 这样说对吗？").build().toString());
            }
        }
        Path file = ApiClient.inbox("blind").resolve("blind.jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);
        long datasetId = AUDITOR.importAndWait("blind-it", file, null).getJsonNumber("id").longValue();
        try (OpenAiStub a = new OpenAiStub().replyToJudge(p -> judge(p, 1));
             OpenAiStub b = new OpenAiStub().replyToJudge(p -> judge(p, 2))) {
            JsonObject request = Json.createObjectBuilder().add("datasetId", datasetId).add("concurrency", 4)
                    .add("target", Json.createObjectBuilder().add("connector", "openai-compatible")
                            .add("baseUrl", a.baseUrl()).add("model", "blind-target"))
                    .add("scorers", Json.createArrayBuilder()
                            .add(Json.createObjectBuilder().add("type", "llm-judge").add("baseUrl", a.baseUrl())
                                    .add("model", "judge-a"))
                            .add(Json.createObjectBuilder().add("type", "llm-judge").add("baseUrl", b.baseUrl())
                                    .add("model", "judge-b")))
                    .build();
            JsonObject run = AUDITOR.runAndWait(request, Duration.ofMinutes(3));
            assertThat(run.getString("status")).as(run.toString()).isEqualTo("COMPLETED");
            String base = "/api/runs/" + run.getJsonNumber("id") + "/blind-sample";

            // nothing to read before an auditor draws the sample; a reviewer cannot draw it
            assertThat(AUDITOR.get(base).status()).isEqualTo(404);
            assertThat(REVIEWER.post(base, Json.createObjectBuilder().add("size", 20).build()).status()).isEqualTo(403);
            ApiClient.Reply drawn = AUDITOR.post(base, Json.createObjectBuilder().add("size", 20).add("seed", 7).build());
            assertThat(drawn.status()).as(String.valueOf(drawn.body())).isEqualTo(201);
            JsonObject sample = drawn.body();
            // 20 of 40, 8 per dimension: 4 from each; +/-5 points at 95% for 40 answers needs 37 (Cochran, FPC)
            assertThat(sample.getInt("size")).isEqualTo(20);
            assertThat(sample.getInt("population")).isEqualTo(40);
            assertThat(sample.getInt("recommendedSize")).isEqualTo(37);
            assertThat(sample.getJsonObject("drawn").values()).extracting(Object::toString)
                    .containsExactly("4", "4", "4", "4", "4");
            assertThat(AUDITOR.post(base, Json.createObjectBuilder().build()).status()).isEqualTo(409);

            // what a reviewer sees: prompt, answer and dimension, never a machine verdict or a line number
            List<JsonObject> items = REVIEWER.get(base + "/items?size=100").body().getJsonArray("items")
                    .getValuesAs(JsonObject.class);
            assertThat(items).hasSize(20).allSatisfy(i -> assertThat(i.keySet()).containsExactlyInAnyOrder("id",
                    "position", "dimension", "prompt", "answer"));
            JsonObject legality = items.stream().filter(i -> i.getString("dimension").equals("Legality")).findFirst()
                    .orElseThrow();
            ApiClient.Reply two = REVIEWER.post(base + "/items/" + legality.getJsonNumber("id"),
                    Json.createObjectBuilder().add("score", 2).build());
            assertThat(two.status()).isEqualTo(400);
            assertThat(two.body().getString("error")).contains("Legality");

            // the reviewer scores every drawn answer; the test counts what each judge should show
            long[][] matrixA = new long[4][4];
            long[][] matrixB = new long[4][4];
            for (JsonObject i : items) {
                Matcher m = PLAN.matcher(i.getString("prompt"));
                assertThat(m.find()).isTrue();
                int ja = Integer.parseInt(m.group(1));
                int jb = Integer.parseInt(m.group(2));
                int h = Integer.parseInt(m.group(3));
                ApiClient.Reply r = REVIEWER.post(base + "/items/" + i.getJsonNumber("id"),
                        Json.createObjectBuilder().add("score", h).build());
                assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
                assertThat(r.body().getInt("humanScore")).isEqualTo(h);
                matrixA[h][ja]++;
                matrixB[h][jb]++;
            }
            assertThat(REVIEWER.get(base + "/items?open=true").body().getJsonArray("items")).isEmpty();
            // a blind score is given once; reviewers never read the results (each score would show the verdict)
            ApiClient.Reply again = REVIEWER.post(base + "/items/" + items.get(0).getJsonNumber("id"),
                    Json.createObjectBuilder().add("score", 1).build());
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.body().getString("error")).contains("has a blind score already (given by you)");
            assertThat(REVIEWER.get(base + "/results").status()).isEqualTo(403);
            // another reviewer does not see the first one's scores; an auditor does
            ApiClient admin = AUDITOR.as("admin");
            String other = "blind-it-" + Long.toString(System.nanoTime(), 36);
            assertThat(admin.put("/api/users/" + other, Json.createObjectBuilder().add("password", "pw of " + other)
                    .add("roles", Json.createArrayBuilder().add("reviewer")).build()).status()).isEqualTo(201);
            assertThat(AUDITOR.as(other, "pw of " + other).get(base + "/items?size=100").body().getJsonArray("items")
                    .getValuesAs(JsonObject.class)).hasSize(20).noneMatch(i -> i.containsKey("humanScore"));
            assertThat(admin.delete("/api/users/" + other).status()).isEqualTo(204);
            assertThat(AUDITOR.get(base + "/items?size=100").body().getJsonArray("items").getValuesAs(JsonObject.class))
                    .allMatch(i -> i.containsKey("humanScore") && i.getString("reviewedBy").equals("reviewer"));

            JsonObject results = AUDITOR.get(base + "/results").body();
            assertThat(results.getJsonObject("sample").getInt("reviewed")).isEqualTo(20);
            List<JsonObject> scorers = results.getJsonArray("scorers").getValuesAs(JsonObject.class);
            assertThat(scorers).extracting(s -> s.getString("scorer")).allMatch(k -> k.startsWith("llm-judge:judge-"));
            assertThat(scorers).extracting(s -> s.getBoolean("counts")).containsExactly(true, false);
            double[] seSpA = assertConfusion(scorers.get(0).getJsonObject("overall"), matrixA);
            assertConfusion(scorers.get(1).getJsonObject("overall"), matrixB);

            // Rogan-Gladen for each dimension from its raw rate (judge a counts) and judge a's pooled Se and Sp
            JsonObject metrics = AUDITOR.get("/api/runs/" + run.getJsonNumber("id") + "/metrics").body();
            JsonObject correction = results.getJsonObject("correction");
            double sum = 0;
            for (Dimension d : Dimension.values()) {
                double raw = metrics.getJsonObject("dimensions").getJsonObject(d.label())
                        .getJsonNumber("harmlessRate").doubleValue();
                double expected = Math.max(0, Math.min(1, (raw + seSpA[1] - 1) / (seSpA[0] + seSpA[1] - 1)));
                JsonObject c = correction.getJsonObject("dimensions").getJsonObject(d.label());
                assertThat(c.getJsonNumber("raw").doubleValue()).isCloseTo(raw, within(1e-12));
                assertThat(c.getJsonNumber("corrected").doubleValue()).as(d.label()).isCloseTo(expected,
                        within(1e-12));
                assertThat(c.getJsonNumber("low").doubleValue()).isLessThanOrEqualTo(expected + 1e-12);
                assertThat(c.getJsonNumber("high").doubleValue()).isGreaterThanOrEqualTo(expected - 1e-12);
                sum += expected;
            }
            assertThat(correction.getJsonObject("overall").getJsonNumber("corrected").doubleValue())
                    .isCloseTo(sum / 5, within(1e-12));
            assertThat(correction.getInt("bootstrapReplicates")).isEqualTo(2000);
            // the same sample and seed: the same interval
            assertThat(AUDITOR.get(base + "/results").body().getJsonObject("correction")).isEqualTo(correction);
            // a blind score never changes a score that counts
            assertThat(metrics.getInt("reviewed")).isZero();

            // both reports carry the corrected rate beside the raw one
            String overallLine = String.format(java.util.Locale.ROOT, "%.2f%% → %.2f%%",
                    100 * correction.getJsonObject("overall").getJsonNumber("raw").doubleValue(),
                    100 * correction.getJsonObject("overall").getJsonNumber("corrected").doubleValue());
            String pdf = org.flamesaudit.testsupport.PdfReading.text(AUDITOR.download("/api/runs/"
                    + run.getJsonNumber("id") + "/report.pdf").body()).replaceAll("\\s+", " ");
            assertThat(pdf).contains("按 20 条盲评测得的评分器误差校正后：", overallLine, "已盲评 20 / 抽取 20 条");
            assertThat(pdf.replace(" ", "")).as("a line may wrap between two Chinese characters")
                    .contains("计分·n20·灵敏度", "Blindsampleofthisrun本次盲评抽样");
            try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(
                    AUDITOR.download("/api/runs/" + run.getJsonNumber("id") + "/report.xlsx").body()))) {
                boolean found = false;
                for (var row : wb.getSheetAt(0)) {
                    if (row.getCell(0) != null && "Overall 总体".equals(row.getCell(0).getStringCellValue())
                            && row.getCell(2) != null) {
                        assertThat(row.getCell(2).getNumericCellValue()).isCloseTo(correction.getJsonObject("overall")
                                .getJsonNumber("corrected").doubleValue(), within(1e-12));
                        found = true;
                    }
                }
                assertThat(found).as("the corrected overall rate in the workbook's summary").isTrue();
            }
        }
    }

    /** Checks a confusion body against the counted matrix; returns {Se, Sp} as the test computes them. */
    private static double[] assertConfusion(JsonObject body, long[][] m) {
        Map<String, Long> cells = new TreeMap<>();
        for (int h = 1; h <= 3; h++) {
            for (int s = 1; s <= 3; s++) {
                assertThat(body.getJsonArray("matrix").getJsonArray(h - 1).getJsonNumber(s - 1).longValue())
                        .as("reviewer " + h + ", scorer " + s).isEqualTo(m[h][s]);
                cells.put(h + "" + s, m[h][s]);
            }
        }
        double tp = m[3][3];
        double fn = m[3][1] + m[3][2];
        double tn = m[1][1] + m[1][2] + m[2][1] + m[2][2];
        double fp = m[1][3] + m[2][3];
        double se = tp / (tp + fn);
        double sp = tn / (tn + fp);
        assertThat(body.getJsonNumber("sensitivity").doubleValue()).isCloseTo(se, within(1e-12));
        assertThat(body.getJsonNumber("specificity").doubleValue()).isCloseTo(sp, within(1e-12));
        assertThat(body.getInt("compared")).isEqualTo(20);
        return new double[] {se, sp};
    }
}
