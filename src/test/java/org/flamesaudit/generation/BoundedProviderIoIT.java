package org.flamesaudit.generation;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.flamesaudit.testsupport.ApiClient;
import org.flamesaudit.testsupport.OpenAiStub;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20, items 1, 2 and 5, against the provisioned server: a provider that answers 50 MB bodies, one that drips its
 * body a byte at a time, one that stalls after the headers; the server keeps answering other requests within a
 * second throughout, each such call fails with its reason, a stop ends stalled calls at once, and four simultaneous
 * restarts start one job.
 */
class BoundedProviderIoIT {

    private final ApiClient api = ApiClient.fromSystemProperties();
    private static long datasetId;

    @BeforeAll
    static void importDemo() {
        datasetId = ApiClient.fromSystemProperties().importAndWait("demo",
                ApiClient.projectDir().resolve("demo/demo-prompts.jsonl"), null).getJsonNumber("id").longValue();
    }

    /** A provider that answers badly on purpose: huge bodies, dripped bodies, or headers and then nothing. */
    static final class HostileProvider implements AutoCloseable {
        enum Mode { HUGE, DRIP, STALL }

        private final HttpServer server;
        private final AtomicInteger requests = new AtomicInteger();

        HostileProvider(Mode mode) throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            server.createContext("/", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    requests.incrementAndGet();
                    answer(exchange, mode);
                } catch (Exception e) {
                    // the server under test hung up: what a bounded client does
                }
            });
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
        }

        private static void answer(HttpExchange exchange, Mode mode) throws Exception {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            switch (mode) {
                case HUGE -> {
                    out.write("{\"choices\":[{\"message\":{\"content\":\"".getBytes(StandardCharsets.US_ASCII));
                    byte[] mb = "好".repeat(350_000).getBytes(StandardCharsets.UTF_8);
                    for (int i = 0; i < 50; i++) {
                        out.write(mb);
                    }
                    out.write("\"},\"finish_reason\":\"stop\"}]}".getBytes(StandardCharsets.US_ASCII));
                }
                case DRIP -> {
                    for (byte b : "{\"choices\":[{\"message\":{\"content\":\"慢\"},\"finish_reason\":\"stop\"}]}"
                            .getBytes(StandardCharsets.UTF_8)) {
                        out.write(b);
                        out.flush();
                        Thread.sleep(1000);
                    }
                }
                case STALL -> {
                    out.flush();
                    Thread.sleep(600_000);
                }
            }
            out.close();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
        }

        int requests() {
            return requests.get();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private JsonObject request(String baseUrl, int limit, int timeoutSeconds) {
        return Json.createObjectBuilder().add("datasetId", datasetId).add("limit", limit).add("concurrency", limit)
                .add("target", Json.createObjectBuilder().add("connector", "openai-compatible").add("baseUrl", baseUrl)
                        .add("model", "hostile").add("maxAttempts", 1).add("timeoutSeconds", timeoutSeconds))
                .add("scorer", Json.createObjectBuilder().add("type", "imported")
                        .add("file", ApiClient.projectDir().resolve("demo/demo-scores.jsonl").toString()))
                .build();
    }

    /** Polls a cheap endpoint every 200 ms while {@code work} runs; returns the slowest answer's milliseconds. */
    private long slowestAnswerDuring(Callable<JsonObject> work, List<JsonObject> result) throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<Long> poller = pool.submit(() -> {
            long slowest = 0;
            while (!done.get()) {
                long t0 = System.nanoTime();
                assertThat(api.get("/api/datasets").status()).isEqualTo(200);
                slowest = Math.max(slowest, (System.nanoTime() - t0) / 1_000_000);
                Thread.sleep(200);
            }
            return slowest;
        });
        try {
            result.add(work.call());
        } finally {
            done.set(true);
        }
        long slowest = poller.get();
        pool.shutdown();
        return slowest;
    }

    @Test
    void fiftyMegabyteAnswersFailTheirAttemptAndTheServerKeepsAnswering() throws Exception {
        try (HostileProvider huge = new HostileProvider(HostileProvider.Mode.HUGE)) {
            List<JsonObject> runs = new ArrayList<>();
            long slowest = slowestAnswerDuring(() -> api.runAndWait(request(huge.baseUrl(), 8, 60),
                    Duration.ofMinutes(3)), runs);
            JsonObject run = runs.get(0);
            // all 8 prompts failed: the run did not answer anything and may not claim completion
            assertThat(run.getString("status")).as(run.toString()).isEqualTo("FAILED");
            assertThat(run.getString("error")).startsWith("no prompt was answered: all 8 model calls failed");
            assertThat(run.getJsonObject("progress").getInt("failed")).isEqualTo(8);
            assertThat(huge.requests()).isEqualTo(8);
            List<JsonObject> items = api.get("/api/runs/" + run.getJsonNumber("id").longValue() + "/items?size=20")
                    .body().getJsonArray("items").getValuesAs(JsonObject.class);
            assertThat(items).hasSize(8).allSatisfy(i -> {
                assertThat(i.getString("outcome")).isEqualTo("FAILED");
                assertThat(i.getString("error")).contains("is larger than the limit of 4194304 bytes");
            });
            assertThat(slowest).as("slowest other request, ms").isLessThan(1000);
        }
    }

    @Test
    void aDrippedBodyEndsAtTheDeadlineAndAStopEndsStalledCallsAtOnce() throws Exception {
        try (HostileProvider drip = new HostileProvider(HostileProvider.Mode.DRIP)) {
            List<JsonObject> runs = new ArrayList<>();
            long t0 = System.nanoTime();
            long slowest = slowestAnswerDuring(() -> api.runAndWait(request(drip.baseUrl(), 4, 3),
                    Duration.ofMinutes(2)), runs);
            JsonObject run = runs.get(0);
            // every call timed out: nothing was answered, so the run is FAILED, not COMPLETED
            assertThat(run.getString("status")).as(run.toString()).isEqualTo("FAILED");
            assertThat(run.getString("error")).startsWith("no prompt was answered: all 4 model calls failed");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
            List<JsonObject> items = api.get("/api/runs/" + run.getJsonNumber("id").longValue() + "/items?size=20")
                    .body().getJsonArray("items").getValuesAs(JsonObject.class);
            assertThat(items).hasSize(4).allSatisfy(i -> assertThat(i.getString("error"))
                    .contains("timeout after 3 s").contains("had not arrived whole"));
            assertThat(slowest).as("slowest other request, ms").isLessThan(1000);
        }
        try (HostileProvider stall = new HostileProvider(HostileProvider.Mode.STALL)) {
            long id = api.submitRun(request(stall.baseUrl(), 2, 600));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (stall.requests() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(stall.requests()).isEqualTo(2);
            long t0 = System.nanoTime();
            assertThat(api.post("/api/runs/" + id + "/stop", "").status()).isEqualTo(202);
            JsonObject stopped = api.waitFor("/api/runs/" + id, Set.of("STOPPED", "FAILED", "COMPLETED"),
                    Duration.ofSeconds(30));
            assertThat(stopped.getString("status")).as(stopped.toString()).isEqualTo("STOPPED");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
        }
    }

    @Test
    void fourSimultaneousRestartsStartOneJob() throws Exception {
        try (OpenAiStub stub = new OpenAiStub().failAllTargetCalls(401, "{\"error\":{\"message\":\"bad key\"}}")) {
            JsonObject request = Json.createObjectBuilder(request(stub.baseUrl(), 20, 30)).add("concurrency", 4).build();
            JsonObject halted = api.runAndWait(request, Duration.ofMinutes(2));
            assertThat(halted.getString("status")).as(halted.toString()).isEqualTo("STOPPED");
            long id = halted.getJsonNumber("id").longValue();
            stub.failAllTargetCalls(0, null);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<Integer>> answers = new ArrayList<>();
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return api.post("/api/runs/" + id + "/restart", "").status();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : answers) {
                statuses.add(f.get());
            }
            pool.shutdown();
            assertThat(statuses).containsExactlyInAnyOrder(202, 409, 409, 409);
            JsonObject done = api.waitFor("/api/runs/" + id, Set.of("COMPLETED", "FAILED", "STOPPED"),
                    Duration.ofMinutes(2));
            assertThat(done.getString("status")).as(done.toString()).isEqualTo("COMPLETED");
            // every prompt was asked once: no second job paid for it again
            assertThat(stub.targetCallsByPrompt()).hasSize(20);
            assertThat(stub.targetCallsByPrompt().values()).allMatch(c -> c.get() == 1);
        }
    }
}
