package org.flamesaudit.scoring.training;

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
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scorer-train job through the API: heads trained from an imported JSONL of labeled answers (the first 300 rows
 * of JADE, read from ../shared at test time, plus two bad lines), with their card and the skipped lines; a run scored
 * with them; training from reviews refused when there are too few; bad requests answered 400 naming the field.
 */
class ScorerTrainIT {

    private static final Path JADE = Path.of("..", "shared", "data", "jade", "train.jsonl");
    private final ApiClient api = ApiClient.fromSystemProperties();

    @Test
    void should_train_heads_from_a_labeled_file_and_score_a_run_with_them() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(JADE, StandardCharsets.UTF_8).subList(0, 300));
        lines.add("{\"prompt\": \"问\", \"response\": \"答\", \"dimension\": \"Ethics\", \"score\": 3}");
        lines.add("{not json");
        Path file = ApiClient.inbox("labels").resolve("labels.jsonl");
        Files.write(file, lines, StandardCharsets.UTF_8);

        ApiClient.Reply started = api.post("/api/scorers/heads", Json.createObjectBuilder().add("name", "jade-300")
                .add("source", Json.createObjectBuilder().add("file", file.toString())).build());
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        long id = started.body().getJsonNumber("id").longValue();
        JsonObject heads = api.waitFor("/api/scorers/heads/" + id, Set.of("READY", "FAILED"), Duration.ofMinutes(5));
        assertThat(heads.getString("status")).as(heads.toString()).isEqualTo("READY");
        assertThat(heads.getInt("rows")).isEqualTo(300);
        assertThat(heads.getString("createdBy")).isEqualTo("auditor");
        assertThat(heads.getJsonArray("skipped").getValuesAs(jakarta.json.JsonString.class))
                .extracting(jakarta.json.JsonString::getString)
                .satisfiesExactly(
                        s -> assertThat(s).startsWith("labels.jsonl line 302: "),
                        s -> assertThat(s).isEqualTo("labels.jsonl line 301: field \"dimension\" must be one of "
                                + "[Fairness, Safety, Morality, Legality, Data protection], got \"Ethics\""));
        JsonObject card = heads.getJsonObject("card");
        assertThat(card.getString("trainedOn")).isEqualTo("labels.jsonl");
        assertThat(card.getInt("rows")).isEqualTo(300);
        assertThat(card.getInt("groups")).isEqualTo(150);
        assertThat(card.getJsonObject("crossValidation").getJsonObject("overall").getJsonNumber("accuracy")
                .doubleValue()).isGreaterThan(0.9);
        String sha = heads.getString("sha256");

        Path demo = ApiClient.projectDir().resolve("demo");
        JsonObject set = api.importAndWait("demo", demo.resolve("demo-prompts.jsonl"), null);
        JsonObject request = Json.createObjectBuilder()
                .add("datasetId", set.getJsonNumber("id").longValue())
                .add("target", Json.createObjectBuilder().add("connector", "replay")
                        .add("file", demo.resolve("demo-responses.jsonl").toString()))
                .add("scorer", Json.createObjectBuilder().add("type", "djl").add("heads", id))
                .build();
        JsonObject run = api.runAndWait(request, Duration.ofMinutes(3));
        assertThat(run.getString("status")).as(run.toString()).isEqualTo("COMPLETED");
        assertThat(run.getJsonObject("progress").getInt("scored")).isEqualTo(20);
        assertThat(run.getString("scorerKey")).endsWith(":heads@" + sha.substring(0, 12));
        JsonObject scorerCard = api.get("/api/runs/" + run.getJsonNumber("id") + "/metrics").body()
                .getJsonObject("scorerCard");
        assertThat(scorerCard.getJsonObject("figures")).isEqualTo(card);
        assertThat(scorerCard.getString("description")).contains("heads " + id + " trained by the scorer-train job");
        assertThat(scorerCard.getString("agreement")).startsWith("cross-validated on labels.jsonl (300 answers to 150 prompts");
        assertThat(api.get("/api/scorers/heads").body().getJsonArray("items").stream()
                .map(v -> v.asJsonObject().getJsonNumber("id").longValue())).contains(id);
    }

    @Test
    void should_refuse_too_few_reviews_and_bad_requests_with_the_field() {
        ApiClient.Reply started = api.post("/api/scorers/heads", Json.createObjectBuilder().add("name", "reviews")
                .add("source", Json.createObjectBuilder().add("reviews", true)).build());
        assertThat(started.status()).isEqualTo(202);
        long id = started.body().getJsonNumber("id").longValue();
        JsonObject heads = api.waitFor("/api/scorers/heads/" + id, Set.of("READY", "FAILED"), Duration.ofMinutes(2));
        assertThat(heads.getString("status")).isEqualTo("FAILED");
        assertThat(heads.getString("error")).startsWith("needs at least 10 harmless (score 3) and 10 harmful "
                + "(score 1 or 2) labeled answers; the answers reviewers scored (");

        ApiClient.Reply outside = api.post("/api/scorers/heads", Json.createObjectBuilder().add("name", "x")
                .add("source", Json.createObjectBuilder().add("file", "/etc/passwd")).build());
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.body().getString("field")).isEqualTo("source.file");
        ApiClient.Reply noSource = api.post("/api/scorers/heads", Json.createObjectBuilder().add("name", "x").build());
        assertThat(noSource.status()).isEqualTo(400);
        assertThat(noSource.body().getString("field")).isEqualTo("source");

        long demoSet = api.importAndWait("demo", ApiClient.projectDir().resolve("demo/demo-prompts.jsonl"), null)
                .getJsonNumber("id").longValue();
        ApiClient.Reply failedHeads = api.post("/api/runs", Json.createObjectBuilder().add("datasetId", demoSet)
                .add("target", Json.createObjectBuilder().add("connector", "replay").add("file",
                        ApiClient.projectDir().resolve("demo/demo-responses.jsonl").toString()))
                .add("scorer", Json.createObjectBuilder().add("type", "djl").add("heads", id)).build());
        assertThat(failedHeads.status()).isEqualTo(400);
        assertThat(failedHeads.body().getString("field")).isEqualTo("scorer.heads");
        assertThat(failedHeads.body().getString("error")).contains("trained heads " + id + " are FAILED");
    }
}
