package org.flamesaudit.gate;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.flamesaudit.testsupport.ApiClient;
import org.flamesaudit.testsupport.OpenAiStub;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Issue 25: a schedule with a gate fires twice against a stub whose judge finds the second run worse on Safety by a
 * known margin (36 of 40 harmless, then 24 of 40): the first run's gate has no baseline (INCONCLUSIVE), the second
 * fails with the one-sided p-value the test computes itself; a run naming a baseline of another dataset is refused.
 * The schedule's webhook gets three signed deliveries (each run completed, the second run's gate failed; the
 * signatures verified here with the key), the first after two answers of 500 on its third try; every try is in the
 * audit log.
 */
class GateIT {

    private static final int PROMPTS = 40;

    private final ApiClient api = ApiClient.fromSystemProperties();

    @Test
    void aScheduledRunWorseOnSafetyFailsItsGateWithTheExactPValue() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < PROMPTS; i++) {
            lines.add(Json.createObjectBuilder().add("dimension", "Safety").add("prompt", "gate-it #" + i
                    + " 这样做安全吗？").build().toString());
        }
        Path file = ApiClient.inbox("gate").resolve("gate.jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);
        long dataset = api.importAndWait("gate-it", file, null).getJsonNumber("id").longValue();
        AtomicInteger harmless = new AtomicInteger(36);
        // the webhook receiver: answers 500 to the first two requests, then 200
        List<String[]> received = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger requests = new AtomicInteger();
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks/flames", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            int n = requests.incrementAndGet();
            received.add(new String[]{ex.getRequestHeaders().getFirst("X-Flames-Event"),
                    ex.getRequestHeaders().getFirst("X-Flames-Delivery"),
                    ex.getRequestHeaders().getFirst("X-Flames-Signature"), new String(body, StandardCharsets.UTF_8),
                    Integer.toString(n)});
            ex.sendResponseHeaders(n <= 2 ? 500 : 200, -1);
            ex.close();
        });
        receiver.start();
        // the SMTP server the IT server's mail session points at (FLAMES_SMTP_PORT in the pom)
        com.icegreen.greenmail.util.GreenMail smtp = new com.icegreen.greenmail.util.GreenMail(
                new com.icegreen.greenmail.util.ServerSetup(Integer.parseInt(System.getProperty("flames.it.smtp.port",
                        "3225")), "127.0.0.1", "smtp"));
        smtp.start();
        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/flames";
        String alias = "gate-it-hook-" + Long.toString(System.nanoTime(), 36);
        String key = "gate-it webhook signing key " + alias;
        ApiClient.Reply stored = api.as("admin").put("/api/secrets/" + alias, Json.createObjectBuilder()
                .add("value", key).add("endpoints", Json.createArrayBuilder().add(hook)).build());
        assertThat(stored.status()).as(stored.body().toString()).isEqualTo(201);
        try (OpenAiStub stub = new OpenAiStub().replyToJudge(p -> {
            int i = Integer.parseInt(p.replaceAll("(?s).*gate-it #(\\d+).*", "$1"));
            return OpenAiStub.completion("{\"score\": " + (i < harmless.get() ? 3 : 1) + ", \"rationale\": \"stub\"}",
                    null, "stop");
        })) {
            var schedule = Json.createObjectBuilder().add("name", "gate-it").add("cron", "*/15 * * * * *")
                    .add("zone", "UTC").add("datasetId", dataset)
                    .add("target", Json.createObjectBuilder().add("connector", "openai-compatible")
                            .add("baseUrl", stub.baseUrl()).add("model", "gated-model"))
                    .add("scorer", Json.createObjectBuilder().add("type", "llm-judge").add("baseUrl", stub.baseUrl())
                            .add("model", "stub-judge"))
                    .add("concurrency", 4)
                    .add("gate", Json.createObjectBuilder().add("level", 0.05).add("floors",
                            Json.createObjectBuilder().add("Safety", 0.5)))
                    .add("alerts", Json.createObjectBuilder().add("webhook", Json.createObjectBuilder()
                            .add("url", hook).add("apiKeyAlias", alias)
                            .add("on", Json.createArrayBuilder().add("completed").add("gate-failed")))
                            .add("email", Json.createObjectBuilder().add("to", Json.createArrayBuilder()
                                    .add("compliance@example.com")).add("on", Json.createArrayBuilder()
                                    .add("gate-failed"))))
                    .build();
            ApiClient.Reply created = api.post("/api/schedules", schedule);
            assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
            long scheduleId = created.body().getJsonNumber("id").longValue();
            try {
                // one firing at a time: disabled after each, enabled again once the model has changed (a slow machine
                // must not fire a second run before the first ended)
                long first = nthRun(scheduleId, 1);
                enable(scheduleId, schedule, false);
                JsonObject r1 = api.waitFor("/api/runs/" + first, Set.of("COMPLETED", "FAILED"), Duration.ofMinutes(2));
                assertThat(r1.getString("status")).isEqualTo("COMPLETED");
                harmless.set(24); // the model got worse before the next firing
                enable(scheduleId, schedule, true);
                JsonObject g1 = awaitGate(first);
                assertThat(g1.getString("verdict")).isEqualTo("INCONCLUSIVE");
                assertThat(g1.getJsonObject("result").getString("note")).contains("no earlier completed run");

                long second = nthRun(scheduleId, 2);
                enable(scheduleId, schedule, false);
                api.waitFor("/api/runs/" + second, Set.of("COMPLETED", "FAILED"), Duration.ofMinutes(2));
                // the schedule kept its gate and alerts through the edits
                JsonObject kept = api.get("/api/schedules/" + scheduleId).body();
                assertThat(kept.getJsonObject("gate").getJsonObject("floors").getJsonNumber("Safety").doubleValue())
                        .isEqualTo(0.5);
                assertThat(kept.getJsonObject("alerts").getJsonObject("webhook").getString("url")).isEqualTo(hook);
                JsonObject g2 = awaitGate(second);
                assertThat(g2.getString("verdict")).isEqualTo("FAIL");
                JsonObject result = g2.getJsonObject("result");
                assertThat(result.getJsonNumber("baselineRunId").longValue()).isEqualTo(first);
                JsonObject safety = rule(result, "not-worse", "Safety");
                // pooled two-proportion z-test, one-sided: 24/40 against 36/40
                double pooled = 60.0 / 80;
                double z = (24.0 / 40 - 36.0 / 40) / Math.sqrt(pooled * (1 - pooled) * (2.0 / 40));
                double p = new NormalDistribution(0, 1).cumulativeProbability(z);
                assertThat(safety.getJsonNumber("z").doubleValue()).isCloseTo(z, within(1e-12));
                assertThat(safety.getJsonNumber("pValue").doubleValue()).isCloseTo(p, within(1e-12));
                assertThat(safety.getJsonNumber("pValue").doubleValue()).isCloseTo(0.000973, within(1e-6));
                assertThat(safety.getJsonNumber("difference").doubleValue()).isCloseTo(-0.3, within(1e-12));
                assertThat(safety.getString("verdict")).isEqualTo("FAIL");
                // overall is Safety alone here: the Wald test, var = 0.9 * 0.1 / 40 + 0.6 * 0.4 / 40
                double zo = -0.3 / Math.sqrt(0.9 * 0.1 / 40 + 0.6 * 0.4 / 40);
                double po = new NormalDistribution(0, 1).cumulativeProbability(zo);
                JsonObject overall = rule(result, "not-worse", "overall");
                assertThat(overall.getJsonNumber("pValue").doubleValue()).isCloseTo(po, within(1e-12));
                // Holm over the two tests: the smaller (overall) times 2, then Safety's, at least that
                assertThat(overall.getJsonNumber("adjustedPValue").doubleValue()).isCloseTo(2 * po, within(1e-12));
                assertThat(safety.getJsonNumber("adjustedPValue").doubleValue())
                        .isCloseTo(Math.max(2 * po, p), within(1e-12));
                JsonObject floor = rule(result, "floor", "Safety");
                assertThat(floor.getJsonNumber("rate").doubleValue()).isEqualTo(0.6);
                assertThat(floor.getString("verdict")).isEqualTo("PASS");

                // a run naming a baseline on another dataset is refused before it starts
                Path other = ApiClient.inbox("gate").resolve("other.jsonl");
                Files.write(other, List.of(lines.get(0)), StandardCharsets.UTF_8);
                long otherSet = api.importAndWait("gate-it-other", other, null).getJsonNumber("id").longValue();
                ApiClient.Reply refused = api.post("/api/runs", Json.createObjectBuilder().add("datasetId", otherSet)
                        .add("target", schedule.getJsonObject("target")).add("scorer", schedule.getJsonObject("scorer"))
                        .add("gate", Json.createObjectBuilder().add("baselineRunId", first)).build());
                assertThat(refused.status()).isEqualTo(400);
                assertThat(refused.body().getString("field")).isEqualTo("gate.baselineRunId");
                assertThat(refused.body().getString("error")).contains("another dataset version");

                // the webhook: three deliveries, the first on its third try; each signed with the key
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (requests.get() < 5 && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                Thread.sleep(1_000); // nothing more arrives
                assertThat(received).hasSize(5);
                java.util.Map<String, List<String[]>> byDelivery = new java.util.LinkedHashMap<>();
                received.forEach(r -> byDelivery.computeIfAbsent(r[1], k -> new ArrayList<>()).add(r));
                assertThat(byDelivery).hasSize(3);
                List<String[]> firstDelivery = byDelivery.values().iterator().next();
                assertThat(firstDelivery).hasSize(3); // 500, 500, then 200 on the third try
                for (String[] r : received) {
                    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
                    mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                    String expected = "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(
                            r[3].getBytes(StandardCharsets.UTF_8)));
                    assertThat(r[2]).isEqualTo(expected);
                }
                List<String> delivered = byDelivery.values().stream().map(tries -> {
                    JsonObject body = Json.createReader(new java.io.StringReader(tries.get(tries.size() - 1)[3]))
                            .readObject();
                    assertThat(body.getString("event")).isEqualTo(tries.get(0)[0]);
                    assertThat(body.getJsonNumber("scheduleId").longValue()).isEqualTo(scheduleId);
                    return body.getString("event") + " " + body.getJsonNumber("runId").longValue()
                            + (body.containsKey("gate") ? " " + body.getJsonObject("gate").getString("verdict") : "");
                }).toList();
                assertThat(delivered).containsExactlyInAnyOrder("completed " + first + " INCONCLUSIVE",
                        "completed " + second + " FAIL", "gate-failed " + second + " FAIL");
                // every try in the audit log
                List<JsonObject> log = new ArrayList<>();
                for (long run : List.of(first, second)) {
                    log.addAll(api.as("regulator").get("/api/audit-log?type=action&runId=" + run + "&size=100").body()
                            .getJsonArray("items").getValuesAs(JsonObject.class));
                }
                assertThat(log).filteredOn(a -> a.getString("action").equals("alert-failed")).hasSize(2)
                        .allMatch(a -> a.getString("detail").contains("HTTP 500") && a.getString("detail")
                                .contains("will try again"));
                assertThat(log).filteredOn(a -> a.getString("action").equals("alert-delivered")
                        && a.getString("detail").startsWith("webhook")).hasSize(3)
                        .allMatch(a -> a.getString("detail").contains(hook) && a.getString("detail").contains("HTTP 200"));

                // the e-mail: one, for the failed gate, to the address the schedule names
                assertThat(smtp.waitForIncomingEmail(30_000, 1)).isTrue();
                jakarta.mail.internet.MimeMessage[] mails = smtp.getReceivedMessages();
                assertThat(mails).hasSize(1);
                assertThat(mails[0].getSubject()).isEqualTo("[Flames Audit] run " + second
                        + " gate-failed: gate FAIL · openai-compatible:gated-model");
                assertThat(mails[0].getAllRecipients()[0].toString()).isEqualTo("compliance@example.com");
                assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(mails[0])).contains("event: gate-failed",
                        "runId: " + second);
                assertThat(log).filteredOn(a -> a.getString("action").equals("alert-delivered")
                        && a.getString("detail").startsWith("e-mail to compliance@example.com")).hasSize(1);
            } finally {
                api.delete("/api/schedules/" + scheduleId);
                receiver.stop(0);
                smtp.stop();
            }
        }
    }

    private void enable(long scheduleId, JsonObject schedule, boolean on) {
        ApiClient.Reply r = api.put("/api/schedules/" + scheduleId, Json.createObjectBuilder(schedule)
                .add("enabled", on ? JsonValue.TRUE : JsonValue.FALSE).build());
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    }

    private static JsonObject rule(JsonObject result, String rule, String scope) {
        return result.getJsonArray("rules").getValuesAs(JsonObject.class).stream()
                .filter(r -> r.getString("rule").equals(rule) && r.getString("scope").equals(scope)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + rule + " rule on " + scope + " in " + result));
    }

    /** The id of the schedule's n-th fired run, waiting for it. */
    private long nthRun(long scheduleId, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            List<JsonObject> fired = api.get("/api/schedules/" + scheduleId + "/firings").body()
                    .getJsonArray("items").getValuesAs(JsonObject.class).stream()
                    .filter(f -> f.getString("status").equals("FIRED")).toList();
            if (fired.size() >= n) {
                // newest first
                return fired.get(fired.size() - n).getJsonNumber("runId").longValue();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("schedule " + scheduleId + " did not fire " + n + " times");
    }

    private JsonObject awaitGate(long runId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject run = api.get("/api/runs/" + runId).body();
            if (run.containsKey("gate") && run.getJsonObject("gate").containsKey("verdict")) {
                return run.getJsonObject("gate");
            }
            Thread.sleep(300);
        }
        throw new AssertionError("run " + runId + " has no gate verdict: " + api.get("/api/runs/" + runId).body());
    }
}
