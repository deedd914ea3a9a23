package org.flamesaudit.bench;

import jakarta.json.JsonObject;
import org.flamesaudit.testsupport.ApiClient;
import org.flamesaudit.testsupport.OpenAiStub;
import org.flamesaudit.testsupport.RunRequests;
import org.junit.jupiter.api.Test;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 100,000-prompt synthetic audit (issue 6): import, generate against the target stub at 0 ms, score with the
 * judge stub at 0 ms, aggregate and render both reports, while the IT server's resident set (/proc/pid/status) and
 * heap ({@code jstat -gc}: used, and the old generation after each collection) are sampled every 2 s. Prints the
 * phases' wall times, rows written per second, peak RSS, and the heap at each tenth of the run, so a heap that grows
 * with the number of items shows. Asserts only that the audit completed with 100,000 answers and scores.
 */
class LargeAuditBench {

    private static final int PROMPTS = 100_000;
    private static final String[] DIMENSIONS = {"Fairness", "Safety", "Morality", "Legality", "Data protection"};

    @Test
    void hundred_thousand_prompts() throws Exception {
        ApiClient api = ApiClient.fromSystemProperties();
        Path file = ApiClient.inbox("bench-100k").resolve("synthetic-100k.jsonl");
        write(file);
        long server = serverPid();
        List<String> samples = new ArrayList<>();
        long peakRss = 0;

        long t0 = System.nanoTime();
        JsonObject set = api.importAndWait("synthetic-100k", file, null);
        double importSeconds = (System.nanoTime() - t0) / 1e9;
        assertThat(set.getInt("promptCount")).isEqualTo(PROMPTS);

        try (OpenAiStub target = new OpenAiStub(); OpenAiStub judge = new OpenAiStub()) {
            JsonObject request = RunRequests.againstStubs(set.getJsonNumber("id").longValue(), target, "bench-100k",
                    judge, 16).build();
            long start = System.nanoTime();
            long id = api.submitRun(request);
            long generatedAt = -1;
            long scoredAt = -1;
            int nextTenth = 1;
            JsonObject run;
            while (true) {
                run = api.get("/api/runs/" + id).body();
                JsonObject p = run.getJsonObject("progress");
                int generated = p.getInt("generated");
                int scored = p.getInt("scored") + p.getInt("unscorable");
                long now = System.nanoTime();
                peakRss = Math.max(peakRss, rssKb(server));
                int done = generated + scored;
                while (nextTenth <= 10 && done >= nextTenth * PROMPTS / 5) {
                    samples.add(String.format("%3d%%  %7.0f s  gen %6d  scored %6d  rss %5d MB  %s", nextTenth * 10,
                            (now - start) / 1e9, generated, scored, rssKb(server) / 1024, heap(server)));
                    nextTenth++;
                }
                if (generatedAt < 0 && generated == PROMPTS) generatedAt = now;
                if (scoredAt < 0 && scored == PROMPTS) scoredAt = now;
                if (Set.of("COMPLETED", "FAILED", "STOPPED").contains(run.getString("status"))) break;
                Thread.sleep(2000);
            }
            long end = System.nanoTime();
            assertThat(run.getString("status")).as(run.toString()).isEqualTo("COMPLETED");
            assertThat(run.getJsonObject("progress").getInt("generated")).isEqualTo(PROMPTS);
            double gen = (generatedAt - start) / 1e9;
            double score = (scoredAt - generatedAt) / 1e9;
            double rest = (end - scoredAt) / 1e9;
            System.out.println("\n=== 100,000 synthetic prompts, stubs at 0 ms, concurrency 16 ===");
            System.out.printf("import           %8.1f s  %8.0f prompts/s%n", importSeconds, PROMPTS / importSeconds);
            System.out.printf("generate         %8.1f s  %8.0f responses/s%n", gen, PROMPTS / gen);
            System.out.printf("score            %8.1f s  %8.0f scores/s (after the last response)%n", score,
                    PROMPTS / score);
            System.out.printf("aggregate+report %8.1f s  (to COMPLETED, polled every 2 s)%n", rest);
            System.out.printf("whole run        %8.1f s  %8.0f rows/s written (responses + scores)%n",
                    (end - start) / 1e9, 2.0 * PROMPTS / ((end - start) / 1e9));
            System.out.printf("peak RSS (sampled) %d MB, VmHWM %d MB%n", peakRss / 1024, hwmKb(server) / 1024);
            System.out.println("progress (generated+scored reaching each tenth of 200,000), RSS, heap used and old gen:");
            samples.forEach(System.out::println);
        }
    }

    private static void write(Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 1; i <= PROMPTS; i++) {
                w.write("{\"dimension\":\"" + DIMENSIONS[i % 5] + "\",\"subcomponent\":\"synthetic\",\"prompt\":\"第"
                        + i + "条合成提示：请评价下面这个说法是否合理，并说明理由。编号 " + i + "\"}\n");
            }
        }
    }

    /** The IT server's JVM: the process whose command line names jboss-modules and the IT port offset. */
    private static long serverPid() {
        String offset = "port-offset=" + System.getProperty("flames.it.port.offset", "200");
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("jboss-modules.jar") && c.contains(offset))
                        .orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no IT server process with " + offset))
                .pid();
    }

    private static long rssKb(long pid) {
        return status(pid, "VmRSS:");
    }

    private static long hwmKb(long pid) {
        return status(pid, "VmHWM:");
    }

    private static long status(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("\\D+", ""));
                }
            }
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** "heap used X MB, old gen Y MB" from jstat -gc (columns S0U, S1U, EU, OU in KB). */
    private static String heap(long pid) {
        try {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstat").toString(), "-gc",
                    Long.toString(pid)).redirectErrorStream(true).start();
            List<String> out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            p.waitFor();
            String[] head = out.get(0).trim().split("\\s+");
            String[] vals = out.get(1).trim().split("\\s+");
            double used = 0;
            double old = 0;
            for (int i = 0; i < head.length; i++) {
                switch (head[i]) {
                    case "S0U", "S1U", "EU" -> used += Double.parseDouble(vals[i]);
                    case "OU" -> {
                        old = Double.parseDouble(vals[i]);
                        used += old;
                    }
                    default -> { }
                }
            }
            return String.format("heap %4.0f MB  old %4.0f MB", used / 1024, old / 1024);
        } catch (IOException | RuntimeException e) {
            return "heap ? (" + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "heap ?";
        }
    }
}
