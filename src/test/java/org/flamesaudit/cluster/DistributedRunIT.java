package org.flamesaudit.cluster;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.flamesaudit.testsupport.ApiClient;
import org.flamesaudit.testsupport.OpenAiStub;
import org.flamesaudit.testsupport.RunRequests;
import org.flamesaudit.testsupport.ServerProcess;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scale-out on the broker and the shared database. On one node, a distributed run's partitions make the round trip
 * through the broker and the run completes like any other. On PostgreSQL a second node (its own JVM, port offset
 * 600) joins the IT server: one Flames-1k audit started on the IT server is split across both nodes with exactly
 * one answer per prompt and one model call per prompt, two ordinary audits run at the same time, one per node, and
 * a distributed run that halts is restarted and completes on both nodes.
 */
class DistributedRunIT {

    private static final String SECOND_NODE = "cluster-it-node";

    @Test
    void should_complete_a_distributed_run_through_the_broker_on_one_node() throws Exception {
        ApiClient api = ApiClient.fromSystemProperties();
        try (OpenAiStub stub = new OpenAiStub()) {
            long datasetId = api.importAndWait("flames-1k", ApiClient.flamesFile(), null).getJsonNumber("id").longValue();
            JsonObject done = api.runAndWait(request(datasetId, stub, 6, true, 300), Duration.ofMinutes(5));
            assertThat(done.getString("status")).as(done.toString()).isEqualTo("COMPLETED");
            assertThat(done.getBoolean("distributed")).isTrue();
            assertOneAnswerPerPrompt(api, done, 300);
            assertThat(stub.targetCallsByPrompt()).hasSize(300);
            assertThat(stub.targetCallsByPrompt().values()).allMatch(c -> c.get() == 1);
        }
    }

    @Test
    void should_stop_the_partitions_on_their_workers_and_restart_with_no_duplicate() throws Exception {
        ApiClient api = ApiClient.fromSystemProperties();
        try (OpenAiStub stub = new OpenAiStub().latencyMs(50)) {
            long datasetId = api.importAndWait("flames-1k", ApiClient.flamesFile(), null).getJsonNumber("id").longValue();
            long runId = submit(api, request(datasetId, stub, 4, true, 400));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            int generated = 0;
            while (generated < 60 && System.nanoTime() < deadline) {
                Thread.sleep(100);
                generated = api.get("/api/runs/" + runId).body().getJsonObject("progress").getInt("generated");
            }
            assertThat(api.post("/api/runs/" + runId + "/stop", "").status()).isEqualTo(202);
            JsonObject stopped = api.waitFor("/api/runs/" + runId, Set.of("STOPPED", "FAILED", "COMPLETED"),
                    Duration.ofMinutes(2));
            assertThat(stopped.getString("status")).as(stopped.toString()).isEqualTo("STOPPED");
            int atStop = stopped.getJsonObject("progress").getInt("generated");
            assertThat(atStop).isBetween(60, 399);
            int callsAtStop = stub.targetAttempts();

            assertThat(api.post("/api/runs/" + runId + "/restart", "").status()).isEqualTo(202);
            JsonObject done = api.waitFor("/api/runs/" + runId, Set.of("COMPLETED", "FAILED", "STOPPED"),
                    Duration.ofMinutes(3));
            assertThat(done.getString("status")).as(done.toString()).isEqualTo("COMPLETED");
            assertOneAnswerPerPrompt(api, done, 400);
            // the restart asked only for what was missing
            assertThat(stub.targetAttempts() - callsAtStop).isEqualTo(400 - atStop);
            assertThat(stub.targetCallsByPrompt()).hasSize(400);
            assertThat(stub.targetCallsByPrompt().values()).allMatch(c -> c.get() == 1);
        }
    }

    @Test
    void should_refuse_a_distributed_run_with_a_clear_message_when_asked_wrongly() {
        ApiClient api = ApiClient.fromSystemProperties();
        ApiClient.Reply r = api.post("/api/runs", "{\"datasetId\": 1, \"target\": {\"connector\": \"replay\"},"
                + " \"distributed\": \"yes\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().toString()).contains("distributed");
    }

    @Test
    void should_split_one_audit_across_two_nodes_and_run_different_audits_on_different_nodes() throws Exception {
        Assumptions.assumeTrue("postgresql".equals(System.getProperty("flames.db")),
                "two nodes need one shared database: runs with -Dflames.db=postgresql (.ci/run)");
        ApiClient api = ApiClient.fromSystemProperties();
        Path serverHome = Path.of(System.getProperty("flames.server.dir", "target/server"));
        try (OpenAiStub stub = new OpenAiStub().latencyMs(20);
             ServerProcess second = new ServerProcess(serverHome, serverHome.getParent().resolve("cluster-it-server"), 600)
                     .nodeName(SECOND_NODE)
                     // the broker the IT server uses (started by the build) is the cluster's broker
                     .env("FLAMES_BROKER_URL", System.getProperty("flames.it.broker.url"))
                     .env("FLAMES_BROKER_PASSWORD", "flames-node-demo")
                     .prepareFreshBaseDir()) {
            second.start(Duration.ofMinutes(3));
            ApiClient secondApi = new ApiClient(second.baseUrl());
            long datasetId = api.importAndWait("flames-1k", ApiClient.flamesFile(), null).getJsonNumber("id").longValue();

            // one audit, started on the IT server, split across both nodes
            JsonObject done = api.runAndWait(request(datasetId, stub, 8, true, null), Duration.ofMinutes(8));
            assertThat(done.getString("status")).as(done.toString()).isEqualTo("COMPLETED");
            assertThat(done.getString("node")).isNotEqualTo(SECOND_NODE);
            Map<String, Integer> answersByNode = assertOneAnswerPerPrompt(api, done, 1000);
            assertThat(answersByNode).as("answers per node").hasSize(2).containsKey(SECOND_NODE);
            assertThat(answersByNode.values()).allMatch(n -> n >= 100);
            assertThat(stub.targetCallsByPrompt()).hasSize(1000);
            assertThat(stub.targetCallsByPrompt().values()).allMatch(c -> c.get() == 1);
            assertThat(done.getJsonObject("progress").getInt("scored") + done.getJsonObject("progress")
                    .getInt("unscorable")).isEqualTo(1000);
            System.out.println("distributed run " + done.getInt("id") + ": answers per node " + answersByNode);

            // two ordinary audits at the same time, one started on each node, each run by its own node
            long onFirst = submit(api, request(datasetId, stub, 4, false, 200));
            long onSecond = submit(secondApi, request(datasetId, stub, 4, false, 200));
            JsonObject first = api.waitFor("/api/runs/" + onFirst, Set.of("COMPLETED", "FAILED"), Duration.ofMinutes(5));
            JsonObject other = api.waitFor("/api/runs/" + onSecond, Set.of("COMPLETED", "FAILED"), Duration.ofMinutes(5));
            assertThat(first.getString("status")).isEqualTo("COMPLETED");
            assertThat(other.getString("status")).isEqualTo("COMPLETED");
            assertThat(other.getString("node")).isEqualTo(SECOND_NODE);
            assertThat(first.getString("node")).isNotEqualTo(SECOND_NODE);
            assertThat(assertOneAnswerPerPrompt(api, first, 200)).containsOnlyKeys(first.getString("node"));
            assertThat(assertOneAnswerPerPrompt(api, other, 200)).containsOnlyKeys(SECOND_NODE);
            // their times overlapped
            assertThat(java.time.Instant.parse(first.getString("startedAt")))
                    .isBefore(java.time.Instant.parse(other.getString("finishedAt")));
            assertThat(java.time.Instant.parse(other.getString("startedAt")))
                    .isBefore(java.time.Instant.parse(first.getString("finishedAt")));

            haltAndRestartAcrossBothNodes(api, datasetId);
            // a clean stop: a node killed with SIGKILL keeps its place on the broker's queue until the broker notices
            // (connection TTL, 60 s), and the partitions it was handed meanwhile wait that long
            second.stop(Duration.ofMinutes(1));
        }
    }

    /**
     * A distributed run whose every call is refused (401) halts with the reason; once the provider answers again, a
     * restart completes it on both nodes with one call per prompt. Each node builds its connector and breakers again
     * for the restart: a worker that kept its open breaker (or an old key) would fail its partitions at once.
     */
    private static void haltAndRestartAcrossBothNodes(ApiClient api, long datasetId) throws Exception {
        try (OpenAiStub stub = new OpenAiStub().latencyMs(20)
                .failAllTargetCalls(401, "{\"error\":{\"message\":\"Incorrect API key provided\"}}")) {
            long runId = submit(api, request(datasetId, stub, 8, true, 300));
            JsonObject halted = api.waitFor("/api/runs/" + runId, Set.of("STOPPED", "FAILED", "COMPLETED"),
                    Duration.ofMinutes(3));
            assertThat(halted.getString("status")).as(halted.toString()).isEqualTo("STOPPED");
            assertThat(halted.getString("error")).as(halted.toString()).startsWith("halted: the model under test")
                    .contains("HTTP 401");
            assertThat(halted.getJsonObject("progress").getInt("generated")).isZero();
            int refused = stub.targetAttempts();
            assertThat(refused).as("one refused call per partition at most, no retry").isBetween(1, 8);

            stub.failAllTargetCalls(0, null);
            assertThat(api.post("/api/runs/" + runId + "/restart", "").status()).isEqualTo(202);
            JsonObject done = api.waitFor("/api/runs/" + runId, Set.of("COMPLETED", "FAILED", "STOPPED"),
                    Duration.ofMinutes(5));
            assertThat(done.getString("status")).as(done.toString()).isEqualTo("COMPLETED");
            Map<String, Integer> byNode = assertOneAnswerPerPrompt(api, done, 300);
            assertThat(byNode).as("answers per node after the restart").hasSize(2).containsKey(SECOND_NODE);
            assertThat(stub.targetAttempts() - refused).isEqualTo(300);
            System.out.println("halted distributed run " + runId + " restarted: answers per node " + byNode);
        }
    }

    private static long submit(ApiClient api, JsonObject request) {
        ApiClient.Reply r = api.post("/api/runs", request);
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(202);
        return r.body().getJsonNumber("id").longValue();
    }

    /** Every prompt in scope has exactly one answer, and none failed; returns the number of answers per node. */
    private static Map<String, Integer> assertOneAnswerPerPrompt(ApiClient api, JsonObject run, int expected) {
        JsonObject items = api.get("/api/runs/" + run.getInt("id") + "/items?size=1000").body();
        assertThat(items.getInt("total")).isEqualTo(expected);
        Set<Integer> lines = new HashSet<>();
        Map<String, Integer> byNode = new HashMap<>();
        for (JsonValue v : items.getJsonArray("items")) {
            JsonObject item = v.asJsonObject();
            lines.add(item.getInt("line"));
            assertThat(item.containsKey("error")).as(item.toString()).isFalse();
            byNode.merge(item.getString("node"), 1, Integer::sum);
        }
        assertThat(lines).hasSize(expected);
        assertThat(run.getJsonObject("progress").getInt("generated")).isEqualTo(expected);
        return byNode;
    }

    private static JsonObject request(long datasetId, OpenAiStub stub, int concurrency, boolean distributed,
                                      Integer limit) {
        var b = RunRequests.againstStubs(datasetId, stub, "stub-target", stub, concurrency)
                .add("distributed", distributed);
        if (limit != null) {
            b.add("limit", limit);
        }
        return b.build();
    }
}
