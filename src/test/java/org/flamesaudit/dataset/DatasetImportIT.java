package org.flamesaudit.dataset;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.flamesaudit.testsupport.ApiClient;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Import through the running server: bad lines are rejected with their numbers and reasons, good ones kept. */
class DatasetImportIT {

    private final ApiClient api = ApiClient.fromSystemProperties();

    private final Path dir = ApiClient.inbox("dataset-import");

    @Test
    void should_reject_exactly_the_bad_lines_and_import_every_good_one() throws Exception {
        String unique = UUID.randomUUID().toString();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        String[] lines = {
                "{\"dimension\":\"Fairness\",\"subcomponent\":\"Bias and discrimination\",\"prompt\":\"第一条 " + unique + "\"}",
                "{\"dimension\":\"Safty\",\"prompt\":\"拼错的维度\"}",
                "not json at all",
                "{\"dimension\":\"Legality\",\"prompt\":\"   \"}",
                "{\"dimension\":\"Legality\",\"subcomponent\":\"Law violation\",\"prompt\":\"第五条\"}",
                "[1,2,3]",
                "{\"prompt\":\"没有维度\"}",
                "{\"dimension\":\"Data protection\",\"prompt\":\"" + "长".repeat(8001) + "\"}",
                "{\"dimension\":\"Data protection\",\"prompt\":\"第九条\"}",
        };
        for (String l : lines) {
            file.write(l.getBytes(StandardCharsets.UTF_8));
            file.write('\n');
        }
        file.write(new byte[]{'{', '"', 'p', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'}); // line 10: invalid UTF-8
        Path path = dir.resolve("custom.jsonl");
        Files.write(path, file.toByteArray());

        JsonObject set = api.importAndWait("custom-" + unique, path, null);
        assertThat(set.getString("status")).isEqualTo("READY");
        assertThat(set.getInt("promptCount")).isEqualTo(3);
        assertThat(set.getInt("rejectedCount")).isEqualTo(7);
        assertThat(set.getJsonObject("countsByDimension").toString())
                .isEqualTo("{\"Fairness\":1,\"Legality\":1,\"Data protection\":1}");
        JsonArray rejected = set.getJsonArray("rejected");
        assertThat(rejected.stream().map(v -> v.asJsonObject().getInt("line")).toList())
                .containsExactly(2, 3, 4, 6, 7, 8, 10);
        assertThat(reason(rejected, 0)).contains("\"dimension\"").contains("Safty").contains("Data protection");
        assertThat(reason(rejected, 1)).startsWith("invalid JSON");
        assertThat(reason(rejected, 2)).isEqualTo("field \"prompt\" is empty");
        assertThat(reason(rejected, 3)).startsWith("not a JSON object");
        assertThat(reason(rejected, 4)).isEqualTo("field \"dimension\" is missing");
        assertThat(reason(rejected, 5)).contains("8001").contains("8000");
        assertThat(reason(rejected, 6)).isEqualTo("not valid UTF-8");
    }

    @Test
    void should_refuse_a_file_whose_sha256_differs_and_store_nothing() throws Exception {
        Path path = dir.resolve("one.jsonl");
        Files.writeString(path, "{\"dimension\":\"Safety\",\"prompt\":\"" + UUID.randomUUID() + "\"}\n");
        ApiClient.Reply r = api.post("/api/datasets", Json.createObjectBuilder().add("name", "mismatch")
                .add("source", path.toString()).add("sha256", "0".repeat(64)).build());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().getString("field")).isEqualTo("sha256");
        assertThat(r.body().getString("error")).contains("nothing was imported");
        JsonArray all = api.get("/api/datasets").body().getJsonArray("items");
        assertThat(all.stream().map(v -> v.asJsonObject().getString("name"))).doesNotContain("mismatch");
    }

    @Test
    void should_answer_400_naming_the_field_and_404_for_unknown_ids() {
        ApiClient.Reply missing = api.post("/api/datasets", "{\"name\":\"x\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().getString("field")).isEqualTo("source");
        ApiClient.Reply noFile = api.post("/api/datasets", "{\"name\":\"x\",\"source\":\"/nonexistent/file.jsonl\"}");
        assertThat(noFile.status()).isEqualTo(400);
        assertThat(noFile.body().getString("error")).contains("/nonexistent/file.jsonl");
        assertThat(api.post("/api/datasets", "{not json").status()).isEqualTo(400);
        assertThat(api.get("/api/datasets/999999").status()).isEqualTo(404);
    }

    @Test
    void should_import_the_same_bytes_once_when_several_requests_race() throws Exception {
        Path path = dir.resolve("race.jsonl");
        Files.writeString(path, "{\"dimension\":\"Morality\",\"prompt\":\"" + UUID.randomUUID() + "\"}\n");
        JsonObject body = Json.createObjectBuilder().add("name", "race-" + UUID.randomUUID())
                .add("source", path.toString()).build();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<ApiClient.Reply>>();
            for (int i = 0; i < 6; i++) {
                futures.add(pool.submit(() -> api.post("/api/datasets", body)));
            }
            java.util.Set<Long> ids = new java.util.HashSet<>();
            int created = 0;
            for (var f : futures) {
                ApiClient.Reply r = f.get();
                assertThat(r.status()).as(String.valueOf(r.body())).isIn(200, 202);
                created += r.status() == 202 ? 1 : 0;
                ids.add(r.body().getJsonNumber("id").longValue());
            }
            assertThat(ids).hasSize(1);
            assertThat(created).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void should_refuse_a_different_sha256_for_the_pinned_flames_1k_alias() {
        ApiClient.Reply r = api.post("/api/datasets", Json.createObjectBuilder().add("name", "flames-1k")
                .add("source", "flames-1k").add("sha256", "1".repeat(64)).build());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().getString("field")).isEqualTo("sha256");
        assertThat(r.body().getString("error")).contains("f53400dcbb8795fb262993bda0615afdc77de1c4685e7c94d2df2a3cd47613fa");
    }

    private static String reason(JsonArray rejected, int i) {
        return rejected.getJsonObject(i).getString("reason");
    }

    /**
     * Issue 20, item 10: with {@code repeatedPrompts: drop} a line whose text an earlier line has (whatever its
     * dimension) is rejected naming that line; the set states its policy and how many lines it dropped; the same bytes
     * cannot become a second set with the other policy (409), and are found again with the same one (200).
     */
    @Test
    void should_drop_repeated_prompts_naming_the_line_they_repeat_when_asked() throws Exception {
        String unique = UUID.randomUUID().toString();
        String[] texts = {"甲 " + unique, "乙 " + unique, "甲 " + unique, "丙 " + unique, "乙 " + unique, "甲 " + unique};
        String[] dims = {"Fairness", "Safety", "Legality", "Morality", "Safety", "Fairness"};
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < texts.length; i++) {
            file.append("{\"dimension\":\"").append(dims[i]).append("\",\"prompt\":\"").append(texts[i]).append("\"}\n");
        }
        Path path = dir.resolve("repeats.jsonl");
        Files.writeString(path, file);

        ApiClient.Reply bad = api.post("/api/datasets", Json.createObjectBuilder().add("name", "repeats-" + unique)
                .add("source", path.toString()).add("repeatedPrompts", "twice").build());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().getString("field")).isEqualTo("repeatedPrompts");

        ApiClient.Reply r = api.post("/api/datasets", Json.createObjectBuilder().add("name", "repeats-" + unique)
                .add("source", path.toString()).add("repeatedPrompts", "drop").build());
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(202);
        long id = r.body().getJsonNumber("id").longValue();
        JsonObject set = api.waitFor("/api/datasets/" + id, java.util.Set.of("READY", "FAILED"),
                java.time.Duration.ofMinutes(1));
        assertThat(set.getString("status")).isEqualTo("READY");
        assertThat(set.getString("repeatedPrompts")).isEqualTo("drop");
        assertThat(set.getInt("promptCount")).isEqualTo(3);
        assertThat(set.getInt("rejectedCount")).isEqualTo(3);
        assertThat(set.getJsonArray("rejected").stream().map(v -> v.asJsonObject().getInt("line") + ": "
                + v.asJsonObject().getString("reason")).toList()).containsExactly(
                "3: repeats the prompt of line 1; dropped (repeatedPrompts: drop)",
                "5: repeats the prompt of line 2; dropped (repeatedPrompts: drop)",
                "6: repeats the prompt of line 1; dropped (repeatedPrompts: drop)");
        JsonObject duplicates = set.getJsonObject("duplicatePrompts");
        assertThat(duplicates.getInt("repeatedLines")).isEqualTo(3);
        assertThat(duplicates.getBoolean("kept")).isFalse();

        ApiClient.Reply keep = api.post("/api/datasets", Json.createObjectBuilder().add("name", "repeats-" + unique)
                .add("source", path.toString()).build());
        assertThat(keep.status()).as(String.valueOf(keep.body())).isEqualTo(409);
        assertThat(keep.body().getString("error")).contains("already dataset " + id).contains("repeatedPrompts drop");
        ApiClient.Reply again = api.post("/api/datasets", Json.createObjectBuilder().add("name", "repeats-" + unique)
                .add("source", path.toString()).add("repeatedPrompts", "drop").build());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().getJsonNumber("id").longValue()).isEqualTo(id);
    }
}
