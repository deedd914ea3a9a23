package org.flamesaudit.bench;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.flamesaudit.testsupport.ApiClient;
import org.flamesaudit.testsupport.RunRequests;
import org.flamesaudit.testsupport.ServerProcess;
import org.flamesaudit.testsupport.StubProcess;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole Flames-1k audit (1,000 answers, 1,000 judge calls, metrics, the PDF and the XLSX report) against an
 * OpenAI-compatible stub at 200 ms per call in a process of its own ({@link StubProcess}), at concurrency 64: the
 * first audit on a freshly started server without the start-up warm-ups ({@code flames.warm-up=false}), the first
 * audit on a freshly started server as shipped (cold), then {@value #WARM_RUNS} more on that server (warm); then
 * promptfoo asks the same stub the same 1,000 prompts at the same concurrency, all in one bench run. The stub is
 * warmed first (by promptfoo's warm-up run), as a provider always is; each server is a second WildFly at port offset
 * 400 with production JVM options ({@code -Xms1g -Xmx1g}, tiered compilation), not the C1-only options of the crash
 * tests.
 * <p>
 * Lower bound: the target calls and the judge calls each need 1,000 x 0.2 s / 64 = 3.125 s, so 6.25 s for the
 * audit when scoring waits for the answers. Efficiency = lower bound / measured, the figure the hardening issue asks
 * for (at least 0.8 warm, 0.7 cold). {@code total} is from the run's creation to its end, after both reports were
 * stored (the server's clock); {@code generate} to its 1,000th stored answer; CPU is the server's and the stub's
 * process CPU time over the audit. Not a pass/fail timing test: it asserts that every run completed with both
 * reports and that promptfoo made exactly 1,000 calls.
 * <p>
 * {@code mvn -B verify -Pbench -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=WholeAuditThroughputBench}
 * after {@code bash .ci/install-promptfoo.sh}; {@code -Dbench.server.jvm=...} adds JVM options to the servers (a
 * flight recording, for instance).
 */
class WholeAuditThroughputBench {

    private static final int LATENCY_MS = 200;
    private static final int CONCURRENCY = 64;
    private static final int PROMPTS = 1000;
    private static final int WARM_RUNS = 3;
    private static final double LOWER_BOUND_S = 2.0 * PROMPTS * LATENCY_MS / 1000.0 / CONCURRENCY;

    @Test
    void whole_audit_cold_and_warm_against_an_independent_stub() throws Exception {
        Path work = ApiClient.projectDir().resolve("target/whole-audit-bench");
        Files.createDirectories(work);
        Path serverHome = Path.of(System.getProperty("flames.server.dir", "target/server"));
        List<String> rows = new ArrayList<>();
        rows.add(String.format("%-17s %-11s %-9s %-8s %-11s %-13s %-11s", "run", "generate_s", "total_s",
                "bound_s", "efficiency", "server_cpu_s", "stub_cpu_s"));
        double promptfooSeconds = 0;
        double bestWarmGenerate = Double.MAX_VALUE;
        try (StubProcess stub = StubProcess.start(LATENCY_MS, work.resolve("stub.log"))) {
            // the stub is a stand-in for a provider, which is never cold: promptfoo's warm-up run (1,000 calls at the
            // same concurrency) warms it before a server starts, so the cold figures are the server's alone
            Path promptfoo = PromptfooComparisonBench.promptfooBinary();
            PromptfooComparisonBench.writeTests(work);
            PromptfooComparisonBench.runPromptfoo(promptfoo, work, stub.baseUrl(), CONCURRENCY);
            // first a fresh server without the start-up warm-ups (flames.warm-up=false): its first audit only, for
            // the side-by-side figure; then a fresh server as shipped, its first audit and WARM_RUNS more
            for (boolean warmUp : new boolean[]{false, true}) {
                try (ServerProcess server = new ServerProcess(serverHome, serverHome.getParent().resolve("bench-server"),
                        400).nodeName("bench-node").env("FLAMES_WARM_UP", Boolean.toString(warmUp))
                        .jvmOptions("-Xms1g -Xmx1g " + System.getProperty("bench.server.jvm", ""))
                        .prepareFreshBaseDir()) {
                    server.start(Duration.ofMinutes(3));
                    if (warmUp) {
                        // a first audit comes after the warm-ups, as one does when a person submits it
                        awaitLog(serverHome.getParent().resolve("bench-server/log/server.log"), "FLAMES002302", 2);
                    }
                    ApiClient api = new ApiClient(server.baseUrl());
                    long datasetId = api.importAndWait("flames-1k", ApiClient.flamesFile(), null)
                            .getJsonNumber("id").longValue();
                    for (int i = 0; i <= (warmUp ? WARM_RUNS : 0); i++) {
                        Duration serverCpu = server.cpuTime();
                        Duration stubCpu = stub.cpuTime();
                        double[] t = audit(api, stub, datasetId, "bench-" + warmUp + "-" + i);
                        double serverCpuSeconds = server.cpuTime().minus(serverCpu).toMillis() / 1000.0;
                        double stubCpuSeconds = stub.cpuTime().minus(stubCpu).toMillis() / 1000.0;
                        if (i > 0) {
                            bestWarmGenerate = Math.min(bestWarmGenerate, t[0]);
                        }
                        String name = i == 0 ? (warmUp ? "cold" : "cold, no warm-up") : "warm " + i;
                        rows.add(String.format("%-17s %-11.2f %-9.2f %-8.2f %-11.2f %-13.1f %-11.1f", name, t[0], t[1],
                                LOWER_BOUND_S, LOWER_BOUND_S / t[1], serverCpuSeconds, stubCpuSeconds));
                    }
                    // an orderly stop, so that a flight recording (-Dbench.server.jvm) is written
                    server.stop(Duration.ofSeconds(60));
                }
            }
            int before = stub.targetAttempts();
            promptfooSeconds = PromptfooComparisonBench.runPromptfoo(promptfoo, work, stub.baseUrl(), CONCURRENCY);
            assertThat(stub.targetAttempts() - before).as("promptfoo calls").isEqualTo(PROMPTS);
        }
        System.out.println("\n=== Whole Flames-1k audit, stub process at " + LATENCY_MS + " ms, concurrency "
                + CONCURRENCY + " (lower bound " + LOWER_BOUND_S + " s) ===");
        rows.forEach(System.out::println);
        System.out.printf("promptfoo (asks only): %.2f s; best warm Flames Audit generate: %.2f s; ratio %.2f%n",
                promptfooSeconds, bestWarmGenerate, promptfooSeconds / bestWarmGenerate);
    }

    /**
     * One audit; returns seconds from its creation to its 1,000th answer and to its end (the run's {@code finishedAt},
     * set after the report step stored both reports, which this checks).
     */
    private static double[] audit(ApiClient api, StubProcess stub, long datasetId, String model) {
        long id = api.submitRun(RunRequests.againstStubs(datasetId, stub.baseUrl(), model, stub.baseUrl(), CONCURRENCY)
                .build());
        JsonObject run = api.waitFor("/api/runs/" + id, Set.of("COMPLETED", "FAILED", "STOPPED",
                "COMPLETED_WITH_FAILURES"), Duration.ofMinutes(10));
        assertThat(run.getString("status")).as(run.toString()).isEqualTo("COMPLETED");
        Instant created = Instant.parse(run.getString("createdAt"));
        List<Instant> answered = GenerationThroughputBench.answerTimes(api, id, PROMPTS);
        assertBothReports(api, id);
        Instant finished = Instant.parse(run.getString("finishedAt"));
        return new double[]{seconds(created, answered.get(answered.size() - 1)), seconds(created, finished)};
    }

    /** Waits up to a minute for {@code times} lines of the server log holding {@code messageId}. */
    private static void awaitLog(Path log, String messageId, int times) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            long seen = Files.exists(log) ? Files.readAllLines(log).stream().filter(l -> l.contains(messageId)).count() : 0;
            if (seen >= times) {
                return;
            }
            assertThat(System.nanoTime()).as("%d x %s in %s", times, messageId, log).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** Both reports of the finished run are stored (the report step runs before the run ends). */
    private static void assertBothReports(ApiClient api, long runId) {
        List<String> formats = new ArrayList<>();
        for (JsonValue v : api.get("/api/runs/" + runId + "/reports").body().getJsonArray("items")) {
            formats.add(v.asJsonObject().getString("format"));
        }
        assertThat(formats).as("reports of run %d", runId).containsExactlyInAnyOrder("PDF", "XLSX");
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }
}
