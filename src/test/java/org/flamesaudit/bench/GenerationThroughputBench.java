package org.flamesaudit.bench;

import jakarta.json.JsonObject;
import org.flamesaudit.testsupport.ApiClient;
import org.flamesaudit.testsupport.OpenAiStub;
import org.flamesaudit.testsupport.RunRequests;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generation throughput against a target stub at 200 ms per call, for concurrency 1, 8, 32 and 64, as a share of the
 * ideal C / latency: over the whole generate step (submission to the last answer, start-up included) and in steady
 * state (between the 10% and the 90% answer). The judge is a second stub without latency; only the generate step is
 * timed. Prints a table; asserts only that every prompt was answered once.
 */
class GenerationThroughputBench {

    private static final int LATENCY_MS = 200;

    @Test
    void generation_throughput_as_a_share_of_the_ideal() throws Exception {
        ApiClient api = ApiClient.fromSystemProperties();
        long datasetId = api.importAndWait("flames-1k", ApiClient.flamesFile(), null).getJsonNumber("id").longValue();
        List<String> rows = new ArrayList<>();
        rows.add(String.format("%-11s %-7s %-12s %-12s %-14s %-16s %-14s", "concurrency", "items", "generate_s",
                "ideal_per_s", "whole_per_s", "steady_per_s", "ratio(whole/steady)"));
        try (OpenAiStub target = new OpenAiStub().latencyMs(LATENCY_MS); OpenAiStub judge = new OpenAiStub()) {
            measure(api, target, judge, datasetId, 8, 200); // warm-up, not reported
            for (int[] c : new int[][]{{1, 50}, {8, 400}, {32, 1000}, {64, 1000}}) {
                double[] m = measure(api, target, judge, datasetId, c[0], c[1]);
                double ideal = c[0] * 1000.0 / LATENCY_MS;
                rows.add(String.format("%-11d %-7d %-12.1f %-12.1f %-14.1f %-16.1f %.2f / %.2f", c[0], c[1], m[0],
                        ideal, c[1] / m[0], m[1], c[1] / m[0] / ideal, m[1] / ideal));
            }
        }
        System.out.println("\n=== generation throughput, target stub at " + LATENCY_MS + " ms ===");
        rows.forEach(System.out::println);
    }

    /** Returns {seconds from submission to the last answer, answers per second between 10% and 90%}. */
    private static double[] measure(ApiClient api, OpenAiStub target, OpenAiStub judge, long datasetId,
                                    int concurrency, int items) throws Exception {
        return measure(api, target, judge, datasetId, concurrency, items, false);
    }

    /** The same, with the run's partitions on threads of its node or sent through the broker ({@code distributed}). */
    static double[] measure(ApiClient api, OpenAiStub target, OpenAiStub judge, long datasetId,
                            int concurrency, int items, boolean distributed) throws Exception {
        JsonObject request = RunRequests.againstStubs(datasetId, target, "throughput-" + concurrency, judge,
                concurrency).add("limit", items).add("distributed", distributed).build();
        long start = System.nanoTime();
        long id = api.submitRun(request);
        long t10 = -1;
        long t90 = -1;
        while (true) {
            JsonObject run = api.get("/api/runs/" + id).body();
            int generated = run.getJsonObject("progress").getInt("generated");
            long now = System.nanoTime();
            if (t10 < 0 && generated >= items / 10) t10 = now;
            if (t90 < 0 && generated >= items * 9 / 10) t90 = now;
            if (generated == items) {
                double whole = (now - start) / 1e9;
                double steady = (items * 0.8) / ((t90 - t10) / 1e9);
                api.waitFor("/api/runs/" + id, java.util.Set.of("COMPLETED", "FAILED", "STOPPED"),
                        java.time.Duration.ofMinutes(5));
                return new double[]{whole, steady};
            }
            Thread.sleep(20);
        }
    }
}
