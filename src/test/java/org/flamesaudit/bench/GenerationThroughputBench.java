package org.flamesaudit.bench;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.flamesaudit.support.Jsons;
import org.flamesaudit.testsupport.ApiClient;
import org.flamesaudit.testsupport.OpenAiStub;
import org.flamesaudit.testsupport.RunRequests;
import org.junit.jupiter.api.Test;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generation throughput against a target stub at 200 ms per call, for concurrency 1, 8, 32 and 64, as a share of the
 * ideal C / latency: over the whole generate step (submission to the last answer, start-up included) and in steady
 * state (between the 10% and the 90% answer). The judge is a second stub without latency; only the generate step is
 * timed. Both figures come from the server's own clocks (the run's {@code createdAt}, each answer's
 * {@code answeredAt}), so the bench polls only a few times a second and does not compete for the server's CPU.
 * Flames-1k runs the step for only 3 s at concurrency 64 (16 prompts per partition); the 4,000-prompt rows (Flames-1k
 * four times over, each copy's prompts marked) show the rate once start-up no longer dominates. Prints a table;
 * asserts that every prompt was answered exactly once.
 */
class GenerationThroughputBench {

    private static final int LATENCY_MS = 200;

    @Test
    void generation_throughput_as_a_share_of_the_ideal() throws Exception {
        ApiClient api = ApiClient.fromSystemProperties();
        long flames = api.importAndWait("flames-1k", ApiClient.flamesFile(), null).getJsonNumber("id").longValue();
        Path x4 = ApiClient.inbox("bench-generation").resolve("flames-1k-x4.jsonl");
        writeRepeated(ApiClient.flamesFile(), x4, 4);
        long repeated = api.importAndWait("flames-1k-x4", x4, null).getJsonNumber("id").longValue();
        List<String> rows = new ArrayList<>();
        rows.add(String.format("%-11s %-7s %-12s %-12s %-14s %-16s %-14s", "concurrency", "items", "generate_s",
                "ideal_per_s", "whole_per_s", "steady_per_s", "ratio(whole/steady)"));
        try (OpenAiStub target = new OpenAiStub().latencyMs(LATENCY_MS); OpenAiStub judge = new OpenAiStub()) {
            measure(api, target, judge, flames, 8, 200, false); // warm-up, not reported
            for (long[] c : new long[][]{{1, 50, flames}, {8, 400, flames}, {32, 1000, flames}, {64, 1000, flames},
                    {32, 4000, repeated}, {64, 4000, repeated}}) {
                int concurrency = (int) c[0];
                int items = (int) c[1];
                double[] m = measure(api, target, judge, c[2], concurrency, items, false);
                double ideal = concurrency * 1000.0 / LATENCY_MS;
                rows.add(String.format("%-11d %-7d %-12.2f %-12.1f %-14.1f %-16.1f %.2f / %.2f", concurrency, items,
                        m[0], ideal, items / m[0], m[1], items / m[0] / ideal, m[1] / ideal));
            }
        }
        System.out.println("\n=== generation throughput, target stub at " + LATENCY_MS + " ms ===");
        rows.forEach(System.out::println);
    }

    /**
     * Runs {@code items} prompts of the dataset at {@code concurrency}, with the run's partitions on threads of its
     * node or sent through the broker ({@code distributed}). Returns {seconds from submission to the last answer,
     * answers per second between the 10% and the 90% answer}, both from the server's timestamps.
     */
    static double[] measure(ApiClient api, OpenAiStub target, OpenAiStub judge, long datasetId,
                            int concurrency, int items, boolean distributed) throws Exception {
        JsonObject request = RunRequests.againstStubs(datasetId, target, "throughput-" + concurrency, judge,
                concurrency).add("limit", items).add("distributed", distributed).build();
        long id = api.submitRun(request);
        JsonObject run = api.waitFor("/api/runs/" + id, Set.of("COMPLETED", "FAILED", "STOPPED"),
                Duration.ofMinutes(10));
        assertThat(run.getString("status")).isEqualTo("COMPLETED");
        assertThat(run.getJsonObject("progress").getInt("generated")).isEqualTo(items);
        List<Instant> answered = answerTimes(api, id, items);
        Instant submitted = Instant.parse(run.getString("createdAt"));
        double whole = Duration.between(submitted, answered.get(items - 1)).toNanos() / 1e9;
        Instant t10 = answered.get(items / 10 - 1);
        Instant t90 = answered.get(items * 9 / 10 - 1);
        double steady = (items * 0.8) / (Duration.between(t10, t90).toNanos() / 1e9);
        return new double[]{whole, steady};
    }

    /** When each of the run's {@code items} answers was stored (the server's clock), in time order. */
    static List<Instant> answerTimes(ApiClient api, long runId, int items) {
        List<Instant> answered = new ArrayList<>();
        for (int page = 0; answered.size() < items; page++) {
            var got = api.get("/api/runs/" + runId + "/items?size=1000&page=" + page).body().getJsonArray("items");
            assertThat(got).as("page %d of run %d", page, runId).isNotEmpty();
            for (JsonValue v : got) {
                answered.add(Instant.parse(v.asJsonObject().getString("answeredAt")));
            }
        }
        assertThat(answered).hasSize(items);
        answered.sort(null);
        return answered;
    }

    /** Flames-1k {@code times} over, each copy's prompts marked with its round so that every prompt is distinct. */
    private static void writeRepeated(Path flames, Path out, int times) throws IOException {
        List<String> lines = Files.readAllLines(flames, StandardCharsets.UTF_8);
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (int round = 1; round <= times; round++) {
                for (String line : lines) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonObject o = Jsons.JSON.createReader(new StringReader(line)).readObject();
                    w.write(Jsons.JSON.createObjectBuilder(o).add("prompt", o.getString("prompt") + "（第" + round + "遍）")
                            .build().toString());
                    w.write('\n');
                }
            }
        }
    }
}
