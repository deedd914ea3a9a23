package org.flamesaudit.audit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.flamesaudit.testsupport.ApiClient;
import org.flamesaudit.testsupport.OpenAiStub;
import org.flamesaudit.testsupport.ServerProcess;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One 1,000-prompt audit, its server killed with SIGKILL at five points - just after the job started, early in
 * generation, in the middle of generation, in the middle of scoring, and right after the last score (aggregation and
 * reports) - and started and restarted after each: it completes with exactly 1,000 responses and 1,000 scores, no
 * duplicate, and the stub answered each prompt (and the judge each answer) once more at most for each kill that
 * caught its call in flight. A 60,000-line import in flight at the first kill (and maybe later ones) is resumed by the
 * restarted server after the last line it had stored and ends READY with every line exactly once. (It was two tests;
 * the second, CrashRestartIT, repeated the mid-generation kill.)
 */
class CrashPointsIT {

    private static final int CONCURRENCY = 4;

    record KillPoint(String name, Predicate<JsonObject> reached) {
    }

    @Test
    void should_complete_exactly_once_after_kills_at_five_points() throws Exception {
        Path serverHome = Path.of(System.getProperty("flames.server.dir", "target/server"));
        Path base = serverHome.getParent().resolve("crash-points-server");
        List<KillPoint> points = List.of(
                new KillPoint("job started", p -> true),
                new KillPoint("early generation", p -> p.getInt("generated") >= 50),
                new KillPoint("mid generation", p -> p.getInt("generated") >= 500),
                new KillPoint("mid scoring", p -> p.getInt("scored") + p.getInt("unscorable") >= 500),
                new KillPoint("after the last score", p -> p.getInt("scored") + p.getInt("unscorable") >= 1000));
        try (OpenAiStub stub = new OpenAiStub().latencyMs(20);
             ServerProcess server = new ServerProcess(serverHome, base, 500).nodeName("crash-points-node")
                     .prepareFreshBaseDir()) {
            server.start(Duration.ofMinutes(3));
            ApiClient api = new ApiClient(server.baseUrl());
            long datasetId = api.importAndWait("flames-1k", ApiClient.flamesFile(), null).getJsonNumber("id").longValue();
            JsonObject request = Json.createObjectBuilder().add("datasetId", datasetId)
                    .add("target", Json.createObjectBuilder().add("connector", "openai-compatible")
                            .add("baseUrl", stub.baseUrl()).add("model", "crash-target"))
                    .add("scorer", Json.createObjectBuilder().add("type", "llm-judge").add("baseUrl", stub.baseUrl())
                            .add("model", "crash-judge").add("batchSize", 8))
                    .add("concurrency", CONCURRENCY).build();
            ApiClient.Reply created = api.post("/api/runs", request);
            assertThat(created.status()).isEqualTo(202);
            long runId = created.body().getJsonNumber("id").longValue();

            // a large import that the first kill interrupts too
            Path big = ApiClient.inbox("crash-import").resolve("big-import.jsonl");
            StringBuilder bigLines = new StringBuilder();
            for (int i = 1; i <= 60_000; i++) {
                bigLines.append("{\"dimension\":\"Safety\",\"subcomponent\":\"Physical harm\",\"prompt\":\"第")
                        .append(i).append("条 crash import\"}\n");
            }
            java.nio.file.Files.writeString(big, bigLines);
            JsonObject bigRequest = Json.createObjectBuilder().add("name", "big").add("source", big.toString()).build();
            ApiClient.Reply bigImport = api.post("/api/datasets", bigRequest);
            assertThat(bigImport.status()).isEqualTo(202);
            long bigId = bigImport.body().getJsonNumber("id").longValue();

            List<String> killedAt = new ArrayList<>();
            for (KillPoint point : points) {
                JsonObject progress = waitUntil(api, runId, point.reached());
                server.kill();
                killedAt.add(point.name() + " " + progress);
                server.start(Duration.ofMinutes(3));
                if (killedAt.size() == 1) {
                    // the import the kill interrupted goes on by itself after the restart
                    JsonObject interrupted = api.get("/api/datasets/" + bigId).body();
                    assertThat(interrupted.getString("status")).as(interrupted.toString()).isIn("IMPORTING", "READY");
                }
                JsonObject after = api.get("/api/runs/" + runId).body();
                if (!after.getString("status").equals("COMPLETED")) {
                    assertThat(after.getString("status")).as(point.name()).isEqualTo("FAILED");
                    assertThat(after.getString("error")).contains("/restart");
                    ApiClient.Reply restarted = api.post("/api/runs/" + runId + "/restart", "");
                    assertThat(restarted.status()).as(point.name() + ": " + restarted.body()).isEqualTo(202);
                }
            }
            JsonObject done = api.waitFor("/api/runs/" + runId, Set.of("COMPLETED", "FAILED", "STOPPED"),
                    Duration.ofMinutes(5));
            assertThat(done.getString("status")).as(done + " after kills at " + killedAt).isEqualTo("COMPLETED");
            JsonObject p = done.getJsonObject("progress");
            assertThat(p.getInt("generated")).isEqualTo(1000);
            assertThat(p.getInt("failed")).isZero();
            assertThat(p.getInt("scored") + p.getInt("unscorable")).isEqualTo(1000);
            JsonObject items = api.get("/api/runs/" + runId + "/items?size=1000").body();
            assertThat(items.getInt("total")).isEqualTo(1000);
            Set<Integer> lines = new HashSet<>();
            items.getJsonArray("items").forEach(v -> lines.add(v.asJsonObject().getInt("line")));
            assertThat(lines).hasSize(1000);
            assertThat(api.get("/api/runs/" + runId + "/metrics").body().getBoolean("final")).isTrue();

            // answers lost with a killed JVM are asked again: at most the calls in flight at each kill
            assertThat(stub.targetCallsByPrompt()).hasSize(1000);
            int targetCalls = stub.targetCallsByPrompt().values().stream().mapToInt(AtomicInteger::get).sum();
            int judgeCalls = stub.judgeCallsByPrompt().values().stream().mapToInt(AtomicInteger::get).sum();
            System.out.printf("[crash-points] kills: %s%n[crash-points] target calls %d (repeated %d), judge calls %d"
                    + " (repeated %d)%n", killedAt, targetCalls, targetCalls - 1000, judgeCalls, judgeCalls - 1000);
            assertThat(targetCalls).isBetween(1000, 1000 + points.size() * CONCURRENCY);
            // judge verdicts are committed one by one (issue 20, item 11): a kill repeats only the calls in flight, not
            // the rest of each partition's chunk of 8
            assertThat(judgeCalls).isBetween(1000, 1000 + points.size() * CONCURRENCY);

            // the interrupted import resumed after the last line it had stored (issue 20, item 3): every line once,
            // none lost (a line stored twice would break the set's unique line numbers and fail the import)
            JsonObject resumed = api.waitFor("/api/datasets/" + bigId, Set.of("READY", "FAILED"), Duration.ofMinutes(5));
            assertThat(resumed.getString("status")).as(resumed.toString()).isEqualTo("READY");
            assertThat(resumed.getInt("promptCount")).isEqualTo(60_000);
            assertThat(resumed.getInt("rejectedCount")).isZero();
            String log = java.nio.file.Files.readString(base.resolve("log/server.log"));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("import of dataset " + bigId + " was interrupted by "
                    + "a server stop; resumed as job execution \\d+ after line (\\d+)").matcher(log);
            List<Long> resumedAfter = new ArrayList<>();
            while (m.find()) {
                resumedAfter.add(Long.parseLong(m.group(1)));
            }
            System.out.printf("[crash-points] the import resumed after lines %s of 60000%n", resumedAfter);
            assertThat(resumedAfter).as("resumed after each kill that caught it, going forward").isNotEmpty()
                    .isSorted();
            ApiClient.Reply again = api.post("/api/datasets", bigRequest);
            assertThat(again.status()).as("the same bytes are found, not imported again").isEqualTo(200);
        }
    }

    private static JsonObject waitUntil(ApiClient api, long runId, Predicate<JsonObject> reached) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject run = api.get("/api/runs/" + runId).body();
            if (run.getString("status").equals("RUNNING") && reached.test(run.getJsonObject("progress"))) {
                return run.getJsonObject("progress");
            }
            if (run.getString("status").equals("COMPLETED")) {
                return run.getJsonObject("progress");
            }
            Thread.sleep(50);
        }
        throw new AssertionError("run " + runId + " did not reach the kill point in 3 minutes");
    }
}
