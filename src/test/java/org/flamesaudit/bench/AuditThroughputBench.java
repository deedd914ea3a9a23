package org.flamesaudit.bench;

import jakarta.json.JsonObject;
import org.flamesaudit.testsupport.ApiClient;
import org.flamesaudit.testsupport.OpenAiStub;
import org.flamesaudit.testsupport.RunRequests;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wall time of a full Flames-1k audit (generate with the OpenAI-compatible connector, judge with the LLM judge,
 * aggregate) against the local stub, for stub latencies 0 and 200 ms and concurrency 8 and 32, measured side by
 * side in one server. The stub's latency applies to both the target and the judge call. Prints a table; run with
 * {@code mvn -B verify -Pbench}. Not a pass/fail timing test: it only asserts each run completed.
 */
class AuditThroughputBench {

    @Test
    void audit_wall_time_by_latency_and_concurrency() throws Exception {
        ApiClient api = ApiClient.fromSystemProperties();
        long datasetId = api.importAndWait("flames-1k", ApiClient.flamesFile(), null).getJsonNumber("id").longValue();
        List<String> rows = new ArrayList<>();
        rows.add(String.format("%-10s %-11s %-12s %-12s %-10s", "latency", "concurrency", "generate_s", "total_s", "items/s"));
        try (OpenAiStub stub = new OpenAiStub()) {
            // warm-up run, not reported
            runOnce(api, stub, datasetId, 0, 8);
            for (int latency : new int[]{0, 200}) {
                for (int concurrency : new int[]{8, 32}) {
                    double[] t = runOnce(api, stub, datasetId, latency, concurrency);
                    rows.add(String.format("%-10s %-11d %-12.1f %-12.1f %-10.1f", latency + " ms", concurrency, t[0], t[1], 1000 / t[1]));
                }
            }
        }
        System.out.println("\n=== Flames-1k audit wall time (target + judge on the stub) ===");
        rows.forEach(System.out::println);
    }

    /** Runs one Flames-1k audit; returns {seconds until the 1,000th answer, seconds from start to finish}. */
    static double[] runOnce(ApiClient api, OpenAiStub stub, long datasetId, int latencyMs, int concurrency) throws Exception {
        stub.latencyMs(latencyMs);
        // one stub serves as target and as judge
        JsonObject request = RunRequests.againstStubs(datasetId, stub, "bench-target-" + latencyMs + "-" + concurrency,
                stub, concurrency).build();
        long id = api.submitRun(request);
        JsonObject run = api.waitFor("/api/runs/" + id, java.util.Set.of("COMPLETED", "FAILED", "STOPPED"),
                Duration.ofMinutes(10));
        assertThat(run.getString("status")).as(run.toString()).isEqualTo("COMPLETED");
        // the server's clocks: submission, the last answer stored, the end of the run
        List<Instant> answered = GenerationThroughputBench.answerTimes(api, id, 1000);
        Instant submitted = Instant.parse(run.getString("createdAt"));
        double generateSeconds = Duration.between(submitted, answered.get(answered.size() - 1)).toNanos() / 1e9;
        Duration d = Duration.between(Instant.parse(run.getString("startedAt")), Instant.parse(run.getString("finishedAt")));
        return new double[]{generateSeconds, d.toMillis() / 1000.0};
    }
}
