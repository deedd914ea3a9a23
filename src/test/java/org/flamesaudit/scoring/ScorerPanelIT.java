package org.flamesaudit.scoring;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.testsupport.ApiClient;
import org.flamesaudit.testsupport.OpenAiStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Several scorers per run (issue 21): three stub judges that disagree on a known set of items. Each prompt carries
 * the score each judge gives it ({@code a=3 b=1 c=-}, "-" an output with no verdict), so every expected figure below is
 * computed in this test from the plan alone: the disagreement counts per dimension, Cohen's and Fleiss' kappas (by the
 * textbook formulas, written here again), the review queue's order, and the metrics under each decision rule.
 */
class ScorerPanelIT {

    private static final ApiClient API = ApiClient.fromSystemProperties();
    private static final Pattern PLAN = Pattern.compile("a=([123-]) b=([123-]) c=([123-])");

    /** Per dimension, the verdicts of judges a, b and c on each prompt (0: no verdict). */
    private static final Map<Dimension, int[][]> VERDICTS = new EnumMap<>(Dimension.class);

    static {
        VERDICTS.put(Dimension.FAIRNESS, new int[][] {{3, 3, 3}, {1, 1, 1}, {3, 1, 3}, {2, 2, 3}, {1, 2, 3}, {3, 3, 1}});
        VERDICTS.put(Dimension.SAFETY, new int[][] {{3, 3, 3}, {3, 3, 3}, {2, 2, 2}, {1, 3, 1}, {3, 1, 1}, {1, 1, 1}});
        VERDICTS.put(Dimension.MORALITY, new int[][] {{3, 3, 3}, {2, 2, 2}, {1, 1, 1}, {3, 3, 3}, {2, 3, 1}, {3, 3, 3}});
        VERDICTS.put(Dimension.LEGALITY, new int[][] {{3, 3, 3}, {1, 1, 1}, {3, 1, 3}, {1, 3, 3}, {3, 3, 3}, {1, 1, 1}});
        VERDICTS.put(Dimension.DATA_PROTECTION, new int[][] {{3, 3, 3}, {3, 3, 3}, {1, 1, 1}, {1, 1, 1}, {3, 3, 1},
                {1, 3, 1}, {3, 0, 3}});
    }

    private static OpenAiStub a;
    private static OpenAiStub b;
    private static OpenAiStub c;
    private static long datasetId;
    /** Prompt text -> {dimension, verdicts}, in file order. */
    private static final Map<String, Object[]> PROMPTS = new LinkedHashMap<>();

    @BeforeAll
    static void datasetAndJudges() throws Exception {
        List<String> lines = new ArrayList<>();
        VERDICTS.forEach((d, rows) -> {
            for (int i = 0; i < rows.length; i++) {
                String prompt = "panel-it " + d.label() + " #" + i + " a=" + v(rows[i][0]) + " b=" + v(rows[i][1])
                        + " c=" + v(rows[i][2]) + " 请评价这种说法。";
                PROMPTS.put(prompt, new Object[] {d, rows[i]});
                lines.add(Json.createObjectBuilder().add("dimension", d.label()).add("prompt", prompt).build()
                        .toString());
            }
        });
        Path file = ApiClient.inbox("panel").resolve("panel.jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);
        datasetId = API.importAndWait("panel-it", file, null).getJsonNumber("id").longValue();
        a = new OpenAiStub().replyToJudge(p -> judge(p, 1));
        b = new OpenAiStub().replyToJudge(p -> judge(p, 2));
        c = new OpenAiStub().replyToJudge(p -> judge(p, 3));
    }

    @AfterAll
    static void closeStubs() {
        for (OpenAiStub s : new OpenAiStub[] {a, b, c}) {
            if (s != null) {
                s.close();
            }
        }
    }

    private static String v(int score) {
        return score == 0 ? "-" : Integer.toString(score);
    }

    /** Judge {@code which} (1 a, 2 b, 3 c) answers with the score the prompt names for it. */
    private static OpenAiStub.Reply judge(String prompt, int which) {
        Matcher m = PLAN.matcher(prompt);
        if (!m.find()) {
            throw new IllegalArgumentException(prompt);
        }
        String score = m.group(which);
        return OpenAiStub.completion(score.equals("-") ? "抱歉，我无法给出评分。"
                : "{\"score\": " + score + ", \"rationale\": \"judge " + which + "\"}", null, "stop");
    }

    private static JsonObject run(String decision, OpenAiStub... judges) {
        var scorers = Json.createArrayBuilder();
        char name = 'a';
        for (OpenAiStub j : judges) {
            scorers.add(Json.createObjectBuilder().add("type", "llm-judge").add("baseUrl", j.baseUrl())
                    .add("model", "judge-" + name++));
        }
        JsonObjectBuilder request = Json.createObjectBuilder().add("datasetId", datasetId).add("concurrency", 4)
                .add("target", Json.createObjectBuilder().add("connector", "openai-compatible")
                        .add("baseUrl", a.baseUrl()).add("model", "panel-target"))
                .add("scorers", scorers).add("decision", decision);
        JsonObject run = API.runAndWait(request.build(), Duration.ofMinutes(3));
        assertThat(run.getString("status")).as(run.toString()).isIn("COMPLETED", "COMPLETED_WITH_FAILURES");
        return run;
    }

    private static JsonObject metrics(JsonObject run) {
        return API.get("/api/runs/" + run.getJsonNumber("id") + "/metrics").body();
    }

    @Test
    void primaryCountsTheFirstJudgeAndMeasuresTheAgreementOfTheOthers() {
        JsonObject run = run("primary", a, b);
        assertThat(run.getString("decision")).isEqualTo("primary");
        assertThat(run.getJsonArray("scorers")).hasSize(2);
        JsonObject m = metrics(run);

        // the counted verdicts are judge a's
        for (Dimension d : Dimension.values()) {
            assertScoreCounts(m, d, counted(d, r -> r[0]));
        }

        // agreement of a and b per dimension: items both judged, disagreements, Cohen's kappa over both scored
        JsonObject agreement = m.getJsonObject("scorerAgreement");
        assertThat(agreement.getString("rule")).isEqualTo("primary");
        long allItems = 0;
        long allDisagree = 0;
        for (Dimension d : Dimension.values()) {
            JsonObject f = agreement.getJsonObject("dimensions").getJsonObject(d.label());
            int[][] rows = VERDICTS.get(d);
            long disagree = java.util.Arrays.stream(rows).filter(r -> r[0] != r[1]).count();
            List<int[]> both = java.util.Arrays.stream(rows).filter(r -> r[0] != 0 && r[1] != 0)
                    .map(r -> new int[] {r[0], r[1]}).toList();
            assertThat(f.getInt("items")).as(d.label()).isEqualTo(rows.length);
            assertThat(f.getInt("disagreements")).as(d.label()).isEqualTo((int) disagree);
            assertThat(f.getInt("compared")).as(d.label()).isEqualTo(both.size());
            JsonObject pair = f.getJsonArray("pairs").getJsonObject(0);
            assertThat(pair.getInt("n")).isEqualTo(both.size());
            assertKappa(pair, "cohensKappa", cohen(both), d);
            allItems += rows.length;
            allDisagree += disagree;
        }
        // Fairness: 2 of 6; Safety 2; Morality 1; Legality 2; Data protection 2 (one a verdict-less b): 9 of 31
        assertThat(allDisagree).isEqualTo(9);
        assertThat(agreement.getJsonObject("overall").getInt("disagreements")).isEqualTo(9);
        assertThat(agreement.getJsonObject("overall").getInt("items")).isEqualTo((int) allItems);
        // 9 of 31 = 29.0%: no warning at 30%
        assertThat(m.containsKey("warnings") ? m.getJsonArray("warnings").toString() : "").doesNotContain(
                "SCORERS_DISAGREE");

        // every item lists both verdicts; the disagreements come first in the review queue, in file order
        long id = run.getJsonNumber("id").longValue();
        List<JsonObject> items = API.get("/api/runs/" + id + "/items?size=100").body().getJsonArray("items")
                .getValuesAs(JsonObject.class);
        assertThat(items).hasSize(31).allSatisfy(i -> {
            int[] r = (int[]) PROMPTS.get(i.getString("prompt"))[1];
            var verdicts = i.getJsonArray("verdicts").getValuesAs(JsonObject.class);
            assertThat(verdicts).extracting(o -> o.getString("scorer")).allMatch(k -> k.contains("judge-"));
            assertThat(verdicts.get(0).getInt("score")).isEqualTo(r[0]);
            assertThat(r[1] == 0 ? verdicts.get(1).getString("status") : verdicts.get(1).get("score").toString())
                    .isEqualTo(r[1] == 0 ? "UNSCORABLE" : Integer.toString(r[1]));
            assertThat(i.getBoolean("scorersDisagree")).isEqualTo(r[0] != r[1]);
        });
        assertThat(API.get("/api/runs/" + id + "/items?score=disagree&size=100").body().getInt("total"))
                .isEqualTo(9);
        List<String> queue = API.get("/api/runs/" + id + "/review-queue?size=100").body().getJsonArray("items")
                .getValuesAs(JsonObject.class).stream().map(o -> o.getString("prompt")).toList();
        // the disagreements, then the rest of the queue; within each, the counted verdict's order (no verdict, 1, 2)
        // and then file order
        List<String> disagreeing = PROMPTS.entrySet().stream().filter(e -> ((int[]) e.getValue()[1])[0]
                        != ((int[]) e.getValue()[1])[1])
                .sorted(java.util.Comparator.comparingInt(e -> ((int[]) e.getValue()[1])[0]))
                .map(Map.Entry::getKey).toList();
        assertThat(queue.subList(0, 9)).containsExactlyElementsOf(disagreeing);
        assertThat(queue.subList(9, queue.size())).noneMatch(disagreeing::contains);
    }

    @Test
    void majorityAndUnanimousDecideFromThreeJudgesAndLeaveTheRestToAReviewer() throws Exception {
        JsonObject majorityRun = run("majority", a, b, c);
        JsonObject majority = metrics(majorityRun);
        JsonObject unanimous = metrics(run("unanimous", a, b, c));
        for (Dimension d : Dimension.values()) {
            assertScoreCounts(majority, d, counted(d, ScorerPanelIT::majorityOf));
            assertScoreCounts(unanimous, d, counted(d, r -> r[0] == r[1] && r[1] == r[2] ? r[0] : 0));
        }
        // no majority: Fairness (1,2,3), Morality (2,3,1); not unanimous: every item with a dissent (4 Fairness,
        // 2 Safety, 1 Morality, 2 Legality, 3 Data protection)
        long noMajority = VERDICTS.values().stream().flatMap(java.util.Arrays::stream)
                .filter(r -> majorityOf(r) == 0).count();
        long notUnanimous = VERDICTS.values().stream().flatMap(java.util.Arrays::stream)
                .filter(r -> !(r[0] == r[1] && r[1] == r[2])).count();
        assertThat(List.of(noMajority, notUnanimous)).containsExactly(2L, 12L);
        assertThat(majority.getInt("unscorable")).isEqualTo(2);
        assertThat(unanimous.getInt("unscorable")).isEqualTo(12);
        // 12 of 31 differ somewhere among the three (38.7%): both runs carry the warning
        for (JsonObject m : List.of(majority, unanimous)) {
            assertThat(m.getJsonArray("warnings").toString()).contains("SCORERS_DISAGREE")
                    .contains("38.7% of the answers (12 of 31)");
        }

        // Fleiss' kappa of the three judges over the answers all three scored, all dimensions pooled
        List<int[]> all3 = VERDICTS.values().stream().flatMap(java.util.Arrays::stream)
                .filter(r -> r[0] != 0 && r[1] != 0 && r[2] != 0).toList();
        JsonObject overall = majority.getJsonObject("scorerAgreement").getJsonObject("overall");
        assertThat(overall.getInt("compared")).isEqualTo(all3.size());
        assertThat(overall.getJsonNumber("fleissKappa").doubleValue()).isCloseTo(fleiss(all3), within(1e-9));
        assertThat(overall.getJsonArray("pairs")).hasSize(3);

        // a reviewer decides an item the majority left open (Fairness #4: 1, 2, 3); it leaves the queue's front
        long id = majorityRun.getJsonNumber("id").longValue();
        JsonObject open = API.get("/api/runs/" + id + "/items?dimension=Fairness&score=unscorable&size=10").body()
                .getJsonArray("items").getJsonObject(0);
        assertThat(open.getString("prompt")).contains("#4 a=1 b=2 c=3");
        assertThat(open.getString("unscorableReason")).isEqualTo("SCORERS_DISAGREE");
        ApiClient.Reply review = API.as("reviewer").post("/api/runs/" + id + "/items/" + open.getJsonNumber("promptId")
                + "/review", Json.createObjectBuilder().add("score", 2).add("justification", "部分有害：给出了理由但未纠正偏见")
                .build());
        assertThat(review.status()).as(String.valueOf(review.body())).isEqualTo(201);
        JsonObject after = metrics(majorityRun);
        Map<Integer, Integer> fairness = counted(Dimension.FAIRNESS, ScorerPanelIT::majorityOf);
        fairness.merge(2, 1, Integer::sum);
        assertScoreCounts(after, Dimension.FAIRNESS, fairness);
        assertThat(after.getInt("unscorable")).isEqualTo(1);
        assertThat(after.getJsonObject("review").getInt("changed")).isEqualTo(1);

        // the reports: the scorers, the rule and the agreement in the PDF; every verdict in the workbook
        String text = org.flamesaudit.testsupport.PdfReading.text(API.download("/api/runs/" + id + "/report.pdf")
                .body()).replaceAll("\\s+", " ");
        assertThat(text).contains("判定规则", "31 条回复 · 12 条分歧（38.71%）", "Cohen's kappa 1–2",
                "3 个评分器，判定规则 多数决");
        assertThat(text.replace(" ", "")).as("a line may wrap between two Chinese characters")
                .contains("评分器间一致性31条回复", "decisionmajority");
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(
                API.download("/api/runs/" + id + "/report.xlsx").body()))) {
            var sheet = wb.getSheet("Scorers 评分器");
            assertThat(sheet.getLastRowNum()).isEqualTo(31);
            assertThat(sheet.getRow(0).getCell(4).getStringCellValue()).startsWith("Scorer 3 评分器 3: llm-judge:judge-c");
            long flagged = 0;
            for (int r = 1; r <= 31; r++) {
                flagged += "yes 是".equals(sheet.getRow(r).getCell(6).getStringCellValue()) ? 1 : 0;
            }
            assertThat(flagged).isEqualTo(12);
        }
    }

    @Test
    void batchedScorersDecideToo() {
        // the demo: replayed answers, the embedded scorer (batched, in-process) and the demo's imported scores
        long demo = API.importAndWait("demo", ApiClient.projectDir().resolve("demo/demo-prompts.jsonl"), null)
                .getJsonNumber("id").longValue();
        JsonObject request = Json.createObjectBuilder().add("datasetId", demo)
                .add("target", Json.createObjectBuilder().add("connector", "replay")
                        .add("file", ApiClient.projectDir().resolve("demo/demo-responses.jsonl").toString()))
                .add("scorers", Json.createArrayBuilder().add(Json.createObjectBuilder().add("type", "imported")
                                .add("file", ApiClient.projectDir().resolve("demo/demo-scores.jsonl").toString()))
                        .add(Json.createObjectBuilder().add("type", "djl")))
                .add("decision", "unanimous").build();
        JsonObject run = API.runAndWait(request, Duration.ofMinutes(3));
        assertThat(run.getString("status")).as(run.toString()).isEqualTo("COMPLETED");
        List<JsonObject> items = API.get("/api/runs/" + run.getJsonNumber("id") + "/items?size=100").body()
                .getJsonArray("items").getValuesAs(JsonObject.class);
        assertThat(items).hasSize(20).allSatisfy(i -> {
            var v = i.getJsonArray("verdicts").getValuesAs(JsonObject.class);
            assertThat(v).hasSize(2).allMatch(x -> "SCORED".equals(x.getString("status")));
            if (v.get(0).getInt("score") == v.get(1).getInt("score")) {
                assertThat(i.getInt("score")).isEqualTo(v.get(0).getInt("score"));
                assertThat(i.getBoolean("scorersDisagree")).isFalse();
            } else {
                assertThat(i.getString("unscorableReason")).isEqualTo("SCORERS_DISAGREE");
                assertThat(i.getBoolean("scorersDisagree")).isTrue();
            }
        });
        JsonObject m = metrics(run);
        long split = items.stream().filter(i -> i.getBoolean("scorersDisagree")).count();
        assertThat(m.getInt("unscorable")).isEqualTo((int) split);
        assertThat(m.getInt("pending")).isZero();
        assertThat(m.getJsonObject("scorerAgreement").getJsonObject("overall").getInt("items")).isEqualTo(20);
    }

    /** The score more than half of the three judges gave; 0 when none. */
    private static int majorityOf(int[] r) {
        Map<Integer, Integer> votes = new TreeMap<>();
        for (int v : r) {
            if (v != 0) {
                votes.merge(v, 1, Integer::sum);
            }
        }
        return votes.entrySet().stream().filter(e -> 2 * e.getValue() > r.length).map(Map.Entry::getKey)
                .findFirst().orElse(0);
    }

    /** Score -> count of the dimension's items under the rule {@code counted} (0: no score that counts). */
    private static Map<Integer, Integer> counted(Dimension d, java.util.function.ToIntFunction<int[]> counted) {
        Map<Integer, Integer> counts = new TreeMap<>(Map.of(1, 0, 2, 0, 3, 0));
        for (int[] r : VERDICTS.get(d)) {
            int s = counted.applyAsInt(r);
            if (s != 0) {
                counts.merge(s, 1, Integer::sum);
            }
        }
        return counts;
    }

    private static void assertScoreCounts(JsonObject metrics, Dimension d, Map<Integer, Integer> expected) {
        JsonObject dim = metrics.getJsonObject("dimensions").getJsonObject(d.label());
        JsonObject counts = dim.getJsonObject("scoreCounts");
        for (int s : d.isThreeLevel() ? new int[] {1, 2, 3} : new int[] {1, 3}) {
            assertThat(counts.getInt(Integer.toString(s))).as(d.label() + " score " + s).isEqualTo(expected.get(s));
        }
        int n = expected.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(dim.getJsonNumber("harmlessRate").doubleValue()).as(d.label())
                .isCloseTo((double) expected.get(3) / n, within(1e-12));
    }

    private static void assertKappa(JsonObject o, String field, double expected, Dimension d) {
        if (Double.isNaN(expected)) {
            assertThat(o.isNull(field)).as(d.label()).isTrue();
        } else {
            assertThat(o.getJsonNumber(field).doubleValue()).as(d.label()).isCloseTo(expected, within(1e-9));
        }
    }

    /** Cohen's kappa, (po - pe) / (1 - pe), from the pairs' own marginals; NaN when pe = 1. */
    private static double cohen(List<int[]> pairs) {
        double n = pairs.size();
        double po = pairs.stream().filter(p -> p[0] == p[1]).count() / n;
        double pe = 0;
        for (int s = 1; s <= 3; s++) {
            final int score = s;
            pe += (pairs.stream().filter(p -> p[0] == score).count() / n)
                    * (pairs.stream().filter(p -> p[1] == score).count() / n);
        }
        return pe == 1 ? Double.NaN : (po - pe) / (1 - pe);
    }

    /** Fleiss' kappa for raters who all rated every item. */
    private static double fleiss(List<int[]> items) {
        int k = items.get(0).length;
        double pBar = 0;
        double[] shares = new double[4];
        for (int[] r : items) {
            int[] n = new int[4];
            for (int v : r) {
                n[v]++;
                shares[v]++;
            }
            double agree = 0;
            for (int s = 1; s <= 3; s++) {
                agree += n[s] * (n[s] - 1);
            }
            pBar += agree / (k * (k - 1.0));
        }
        pBar /= items.size();
        double pe = 0;
        for (int s = 1; s <= 3; s++) {
            double p = shares[s] / (items.size() * k);
            pe += p * p;
        }
        return (pBar - pe) / (1 - pe);
    }
}
