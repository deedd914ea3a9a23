package org.flamesaudit.bench;

import org.flamesaudit.testsupport.ApiClient;
import org.flamesaudit.testsupport.OpenAiStub;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/**
 * What sending partitions through the broker costs on one node: the same 1,000 Flames prompts against the target
 * stub at 200 ms, concurrency 32, with JBeret's thread partitions and as a distributed run, alternated three times
 * in one run (side by side). Prints the generate step's wall time of each and the ratio.
 */
class DistributedRunBench {

    @Test
    void broker_round_trip_cost_against_thread_partitions() throws Exception {
        ApiClient api = ApiClient.fromSystemProperties();
        long datasetId = api.importAndWait("flames-1k", ApiClient.flamesFile(), null).getJsonNumber("id").longValue();
        List<String> rows = new ArrayList<>();
        try (OpenAiStub target = new OpenAiStub().latencyMs(200); OpenAiStub judge = new OpenAiStub()) {
            GenerationThroughputBench.measure(api, target, judge, datasetId, 32, 200, true); // warm-up
            for (int round = 1; round <= 3; round++) {
                double threads = GenerationThroughputBench.measure(api, target, judge, datasetId, 32, 1000, false)[0];
                double broker = GenerationThroughputBench.measure(api, target, judge, datasetId, 32, 1000, true)[0];
                rows.add(String.format("%-6d %-12.2f %-12.2f %.3f", round, threads, broker, broker / threads));
            }
        }
        System.out.println("\n=== 1,000 prompts, stub at 200 ms, concurrency 32: generate wall time (s) ===");
        System.out.println(String.format("%-6s %-12s %-12s %s", "round", "threads", "distributed", "ratio"));
        rows.forEach(System.out::println);
    }
}
