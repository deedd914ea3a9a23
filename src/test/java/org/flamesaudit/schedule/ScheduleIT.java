package org.flamesaudit.schedule;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.flamesaudit.testsupport.ApiClient;
import org.flamesaudit.testsupport.OpenAiStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Schedules over HTTP on the test server (checked every 2 s, 20 s grace): validation naming the field, a firing of the
 * real ticker with a run linked to its schedule, and every change in the audit log with its user. The slot rules
 * (once per slot, missed slots, disabled) are checked against a stepped clock in {@link ScheduleClockContainerIT}.
 */
class ScheduleIT {

    private static OpenAiStub stub;
    private static long datasetId;
    private final ApiClient api = ApiClient.fromSystemProperties();

    @BeforeAll
    static void importFlames() throws Exception {
        stub = new OpenAiStub();
        datasetId = ApiClient.fromSystemProperties().importAndWait("flames-1k", ApiClient.flamesFile(), null)
                .getJsonNumber("id").longValue();
    }

    @AfterAll
    static void stopStub() {
        stub.close();
    }

    static JsonObjectBuilder schedule(String name, String cron, long datasetId, OpenAiStub stub) {
        return Json.createObjectBuilder().add("name", name).add("cron", cron).add("zone", "UTC")
                .add("datasetId", datasetId)
                .add("target", Json.createObjectBuilder().add("connector", "openai-compatible")
                        .add("baseUrl", stub.baseUrl()).add("model", "stub-target"))
                .add("scorer", Json.createObjectBuilder().add("type", "llm-judge").add("baseUrl", stub.baseUrl())
                        .add("model", "stub-judge"))
                .add("concurrency", 2).add("limit", 2);
    }

    @Test
    void should_refuse_a_bad_schedule_naming_the_field() {
        JsonObject good = schedule("bad cases", "0 2 * * *", datasetId, stub).build();
        assertRefused(with(good, "cron", Json.createValue("61 * * * *")), "cron", "is not a valid cron expression");
        assertRefused(with(good, "zone", Json.createValue("Mars/Olympus")), "zone", "is not a time zone");
        assertRefused(with(good, "missedFirings", Json.createValue("twice")), "missedFirings", "run-once");
        assertRefused(with(good, "enabled", Json.createValue("yes")), "enabled", "true or false");
        assertRefused(with(good, "name", JsonValue.NULL), "name", "is required");
        assertRefused(with(good, "datasetId", Json.createValue(999999)), "datasetId", "does not exist");
        assertRefused(with(good, "target", Json.createObjectBuilder(good.getJsonObject("target"))
                .add("apiKeyEnv", "FLAMES_KEY_IT_UNREGISTERED").build()), "target.apiKeyEnv", "has no registered endpoint");
        assertThat(api.get("/api/schedules").body().getJsonArray("items").stream()
                .map(v -> v.asJsonObject().getString("name"))).doesNotContain("bad cases");
    }

    @Test
    void should_fire_each_slot_once_with_a_linked_run_and_stop_when_disabled() throws Exception {
        JsonObject body = schedule("every 10 s", "*/10 * * * * *", datasetId, stub).build();
        ApiClient.Reply created = api.post("/api/schedules", body);
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
        long id = created.body().getJsonNumber("id").longValue();
        assertThat(created.body().getString("createdBy")).isEqualTo("auditor");
        assertThat(created.body().getString("missedFirings")).isEqualTo("run-once");
        assertThat(Instant.parse(created.body().getString("nextSlot")).getEpochSecond() % 10).isZero();

        List<JsonObject> fired = waitForFirings(id, 1, Duration.ofSeconds(60));
        ApiClient.Reply disabled = api.put("/api/schedules/" + id, with(body, "enabled", JsonValue.FALSE));
        assertThat(disabled.status()).as(String.valueOf(disabled.body())).isEqualTo(200);
        assertThat(disabled.body().containsKey("nextSlot")).isFalse();
        Thread.sleep(6_000); // a tick that began before the change may still finish its slot
        JsonObject after = firings(id);
        long settled = after.getJsonNumber("total").longValue();
        // that no slot fires once disabled, and missed slots, are checked against a stepped clock in
        // ScheduleClockContainerIT without waiting for slots to pass

        // one firing per slot: slots on the 10 s grid, all different; every one FIRED, on time, with its own run
        Set<Long> slots = new HashSet<>();
        Set<Long> runIds = new HashSet<>();
        for (JsonValue v : after.getJsonArray("items")) {
            JsonObject f = v.asJsonObject();
            long slot = Instant.parse(f.getString("slot")).getEpochSecond();
            assertThat(slot % 10).isZero();
            assertThat(slots.add(slot)).as("slot " + f).isTrue();
            assertThat(f.getString("status")).as(f.toString()).isEqualTo("FIRED");
            assertThat(f.getInt("missedSlots")).isZero();
            runIds.add(f.getJsonNumber("runId").longValue());
        }
        assertThat(slots).hasSize((int) settled).hasSizeGreaterThanOrEqualTo(fired.size());
        List<Long> linked = new ArrayList<>();
        api.get("/api/schedules/" + id + "/runs").body().getJsonArray("items")
                .forEach(v -> linked.add(v.asJsonObject().getJsonNumber("id").longValue()));
        assertThat(new HashSet<>(linked)).isEqualTo(runIds);
        assertThat(linked).hasSize(runIds.size());
        for (long runId : runIds) {
            JsonObject run = api.waitFor("/api/runs/" + runId, Set.of("COMPLETED", "FAILED"), Duration.ofMinutes(2));
            assertThat(run.getString("status")).as(run.toString()).isEqualTo("COMPLETED");
            assertThat(run.getJsonNumber("scheduleId").longValue()).isEqualTo(id);
            assertThat(run.getJsonObject("progress").getInt("generated")).isEqualTo(2);
        }

        assertThat(api.delete("/api/schedules/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/schedules/" + id).status()).isEqualTo(404);

        // the Envers trail: created, disabled, deleted - each with its user and the fields it changed
        JsonObject log = api.as("regulator").get("/api/audit-log?scheduleId=" + id).body();
        List<JsonObject> entries = log.getJsonArray("items").getValuesAs(JsonObject.class);
        assertThat(entries).extracting(e -> e.getString("action")).containsExactly("deleted", "changed", "created");
        assertThat(entries).extracting(e -> e.getString("user")).containsOnly("auditor");
        assertThat(entries).extracting(e -> e.getString("type")).containsOnly("schedule");
        JsonObject change = entries.get(1).getJsonObject("changes");
        assertThat(change.keySet()).containsExactly("enabled");
        assertThat(change.getJsonObject("enabled").get("old")).isEqualTo(JsonValue.TRUE);
        assertThat(change.getJsonObject("enabled").get("new")).isEqualTo(JsonValue.FALSE);
        JsonObject creation = entries.get(2).getJsonObject("changes");
        assertThat(creation.getJsonObject("cron").getString("new")).isEqualTo("*/10 * * * * *");
        assertThat(creation.getJsonObject("cron").get("old")).isEqualTo(JsonValue.NULL);
        assertThat(entries.get(0).getJsonObject("changes").getJsonObject("deleted").get("new")).isEqualTo(JsonValue.TRUE);
    }

    private List<JsonObject> waitForFirings(long id, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<JsonObject> fired = List.of();
        while (System.nanoTime() < deadline) {
            fired = firings(id).getJsonArray("items").getValuesAs(JsonObject.class).stream()
                    .filter(f -> f.getString("status").equals("FIRED")).toList();
            if (fired.size() >= count) {
                return fired;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("schedule " + id + " fired " + fired.size() + " time(s) in " + timeout + "; "
                + firings(id));
    }

    private JsonObject firings(long id) {
        ApiClient.Reply r = api.get("/api/schedules/" + id + "/firings");
        assertThat(r.status()).isEqualTo(200);
        return r.body();
    }

    private void assertRefused(JsonObject body, String field, String message) {
        ApiClient.Reply r = api.post("/api/schedules", body);
        assertThat(r.status()).as(field + ": " + r.body()).isEqualTo(400);
        assertThat(r.body().getString("field")).isEqualTo(field);
        assertThat(r.body().getString("error")).contains(message);
    }

    static JsonObject with(JsonObject o, String field, JsonValue value) {
        return Json.createObjectBuilder(o).add(field, value).build();
    }
}
