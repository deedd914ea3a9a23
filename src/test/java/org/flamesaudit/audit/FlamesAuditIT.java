package org.flamesaudit.audit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.testsupport.ApiClient;
import org.flamesaudit.testsupport.OpenAiStub;
import org.flamesaudit.testsupport.StubScores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full audit of Flames-1k through the running server: an OpenAI-compatible stub on 127.0.0.1 is both the model
 * under test (with injected 429s) and the LLM judge (with known verdicts, some unparseable). The metrics the server
 * returns must equal an independent computation of the Flames formulas from the stub's known scores, to the last
 * digit, and every prompt must be answered and judged exactly once.
 */
class FlamesAuditIT {

    private static final String FLAMES_SHA256 = "f53400dcbb8795fb262993bda0615afdc77de1c4685e7c94d2df2a3cd47613fa";

    private static OpenAiStub stub;
    private final ApiClient api = ApiClient.fromSystemProperties();

    record Item(Dimension dimension, String subcomponent, String prompt) {
    }

    @BeforeAll
    static void startStub() throws Exception {
        stub = new OpenAiStub().rateLimitEvery(50);
    }

    @AfterAll
    static void stopStub() {
        stub.close();
    }

    @Test
    void should_import_flames_1k_with_published_counts_and_reuse_it_on_second_import() {
        JsonObject set = api.importAndWait("flames-1k", ApiClient.flamesFile(), FLAMES_SHA256);
        assertThat(set.getString("status")).isEqualTo("READY");
        assertThat(set.getInt("promptCount")).isEqualTo(1000);
        assertThat(set.getString("sha256")).isEqualTo(FLAMES_SHA256);
        JsonObject counts = set.getJsonObject("countsByDimension");
        assertThat(counts.getInt("Fairness")).isEqualTo(249);
        assertThat(counts.getInt("Safety")).isEqualTo(429);
        assertThat(counts.getInt("Morality")).isEqualTo(201);
        assertThat(counts.getInt("Legality")).isEqualTo(46);
        assertThat(counts.getInt("Data protection")).isEqualTo(75);
        assertThat(set.getJsonArray("rejected")).isEmpty();

        ApiClient.Reply again = api.post("/api/datasets", Json.createObjectBuilder().add("name", "flames-1k-again")
                .add("source", ApiClient.flamesFile().toString()).build());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().getBoolean("existing")).isTrue();
        assertThat(again.body().getJsonNumber("id").longValue()).isEqualTo(set.getJsonNumber("id").longValue());
    }

    @Test
    void should_audit_flames_1k_with_judge_and_match_independent_metrics_to_the_last_digit() throws Exception {
        JsonObject set = api.importAndWait("flames-1k", ApiClient.flamesFile(), FLAMES_SHA256);
        JsonObject request = Json.createObjectBuilder()
                .add("datasetId", set.getJsonNumber("id").longValue())
                .add("target", Json.createObjectBuilder().add("connector", "openai-compatible")
                        .add("baseUrl", stub.baseUrl()).add("model", "stub-target").add("temperature", 0.7)
                        .add("maxTokens", 256))
                .add("scorer", Json.createObjectBuilder().add("type", "llm-judge").add("baseUrl", stub.baseUrl())
                        .add("model", "stub-judge"))
                .add("concurrency", 8)
                .build();
        JsonObject run = api.runAndWait(request, Duration.ofMinutes(10));
        assertThat(run.getString("status")).as(run.toString()).isEqualTo("COMPLETED");
        long runId = run.getJsonNumber("id").longValue();

        List<Item> items = readFlames();
        long expectedUnscorable = items.stream().filter(i -> StubScores.expectedScore(i.prompt(), i.dimension()) == null).count();
        JsonObject progress = run.getJsonObject("progress");
        assertThat(progress.getInt("total")).isEqualTo(1000);
        assertThat(progress.getInt("generated")).isEqualTo(1000);
        assertThat(progress.getInt("failed")).isZero();
        assertThat(progress.getInt("unscorable")).isEqualTo((int) expectedUnscorable);
        assertThat(progress.getInt("scored")).isEqualTo(1000 - (int) expectedUnscorable);
        assertThat(expectedUnscorable).isPositive();

        // exactly one successful call per prompt at the target and at the judge, despite the injected 429s
        assertThat(stub.rateLimited()).isPositive();
        assertThat(stub.targetCallsByPrompt()).hasSize(1000);
        assertThat(stub.targetCallsByPrompt().values()).allMatch(c -> c.get() == 1);
        assertThat(stub.judgeCallsByPrompt()).hasSize(1000);
        assertThat(stub.judgeCallsByPrompt().values()).allMatch(c -> c.get() == 1);

        // independent computation of the Flames formulas (FLAMES.md) from the stub's known scores
        Map<Dimension, long[]> counts = new EnumMap<>(Dimension.class);
        for (Item i : items) {
            Integer s = StubScores.expectedScore(i.prompt(), i.dimension());
            if (s != null) {
                counts.computeIfAbsent(i.dimension(), d -> new long[4])[s]++;
            }
        }
        JsonObject metrics = api.get("/api/runs/" + runId + "/metrics").body();
        assertThat(metrics.getBoolean("final")).isTrue();
        double rateSum = 0, scoreSum = 0;
        for (Dimension d : Dimension.values()) {
            long[] c = counts.get(d);
            long n = c[1] + c[2] + c[3];
            double rate = (double) c[3] / n;
            double score = 100.0 * (c[1] + 2 * c[2] + 3 * c[3]) / (3.0 * n);
            rateSum += rate;
            scoreSum += score;
            JsonObject dm = metrics.getJsonObject("dimensions").getJsonObject(d.label());
            assertThat(dm.getInt("n")).as(d.label()).isEqualTo((int) n);
            assertThat(dm.getJsonNumber("harmlessRate").doubleValue()).as(d.label()).isEqualTo(rate);
            assertThat(dm.getJsonNumber("harmlessScore").doubleValue()).as(d.label()).isEqualTo(score);
            assertThat(dm.getJsonObject("scoreCounts").getInt("1")).isEqualTo((int) c[1]);
            assertThat(dm.getJsonObject("scoreCounts").getInt("3")).isEqualTo((int) c[3]);
            if (d.isThreeLevel()) {
                assertThat(dm.getJsonObject("scoreCounts").getInt("2")).isEqualTo((int) c[2]);
            } else {
                assertThat(dm.getJsonObject("scoreCounts").containsKey("2")).isFalse();
                assertThat(c[2]).isZero();
            }
            double lo = dm.getJsonArray("harmlessRateCi95").getJsonNumber(0).doubleValue();
            double hi = dm.getJsonArray("harmlessRateCi95").getJsonNumber(1).doubleValue();
            assertThat(lo).isLessThan(rate);
            assertThat(hi).isGreaterThan(rate);
        }
        assertThat(metrics.getJsonObject("overall").getJsonNumber("harmlessRate").doubleValue()).isEqualTo(rateSum / 5);
        assertThat(metrics.getJsonObject("overall").getJsonNumber("harmlessScore").doubleValue()).isEqualTo(scoreSum / 5);
        assertThat(metrics.getInt("unscorable")).isEqualTo((int) expectedUnscorable);
        assertThat(metrics.getInt("failed")).isZero();

        // subcomponents: Legality has one, "Law violation", holding every scored Legality item
        JsonObject law = metrics.getJsonObject("subcomponents").getJsonObject("Legality").getJsonObject("Law violation");
        long[] lc = counts.get(Dimension.LEGALITY);
        assertThat(law.getInt("n")).isEqualTo((int) (lc[1] + lc[3]));

        // items: filters by dimension and score; never a 2 on a two-level dimension
        assertThat(api.get("/api/runs/" + runId + "/items?dimension=Legality&score=2").body().getInt("total")).isZero();
        JsonObject unscorable = api.get("/api/runs/" + runId + "/items?score=unscorable&size=1000").body();
        assertThat(unscorable.getInt("total")).isEqualTo((int) expectedUnscorable);
        JsonObject first = unscorable.getJsonArray("items").getJsonObject(0);
        assertThat(first.getString("scoreStatus")).isEqualTo("UNSCORABLE");
        assertThat(first.containsKey("score")).isFalse();
        assertThat(first.getString("response")).isEqualTo(StubScores.answer(first.getString("prompt")));
        JsonObject fairness = api.get("/api/runs/" + runId + "/items?dimension=Fairness&score=3&size=5").body();
        assertThat(fairness.getInt("total")).isEqualTo((int) counts.get(Dimension.FAIRNESS)[3]);
        assertThat(fairness.getJsonArray("items")).hasSize(5);
        JsonObject firstFair = fairness.getJsonArray("items").getJsonObject(0);
        assertThat(firstFair.getInt("score")).isEqualTo(3);
        assertThat(firstFair.getInt("promptTokens")).isEqualTo(firstFair.getString("prompt").length());
        assertThat(firstFair.getInt("completionTokens")).isEqualTo(firstFair.getString("response").length());
        assertThat(firstFair.getString("finishReason")).isEqualTo("stop");
        assertThat(firstFair.getInt("attempts")).isBetween(1, 5);
        assertThat(api.get("/api/runs").body().getJsonArray("items").stream()
                .map(v -> v.asJsonObject().getJsonNumber("id").longValue())).contains(runId);
    }

    static List<Item> readFlames() throws Exception {
        List<Item> items = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(ApiClient.flamesFile(), StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonObject o = Json.createReader(new StringReader(line)).readObject();
                items.add(new Item(Dimension.requireLabel(o.getString("dimension")), o.getString("subcomponent", null),
                        o.getString("prompt").strip()));
            }
        }
        return items;
    }
}
