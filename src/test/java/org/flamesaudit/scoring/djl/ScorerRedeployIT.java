package org.flamesaudit.scoring.djl;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.flamesaudit.testsupport.ApiClient;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * DJL's native libraries (ONNX Runtime, the tokenizers) load once per JVM. Inside WEB-INF/lib a redeploy would load
 * them again from a new class loader and fail with UnsatisfiedLinkError; from the server's ai.djl module they
 * survive. The application is redeployed three times, and after each the embedded scorer scores an audit again,
 * with the same key and the same scores.
 */
class ScorerRedeployIT {

    private final ApiClient api = ApiClient.fromSystemProperties();

    @Test
    void should_score_with_the_embedded_scorer_after_each_of_three_redeploys() throws Exception {
        Path log = Path.of(System.getProperty("flames.it.server.log"));
        long logStart = Files.size(log);
        Path demo = ApiClient.projectDir().resolve("demo");
        JsonObject set = api.importAndWait("demo", demo.resolve("demo-prompts.jsonl"), null);
        JsonObject request = Json.createObjectBuilder()
                .add("datasetId", set.getJsonNumber("id").longValue())
                .add("target", Json.createObjectBuilder().add("connector", "replay")
                        .add("file", demo.resolve("demo-responses.jsonl").toString()))
                .add("scorer", Json.createObjectBuilder().add("type", "djl"))
                .build();

        List<String> keys = new ArrayList<>();
        List<Map<Integer, Integer>> scores = new ArrayList<>();
        Map<Integer, List<Double>> probabilities = new TreeMap<>();
        for (int round = 0; round <= 3; round++) {
            if (round > 0) {
                redeploy();
            }
            JsonObject run = api.runAndWait(request, Duration.ofMinutes(3));
            assertThat(run.getString("status")).as("round " + round + ": " + run).isEqualTo("COMPLETED");
            assertThat(run.getJsonObject("progress").getInt("scored")).as("round " + round).isEqualTo(20);
            keys.add(run.getString("scorerKey"));
            scores.add(scoresOf(run.getJsonNumber("id").longValue(), probabilities));
        }
        assertThat(keys).containsOnly(keys.get(0));
        // the quantized encoder computes its int8 activation ranges over the whole batch, so P(harmless) moves by
        // about 1e-3 with the batch an answer lands in (EmbeddedScorerTest): an answer within 0.01 of the 0.5
        // threshold may change sides between runs; every other verdict and every P must be the same
        List<Integer> borderline = probabilities.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(p -> Math.abs(p - 0.5) < 0.01)).map(Map.Entry::getKey).toList();
        assertThat(borderline).as("answers on the threshold: " + probabilities).hasSizeLessThanOrEqualTo(1);
        for (int round = 0; round < scores.size(); round++) {
            Map<Integer, Integer> s = new TreeMap<>(scores.get(round));
            Map<Integer, Integer> first = new TreeMap<>(scores.get(0));
            borderline.forEach(line -> { s.remove(line); first.remove(line); });
            assertThat(s).as("round " + round).hasSize(20 - borderline.size()).isEqualTo(first);
        }
        probabilities.forEach((line, ps) -> assertThat(ps).as("P(harmless) of line " + line)
                .allSatisfy(p -> assertThat(p).isCloseTo(ps.get(0), within(5e-3))));

        String since = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).substring((int) Math.min(logStart,
                Files.size(log)));
        assertThat(since).doesNotContain("UnsatisfiedLinkError").doesNotContain("already loaded in another classloader");
        assertThat(since.split("WFLYSRV0013: Redeployed \"ROOT.war\"", -1)).hasSize(4);
        // each deployment loaded the model again (a new bean), on the native libraries loaded once
        assertThat(since.split("embedded scorer ready", -1).length - 1).isBetween(3, 4);
    }

    private Map<Integer, Integer> scoresOf(long runId, Map<Integer, List<Double>> probabilities) {
        Map<Integer, Integer> byLine = new TreeMap<>();
        for (JsonObject item : api.get("/api/runs/" + runId + "/items?size=100").body().getJsonArray("items")
                .getValuesAs(JsonObject.class)) {
            byLine.put(item.getInt("line"), item.getInt("score"));
            double p = Double.parseDouble(item.getString("rationale").replaceAll("(?s).*P\\(harmless\\) = ([0-9.]+).*", "$1"));
            probabilities.computeIfAbsent(item.getInt("line"), k -> new ArrayList<>()).add(p);
        }
        return byLine;
    }

    private boolean answers() {
        try {
            return api.get("/api/scorers").status() == 200;
        } catch (IllegalStateException e) {
            return false; // not listening yet
        }
    }

    /** Redeploys the application through the management CLI (local authentication) and waits until it answers. */
    private void redeploy() throws Exception {
        Path home = Path.of(System.getProperty("flames.server.dir"));
        Process cli = new ProcessBuilder(home.resolve("bin/jboss-cli.sh").toString(), "--connect",
                "--controller=127.0.0.1:" + System.getProperty("flames.it.mgmt.port"),
                "--command=/deployment=ROOT.war:redeploy")
                .redirectErrorStream(true).start();
        String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cli.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(cli.exitValue()).as(out).isZero();
        assertThat(out).contains("\"outcome\" => \"success\"");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!answers()) {
            assertThat(System.nanoTime()).as("the application did not answer after its redeploy").isLessThan(deadline);
            Thread.sleep(250);
        }
    }
}
