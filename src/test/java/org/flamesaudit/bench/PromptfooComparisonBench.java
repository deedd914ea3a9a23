package org.flamesaudit.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.flamesaudit.testsupport.ApiClient;
import org.flamesaudit.testsupport.OpenAiStub;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same 1,000 Flames prompts sent to the same OpenAI-compatible stub (200 ms per call) by promptfoo (pinned,
 * from npm: {@code .ci/install-promptfoo.sh}) and by a Flames Audit run, at equal concurrency, side by side in one
 * JVM run. promptfoo only asks (no scoring); for Flames Audit the time until the 1,000th answer is committed is the
 * comparable figure, and the total (with the judge on the same stub, metrics and reports) is printed beside it.
 */
class PromptfooComparisonBench {

    private static final int LATENCY_MS = 200;

    @Test
    void promptfoo_and_flames_audit_side_by_side() throws Exception {
        Path promptfoo = promptfooBinary();
        Path work = ApiClient.projectDir().resolve("target/promptfoo-bench");
        int prompts = writeTests(work);

        ApiClient api = ApiClient.fromSystemProperties();
        long datasetId = api.importAndWait("flames-1k", ApiClient.flamesFile(), null).getJsonNumber("id").longValue();
        List<String> rows = new ArrayList<>();
        rows.add(String.format("%-11s %-14s %-16s %-14s %-14s %-10s", "concurrency", "promptfoo_s", "flames_generate_s",
                "flames_total_s", "ideal_s", "pf/fa_gen"));
        try (OpenAiStub stub = new OpenAiStub().latencyMs(LATENCY_MS)) {
            runPromptfoo(promptfoo, work, stub.baseUrl(), 8); // warm-up of node and the stub, not reported
            for (int concurrency : new int[]{8, 32}) {
                int before = stub.targetAttempts();
                double pf = runPromptfoo(promptfoo, work, stub.baseUrl(), concurrency);
                assertThat(stub.targetAttempts() - before).as("promptfoo calls").isEqualTo(prompts);
                double[] fa = AuditThroughputBench.runOnce(api, stub, datasetId, LATENCY_MS, concurrency);
                double ideal = prompts * LATENCY_MS / 1000.0 / concurrency;
                rows.add(String.format("%-11d %-14.1f %-16.1f %-14.1f %-14.2f %-10.2f", concurrency, pf, fa[0], fa[1],
                        ideal, pf / fa[0]));
            }
        }
        System.out.println("\n=== promptfoo vs Flames Audit, 1,000 Flames prompts, stub at " + LATENCY_MS + " ms ===");
        rows.forEach(System.out::println);
    }

    /** promptfoo as installed by {@code .ci/install-promptfoo.sh}, or {@code -Dpromptfoo.bin}. */
    static Path promptfooBinary() {
        Path promptfoo = Path.of(System.getProperty("promptfoo.bin",
                ApiClient.projectDir().resolve("target/promptfoo/node_modules/.bin/promptfoo").toString()));
        assertThat(promptfoo).as("run .ci/install-promptfoo.sh first").isExecutable();
        return promptfoo;
    }

    /** Writes the Flames-1k prompts as promptfoo tests ({@code tests.jsonl}) into {@code work}; returns how many. */
    static int writeTests(Path work) throws Exception {
        Files.createDirectories(work);
        List<String> prompts = flamesPrompts();
        StringBuilder tests = new StringBuilder();
        for (String p : prompts) {
            tests.append(Json.createObjectBuilder().add("vars", Json.createObjectBuilder().add("prompt", p)).build())
                    .append('\n');
        }
        Files.writeString(work.resolve("tests.jsonl"), tests);
        return prompts.size();
    }

    /** One {@code promptfoo eval} of the tests in {@code work} against the stub at {@code baseUrl}; its wall time in s. */
    static double runPromptfoo(Path promptfoo, Path work, String baseUrl, int concurrency) throws Exception {
        String config = """
                description: flames-audit side-by-side benchmark
                prompts:
                  - '{{prompt}}'
                providers:
                  - id: openai:chat:bench-target
                    config:
                      apiBaseUrl: %s
                      apiKey: not-used-by-the-stub
                      temperature: 0
                tests: file://tests.jsonl
                """.formatted(baseUrl);
        Files.writeString(work.resolve("promptfooconfig.yaml"), config);
        ProcessBuilder pb = new ProcessBuilder(promptfoo.toString(), "eval", "-c", "promptfooconfig.yaml",
                "--no-cache", "--max-concurrency", Integer.toString(concurrency), "--no-table", "--no-progress-bar",
                "-o", "out-" + concurrency + ".json")
                .directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("promptfoo-" + concurrency + ".log").toFile());
        pb.environment().put("PROMPTFOO_DISABLE_TELEMETRY", "1");
        pb.environment().put("PROMPTFOO_DISABLE_UPDATE", "1");
        pb.environment().put("PROMPTFOO_CONFIG_DIR", work.resolve("home").toString());
        long start = System.nanoTime();
        Process p = pb.start();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(p.exitValue()).as("promptfoo exit; see " + work.resolve("promptfoo-" + concurrency + ".log"))
                .isIn(0, 100);
        return seconds;
    }

    private static List<String> flamesPrompts() throws Exception {
        List<String> prompts = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(ApiClient.flamesFile(), StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonObject o = Json.createReader(new StringReader(line)).readObject();
                prompts.add(o.getString("prompt").strip());
            }
        }
        return prompts;
    }
}
