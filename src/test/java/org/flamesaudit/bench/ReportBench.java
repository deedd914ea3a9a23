package org.flamesaudit.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.flamesaudit.testsupport.ApiClient;
import org.flamesaudit.testsupport.OpenAiStub;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Report rendering figures, run with {@code mvn -B verify -Pbench}:
 * <ol>
 *   <li>in the server: a Flames-1k audit (1,000 items) on the stub, then its reports rendered three more times
 *       through the {@code flames-report} job; the render times (database read + fill + export) stored with each
 *       rendering are printed;</li>
 *   <li>in child JVMs with a fixed heap, side by side: the XLSX workbook of 100,000 items and the PDF of 1,000 and
 *       100,000 items, with wall time and peak heap ({@link ReportRenderProbe}).</li>
 * </ol>
 * Not a pass/fail timing test: it asserts only that every rendering completed.
 */
class ReportBench {

    @Test
    void report_render_time_and_heap() throws Exception {
        ApiClient api = ApiClient.fromSystemProperties();
        List<String> lines = new ArrayList<>();
        long datasetId = api.importAndWait("flames-1k", ApiClient.flamesFile(), null).getJsonNumber("id").longValue();
        try (OpenAiStub stub = new OpenAiStub()) {
            JsonObject request = Json.createObjectBuilder().add("datasetId", datasetId)
                    .add("target", Json.createObjectBuilder().add("connector", "openai-compatible")
                            .add("baseUrl", stub.baseUrl()).add("model", "bench-report"))
                    .add("scorer", Json.createObjectBuilder().add("type", "llm-judge").add("baseUrl", stub.baseUrl())
                            .add("model", "bench-judge"))
                    .add("concurrency", 32).build();
            JsonObject run = api.runAndWait(request, Duration.ofMinutes(10));
            assertThat(run.getString("status")).isEqualTo("COMPLETED");
            long id = run.getJsonNumber("id").longValue();
            for (int i = 0; i < 3; i++) {
                int before = reports(api, id).size();
                assertThat(api.post("/api/runs/" + id + "/reports", "").status()).isEqualTo(202);
                long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
                while (reports(api, id).size() < before + 2 && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
            }
            lines.add("in-server renderings of a 1,000-item run (newest first; the last pair is the audit job's):");
            for (JsonObject r : reports(api, id)) {
                lines.add(String.format("  %-4s render_ms=%-6d bytes=%d", r.getString("format"),
                        r.getJsonNumber("renderMs").longValue(), r.getJsonNumber("sizeBytes").longValue()));
            }
        }
        lines.add("child JVMs (java " + System.getProperty("java.version") + "):");
        lines.add("  " + probe("-Xmx256m", "xlsx", 100_000));
        lines.add("  " + probe("-Xmx128m", "xlsx", 100_000));
        lines.add("  " + probe("-Xmx256m", "pdf", 1_000));
        lines.add("  " + probe("-Xmx256m", "pdf", 100_000));
        System.out.println("\n=== Report rendering ===");
        lines.forEach(System.out::println);
    }

    private static List<JsonObject> reports(ApiClient api, long runId) {
        return api.get("/api/runs/" + runId + "/reports").body().getJsonArray("items").getValuesAs(JsonObject.class);
    }

    private static String probe(String heap, String format, int items) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), heap, "-Djava.awt.headless=true", "-cp",
                System.getProperty("java.class.path"), ReportRenderProbe.class.getName(), format,
                Integer.toString(items), ApiClient.flamesFile().toString()).redirectErrorStream(true).start();
        String result = null;
        StringBuilder all = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                all.append(line).append('\n');
                if (line.startsWith("format=")) {
                    result = line;
                }
            }
        }
        int rc = p.waitFor();
        assertThat(rc).as(all.toString()).isZero();
        assertThat(result).as(all.toString()).isNotNull();
        return heap + " " + result;
    }
}
