package org.flamesaudit.schedule;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.flamesaudit.testsupport.ApiClient;
import org.flamesaudit.testsupport.OpenAiStub;
import org.flamesaudit.testsupport.ServerProcess;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A schedule across a SIGKILL of its server: two slots 10 s apart; the server is killed after the first fired and
 * started again after the second passed. On its own database (H2) the second slot is missed and handled by policy
 * on restart - run once (late) or skipped - and the first is never fired again. On a shared PostgreSQL the IT
 * server is a second node: it fires the second slot on time while this node is down, and still no slot fires twice.
 * A third schedule, whose key's endpoints the admin changed before the kill, is reported at start-up as refused.
 */
class ScheduleRestartIT {

    @Test
    void should_handle_each_slot_exactly_once_across_a_kill_and_restart() throws Exception {
        boolean otherNodeRunning = "postgresql".equals(System.getProperty("flames.db"));
        Path serverHome = Path.of(System.getProperty("flames.server.dir", "target/server"));
        Path base = serverHome.getParent().resolve("schedule-it-server");
        try (OpenAiStub stub = new OpenAiStub();
             ServerProcess server = new ServerProcess(serverHome, base, 400).nodeName("schedule-it-node")
                     .scheduleGraceSeconds(5).env(KEY_VARIABLE, "sk-restart-it-key").prepareFreshBaseDir()) {
            server.start(Duration.ofMinutes(3));
            ApiClient api = new ApiClient(server.baseUrl());
            long datasetId = api.importAndWait("flames-1k", ApiClient.flamesFile(), null)
                    .getJsonNumber("id").longValue();
            long moved = scheduleWhoseKeyIsMovedAway(api, datasetId, stub);

            // two slots of one minute (the cron names it), 10 s apart, the first 7 s away: time to create both
            // schedules before it, and for the first slot's runs to start (2 s ticks) before the kill; past second 42
            // of a minute both slots cannot fit in it, so the test waits for the next minute (17 s at most)
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC).withNano(0);
            if (now.getSecond() > 42) {
                Thread.sleep(Duration.between(now, now.plusMinutes(1).withSecond(0)).toMillis() + 1000);
                now = ZonedDateTime.now(ZoneOffset.UTC).withNano(0);
            }
            ZonedDateTime first = now.plusSeconds(7);
            ZonedDateTime second = first.plusSeconds(10);
            String cron = first.getSecond() + "," + second.getSecond() + " " + first.getMinute() + " "
                    + first.getHour() + " * * *";
            long runOnce = create(api, ScheduleIT.schedule("run-once", cron, datasetId, stub).build());
            long skip = create(api, ScheduleIT.with(ScheduleIT.schedule("skip", cron, datasetId, stub).build(),
                    "missedFirings", jakarta.json.Json.createValue("skip")));

            waitForFirings(api, runOnce, 1, second.toInstant());
            waitForFirings(api, skip, 1, second.toInstant());
            assertThat(Instant.now()).as("the kill must come before the second slot").isBefore(second.toInstant());
            server.kill();
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), second.toInstant()).toMillis()) + 1000);
            server.start(Duration.ofMinutes(3)); // its first tick is far more than the 5 s grace after the slot

            List<JsonObject> a = waitForFirings(api, runOnce, 2, Instant.now().plusSeconds(30));
            List<JsonObject> b = waitForFirings(api, skip, 2, Instant.now().plusSeconds(30));
            Thread.sleep(5_000); // more ticks: nothing is handled twice
            assertThat(firings(api, runOnce)).hasSize(2);
            assertThat(firings(api, skip)).hasSize(2);

            // newest first: [second, first]
            assertThat(a).extracting(f -> Instant.parse(f.getString("slot")))
                    .containsExactly(second.toInstant(), first.toInstant());
            assertThat(b).extracting(f -> Instant.parse(f.getString("slot")))
                    .containsExactly(second.toInstant(), first.toInstant());
            assertThat(a.get(1).getString("status")).isEqualTo("FIRED");
            assertThat(b.get(1).getString("status")).isEqualTo("FIRED");
            if (otherNodeRunning) {
                // the other node fired the second slot on time for both schedules
                for (JsonObject f : List.of(a.get(0), b.get(0))) {
                    assertThat(f.getString("status")).as(f.toString()).isEqualTo("FIRED");
                    assertThat(f.getString("node")).isNotEqualTo("schedule-it-node");
                    assertThat(Duration.between(second.toInstant(), Instant.parse(f.getString("handledAt"))))
                            .isLessThan(Duration.ofSeconds(5));
                }
            } else {
                assertThat(a.get(0).getString("status")).isEqualTo("FIRED");
                assertThat(a.get(0).getString("node")).isEqualTo("schedule-it-node");
                assertThat(Duration.between(second.toInstant(), Instant.parse(a.get(0).getString("handledAt"))))
                        .isGreaterThan(Duration.ofSeconds(5));
                assertThat(b.get(0).getString("status")).isEqualTo("SKIPPED");
                assertThat(b.get(0).containsKey("runId")).isFalse();
                assertThat(api.get("/api/schedules/" + skip + "/runs").body().getJsonArray("items")).hasSize(1);
            }
            JsonObject late = api.waitFor("/api/runs/" + a.get(0).getJsonNumber("runId").longValue(),
                    Set.of("COMPLETED", "FAILED"), Duration.ofMinutes(2));
            assertThat(late.getString("status")).as(late.toString()).isEqualTo("COMPLETED");
            assertThat(late.getJsonNumber("scheduleId").longValue()).isEqualTo(runOnce);
            assertThat(api.get("/api/schedules/" + runOnce + "/runs").body().getJsonArray("items")).hasSize(2);
            assertThat(api.delete("/api/schedules/" + runOnce).status()).isEqualTo(204);
            assertThat(api.delete("/api/schedules/" + skip).status()).isEqualTo(204);

            String log = Files.readString(base.resolve("log/server.log"));
            assertThat(log).contains("refused by the API-key endpoint rules: schedule " + moved + ": target.baseUrl: "
                    + stub.baseUrl() + " is not an endpoint registered for environment variable " + KEY_VARIABLE);
            assertThat(log).doesNotContain("sk-restart-it-key");
            assertThat(api.delete("/api/schedules/" + moved).status()).isEqualTo(204);
        }
    }

    private static final String KEY_VARIABLE = "FLAMES_KEY_IT_RESTART";

    /**
     * An enabled (yearly) schedule whose target names a key by variable, registered for the stub when the schedule was
     * created and then moved by the admin to another endpoint: from then on the schedule would send the key where its
     * registration no longer allows.
     */
    private static long scheduleWhoseKeyIsMovedAway(ApiClient api, long datasetId, OpenAiStub stub) {
        ApiClient admin = api.as("admin");
        assertThat(admin.put("/api/secrets/env/" + KEY_VARIABLE + "/endpoints", Json.createObjectBuilder()
                .add("endpoints", Json.createArrayBuilder().add(stub.baseUrl())).build()).status()).isIn(200, 201);
        JsonObject body = ScheduleIT.schedule("key moved away", "0 3 1 1 *", datasetId, stub).build();
        long id = create(api, Json.createObjectBuilder(body).add("target", Json.createObjectBuilder(
                body.getJsonObject("target")).add("apiKeyEnv", KEY_VARIABLE)).build());
        assertThat(admin.put("/api/secrets/env/" + KEY_VARIABLE + "/endpoints", Json.createObjectBuilder()
                .add("endpoints", Json.createArrayBuilder().add("https://api.deepseek.com/v1")).build()).status())
                .isEqualTo(200);
        return id;
    }

    private static long create(ApiClient api, JsonObject body) {
        ApiClient.Reply r = api.post("/api/schedules", body);
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(201);
        return r.body().getJsonNumber("id").longValue();
    }

    private static List<JsonObject> firings(ApiClient api, long id) {
        return api.get("/api/schedules/" + id + "/firings").body().getJsonArray("items")
                .getValuesAs(JsonObject.class);
    }

    private static List<JsonObject> waitForFirings(ApiClient api, long id, int count, Instant deadline)
            throws InterruptedException {
        // a CLAIMED firing is still starting its run: wait until it is FIRED, SKIPPED or FAILED
        List<JsonObject> f = firings(api, id);
        while (handled(f) < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            f = firings(api, id);
        }
        assertThat(handled(f)).as("firings of schedule " + id + ": " + f).isGreaterThanOrEqualTo(count);
        return f;
    }

    private static long handled(List<JsonObject> firings) {
        return firings.stream().filter(f -> !f.getString("status").equals("CLAIMED")).count();
    }
}
