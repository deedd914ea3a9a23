package org.flamesaudit.keys;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.flamesaudit.testsupport.ApiClient;
import org.flamesaudit.testsupport.OpenAiStub;
import org.flamesaudit.testsupport.RequestRecorder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attack of issue 17, as a hostile auditor would try it: a run, a schedule or a judge that points a stored key
 * (by alias or by environment variable) at a host of the auditor's choosing. Each is refused with 400 naming the field
 * and the auditor's host receives no request at all; the same keys still reach the endpoints an admin registered.
 */
class KeyEndpointsIT {

    /** In the IT server's environment as FLAMES_KEY_IT_CANARY (pom.xml). */
    private static final String CANARY = System.getProperty("flames.it.canary.key");
    private static final String CANARY_VARIABLE = "FLAMES_KEY_IT_CANARY";

    private final ApiClient api = ApiClient.fromSystemProperties();
    private final ApiClient admin = api.as("admin");
    private static long datasetId;

    @BeforeAll
    static void importDemo() {
        datasetId = ApiClient.fromSystemProperties().importAndWait("demo",
                ApiClient.projectDir().resolve("demo/demo-prompts.jsonl"), null).getJsonNumber("id").longValue();
    }

    @Test
    void aKeyPointedAtAnUnregisteredHostIsRefusedForTargetAndJudgeRunAndScheduleAndTheHostHearsNothing()
            throws Exception {
        String alias = "it-victim-" + Long.toString(System.nanoTime(), 36);
        String stored = CANARY + "-victim";
        try (OpenAiStub registered = new OpenAiStub(); RequestRecorder attacker = new RequestRecorder()) {
            assertThat(admin.put("/api/secrets/" + alias, Json.createObjectBuilder().add("value", stored)
                    .add("endpoints", Json.createArrayBuilder().add(registered.baseUrl())).build()).status())
                    .isEqualTo(201);
            ApiClient.Reply env = admin.put("/api/secrets/env/" + CANARY_VARIABLE + "/endpoints",
                    Json.createObjectBuilder().add("endpoints", Json.createArrayBuilder().add(registered.baseUrl()))
                            .build());
            assertThat(env.status()).as(String.valueOf(env.body())).isIn(200, 201);

            record Attack(String keyField, String keyValue, String faultField, String says) {
            }
            List<Attack> attacks = List.of(
                    new Attack("apiKeyAlias", alias, "baseUrl", "is not an endpoint registered for key alias \""
                            + alias + "\""),
                    new Attack("apiKeyEnv", CANARY_VARIABLE, "baseUrl", "is not an endpoint registered for "
                            + "environment variable " + CANARY_VARIABLE),
                    new Attack("apiKeyEnv", "FLAMES_CREDENTIAL_STORE_PASSWORD", "apiKeyEnv",
                            "part of the server's own configuration"),
                    new Attack("apiKeyEnv", "FLAMES_DB_PASSWORD", "apiKeyEnv", "part of the server's own configuration"),
                    new Attack("apiKeyEnv", "PATH", "apiKeyEnv", "is not a variable the server allows as an API key"));
            int refused = 0;
            for (String side : List.of("target", "scorer")) {
                for (Attack a : attacks) {
                    JsonObject run = pointed(request(registered), side, attacker.baseUrl(), a.keyField(), a.keyValue());
                    String what = side + " " + a.keyField() + "=" + a.keyValue();
                    for (String path : List.of("/api/runs", "/api/schedules")) {
                        JsonObject body = path.equals("/api/runs") ? run : schedule(run, "attack " + what);
                        ApiClient.Reply r = api.post(path, body);
                        assertThat(r.status()).as(path + " " + what + ": " + r.body()).isEqualTo(400);
                        assertThat(r.body().getString("field")).as(what).isEqualTo(side + "." + a.faultField());
                        assertThat(r.body().getString("error")).as(what).contains(a.says)
                                .doesNotContain(stored).doesNotContain(CANARY);
                        refused++;
                    }
                }
            }
            assertThat(refused).isEqualTo(20);

            // a schedule an auditor created against the registered endpoint cannot be moved to another host either
            ApiClient.Reply created = api.post("/api/schedules", schedule(request(registered, alias), "legit"));
            assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
            long scheduleId = created.body().getJsonNumber("id").longValue();
            ApiClient.Reply moved = api.put("/api/schedules/" + scheduleId,
                    schedule(pointed(request(registered, alias), "target", attacker.baseUrl(), "apiKeyAlias", alias),
                            "legit"));
            assertThat(moved.status()).isEqualTo(400);
            assertThat(moved.body().getString("field")).isEqualTo("target.baseUrl");
            assertThat(api.delete("/api/schedules/" + scheduleId).status()).isEqualTo(204);

            // the same keys still reach the endpoint the admin registered, target by alias and judge by variable
            JsonObject legit = Json.createObjectBuilder(request(registered, alias))
                    .add("scorer", Json.createObjectBuilder().add("type", "llm-judge").add("baseUrl", registered.baseUrl())
                            .add("model", "stub-judge").add("apiKeyEnv", CANARY_VARIABLE)).build();
            JsonObject done = api.runAndWait(legit, Duration.ofMinutes(3));
            assertThat(done.getString("status")).as(done.toString()).isEqualTo("COMPLETED");
            assertThat(registered.authorizations()).containsExactlyInAnyOrder("Bearer " + stored, "Bearer " + CANARY);
            assertThat(attacker.requests()).isEmpty();
        } finally {
            admin.delete("/api/secrets/" + alias);
        }
    }

    /** The registered endpoint answers 307 to the attacker's host: the key is never sent after the redirect. */
    @Test
    void aRedirectToAnotherOriginIsNeverFollowedWithTheKey() throws Exception {
        String alias = "it-hop-" + Long.toString(System.nanoTime(), 36);
        String stored = CANARY + "-hop";
        try (OpenAiStub judge = new OpenAiStub(); RequestRecorder attacker = new RequestRecorder();
             RequestRecorder hop = new RequestRecorder().redirectTo(attacker.origin())) {
            assertThat(admin.put("/api/secrets/" + alias, Json.createObjectBuilder().add("value", stored)
                    .add("endpoints", Json.createArrayBuilder().add(hop.baseUrl())).build()).status()).isEqualTo(201);
            JsonObject request = Json.createObjectBuilder().add("datasetId", datasetId).add("limit", 1)
                    .add("target", Json.createObjectBuilder().add("connector", "openai-compatible")
                            .add("baseUrl", hop.baseUrl()).add("model", "m").add("apiKeyAlias", alias)
                            .add("maxAttempts", 1))
                    .add("scorer", Json.createObjectBuilder().add("type", "llm-judge").add("baseUrl", judge.baseUrl())
                            .add("model", "stub-judge")).build();
            api.runAndWait(request, Duration.ofMinutes(2));
            assertThat(hop.requests()).isNotEmpty().allSatisfy(r -> {
                assertThat(r.path()).isEqualTo("/v1/chat/completions");
                assertThat(r.authorization()).isEqualTo("Bearer " + stored);
            });
            assertThat(attacker.requests()).isEmpty();
        } finally {
            admin.delete("/api/secrets/" + alias);
        }
    }

    /**
     * A schedule and a run created while their endpoint was registered are refused once the admin changes the key's
     * endpoints: listed to the admin (the same check runs at start-up), and a restart is refused with 400. Every
     * registration change is in the audit log, never the key.
     */
    @Test
    void storedRunsAndSchedulesThatTheRulesNowRefuseAreReportedAndCannotStart() throws Exception {
        String alias = "it-moved-" + Long.toString(System.nanoTime(), 36);
        String stored = CANARY + "-moved";
        try (OpenAiStub registered = new OpenAiStub()) {
            assertThat(admin.put("/api/secrets/" + alias, Json.createObjectBuilder().add("value", stored)
                    .add("endpoints", Json.createArrayBuilder().add(registered.baseUrl())).build()).status())
                    .isEqualTo(201);
            JsonObject request = request(registered, alias);
            ApiClient.Reply created = api.post("/api/schedules",
                    Json.createObjectBuilder(schedule(request, "moved key")).add("cron", "0 3 1 1 *")
                            .add("enabled", true).build());
            assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(201);
            long scheduleId = created.body().getJsonNumber("id").longValue();
            JsonObject run = api.runAndWait(request, Duration.ofMinutes(3));
            assertThat(run.getString("status")).isEqualTo("COMPLETED");
            long runId = run.getJsonNumber("id").longValue();

            ApiClient.Reply changed = admin.put("/api/secrets/" + alias + "/endpoints", Json.createObjectBuilder()
                    .add("endpoints", Json.createArrayBuilder().add("https://api.deepseek.com/v1")).build());
            assertThat(changed.status()).isEqualTo(200);
            assertThat(changed.body().getJsonArray("endpoints").getString(0)).isEqualTo("https://api.deepseek.com:443/v1");

            JsonObject list = admin.get("/api/secrets").body();
            assertThat(list.getJsonArray("refused").getValuesAs(JsonObject.class))
                    .anySatisfy(r -> {
                        assertThat(r.getString("kind")).isEqualTo("schedule");
                        assertThat(r.getJsonNumber("id").longValue()).isEqualTo(scheduleId);
                        assertThat(r.getString("field")).isEqualTo("target.baseUrl");
                    });
            assertThat(list.getJsonArray("items").getValuesAs(JsonObject.class))
                    .filteredOn(i -> i.getString("alias").equals(alias)).singleElement()
                    .satisfies(i -> assertThat(i.getJsonArray("endpoints").getString(0))
                            .isEqualTo("https://api.deepseek.com:443/v1"));
            assertThat(list.toString()).doesNotContain(stored);

            ApiClient.Reply restart = api.post("/api/runs/" + runId + "/restart", "");
            assertThat(restart.status()).isEqualTo(400);
            assertThat(restart.body().getString("field")).isEqualTo("target.baseUrl");
            assertThat(restart.body().getString("error")).contains("is not an endpoint registered for key alias");

            ApiClient.Reply log = api.get("/api/audit-log?type=key&size=200");
            List<JsonObject> mine = log.body().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                    .filter(e -> e.getString("key").equals("alias:" + alias)).toList();
            assertThat(mine).extracting(e -> e.getString("action")).containsExactly("changed", "created");
            assertThat(mine).allSatisfy(e -> assertThat(e.getString("user")).isEqualTo("admin"));
            JsonObject endpoints = mine.get(0).getJsonObject("changes").getJsonObject("endpoints");
            assertThat(endpoints.getString("old")).isEqualTo(registered.baseUrl());
            assertThat(endpoints.getString("new")).isEqualTo("https://api.deepseek.com:443/v1");
            assertThat(mine.get(1).getJsonObject("changes").containsKey("keySetAt")).isTrue();
            assertThat(log.body().toString()).doesNotContain(stored);
            assertThat(api.delete("/api/schedules/" + scheduleId).status()).isEqualTo(204);
        } finally {
            admin.delete("/api/secrets/" + alias);
        }
    }

    @Test
    void keysAndEndpointsAreRegisteredByTheAdminOnlyAndCheckedOnTheWay() {
        String alias = "it-bad-" + Long.toString(System.nanoTime(), 36);
        ApiClient.Reply noEndpoints = admin.put("/api/secrets/" + alias,
                Json.createObjectBuilder().add("value", CANARY + "-bad").build());
        assertThat(noEndpoints.status()).isEqualTo(400);
        assertThat(noEndpoints.body().getString("field")).isEqualTo("endpoints");
        ApiClient.Reply bad = admin.put("/api/secrets/" + alias, Json.createObjectBuilder().add("value", CANARY + "-bad")
                .add("endpoints", Json.createArrayBuilder().add("https://api.deepseek.com/v1")
                        .add("https://api.deepseek.com@evil.test/v1")).build());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().getString("field")).isEqualTo("endpoints[1]");
        assertThat(admin.get("/api/secrets").body().getJsonArray("items").getValuesAs(JsonObject.class))
                .as("nothing stored by a refused request")
                .noneMatch(i -> i.getString("alias").equals(alias));
        ApiClient.Reply own = admin.put("/api/secrets/env/FLAMES_CREDENTIAL_STORE_PASSWORD/endpoints",
                Json.createObjectBuilder().add("endpoints", Json.createArrayBuilder().add("http://127.0.0.1:1/v1")).build());
        assertThat(own.status()).isEqualTo(400);
        assertThat(own.body().getString("error")).contains("part of the server's own configuration");
        assertThat(admin.put("/api/secrets/no-such-alias-x/endpoints", Json.createObjectBuilder()
                .add("endpoints", Json.createArrayBuilder().add("http://127.0.0.1:1/v1")).build()).status())
                .isEqualTo(404);
        for (String role : List.of("auditor", "reviewer", "regulator")) {
            assertThat(api.as(role).put("/api/secrets/env/" + CANARY_VARIABLE + "/endpoints",
                    Json.createObjectBuilder().add("endpoints", Json.createArrayBuilder().add("http://127.0.0.1:1/v1"))
                            .build()).status()).as(role).isEqualTo(403);
        }
        JsonObject variables = admin.get("/api/secrets").body().getJsonObject("variables");
        assertThat(variables.getString("allowed")).isEqualTo("FLAMES_API_KEY_VARIABLES=FLAMES_KEY_*");
    }

    private static JsonObject request(OpenAiStub stub) {
        return request(stub, null);
    }

    /** A run of 2 demo prompts against the stub, its target naming {@code alias} when given. */
    private static JsonObject request(OpenAiStub stub, String alias) {
        JsonObjectBuilder target = Json.createObjectBuilder().add("connector", "openai-compatible")
                .add("baseUrl", stub.baseUrl()).add("model", "stub-target");
        if (alias != null) {
            target.add("apiKeyAlias", alias);
        }
        return Json.createObjectBuilder().add("datasetId", datasetId).add("limit", 2).add("target", target)
                .add("scorer", Json.createObjectBuilder().add("type", "llm-judge").add("baseUrl", stub.baseUrl())
                        .add("model", "stub-judge")).build();
    }

    /** The request with {@code side} (target or scorer) pointed at {@code baseUrl} naming a key. */
    private static JsonObject pointed(JsonObject request, String side, String baseUrl, String keyField, String key) {
        JsonObjectBuilder part = Json.createObjectBuilder(request.getJsonObject(side)).add("baseUrl", baseUrl)
                .remove("apiKeyAlias").remove("apiKeyEnv").add(keyField, key);
        return Json.createObjectBuilder(request).add(side, part).build();
    }

    /** A disabled daily schedule of the run request. */
    private static JsonObject schedule(JsonObject run, String name) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("name", name).add("cron", "0 2 * * *").add("zone", "UTC")
                .add("enabled", false);
        for (String k : Set.of("datasetId", "target", "scorer", "limit")) {
            JsonValue v = run.get(k);
            if (v != null) {
                b.add(k, v);
            }
        }
        return b.build();
    }
}
