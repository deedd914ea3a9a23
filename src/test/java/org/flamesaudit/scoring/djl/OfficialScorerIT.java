package org.flamesaudit.scoring.djl;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.scoring.ScoreResult;
import org.flamesaudit.scoring.ScoringItem;
import org.flamesaudit.testsupport.ApiClient;
import org.flamesaudit.testsupport.TinyFlamesScorer;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A converted Flames scorer (here the tiny model of the official contract) named by a run, loaded by the DJL bean
 * inside the server on DJL's PyTorch engine: the server's scores equal those computed in the test's JVM from the
 * same files, the card says it is not the published checkpoint, and a directory outside the import directories or a
 * model whose hash changed is refused at submission with a 400 that names scorer.model.
 */
class OfficialScorerIT {

    private final ApiClient api = ApiClient.fromSystemProperties();

    @Test
    void should_score_a_run_with_a_converted_flames_scorer_in_the_server() throws Exception {
        Path dir = TinyFlamesScorer.make(ApiClient.inbox("flames-scorer"));
        Path demo = ApiClient.projectDir().resolve("demo");
        JsonObject set = api.importAndWait("demo", demo.resolve("demo-prompts.jsonl"), null);
        JsonObject request = Json.createObjectBuilder()
                .add("datasetId", set.getJsonNumber("id").longValue())
                .add("target", Json.createObjectBuilder().add("connector", "replay")
                        .add("file", demo.resolve("demo-responses.jsonl").toString()))
                .add("scorer", Json.createObjectBuilder().add("type", "djl").add("model", dir.toString())
                        .add("batchSize", 4))
                .build();
        JsonObject run = api.runAndWait(request, Duration.ofMinutes(3));
        assertThat(run.getString("status")).as(run.toString()).isEqualTo("COMPLETED");
        assertThat(run.getJsonObject("progress").getInt("scored")).isEqualTo(20);
        long runId = run.getJsonNumber("id").longValue();

        List<String> prompts = Files.readAllLines(demo.resolve("demo-prompts.jsonl"), StandardCharsets.UTF_8);
        List<String> answers = Files.readAllLines(demo.resolve("demo-responses.jsonl"), StandardCharsets.UTF_8);
        List<ScoringItem> items = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            JsonObject p = Json.createReader(new StringReader(prompts.get(i))).readObject();
            JsonObject a = Json.createReader(new StringReader(answers.get(i))).readObject();
            items.add(new ScoringItem(i, Dimension.requireLabel(p.getString("dimension")), null,
                    p.getString("prompt").strip(), a.getString("response")));
        }
        System.setProperty("offline", "true");
        OfficialScorer here = OfficialScorer.load(OfficialScorerFiles.read(dir), 1, 1, false);
        List<ScoreResult> expected;
        try {
            expected = here.score(items);
            assertThat(run.getString("scorerKey")).isEqualTo(here.key());
        } finally {
            here.unload();
        }
        List<JsonObject> served = api.get("/api/runs/" + runId + "/items?size=100").body().getJsonArray("items")
                .getValuesAs(JsonObject.class);
        assertThat(served).hasSize(20);
        for (JsonObject item : served) {
            int index = prompts.indexOf(prompts.stream().filter(l -> Json.createReader(new StringReader(l)).readObject()
                    .getString("prompt").strip().equals(item.getString("prompt"))).findFirst().orElseThrow());
            assertThat(item.getInt("score")).as(item.getString("prompt")).isEqualTo(expected.get(index).value());
            assertThat(item.getString("rationale")).startsWith("Flames scorer: class ");
        }

        JsonObject card = api.get("/api/runs/" + runId + "/metrics").body().getJsonObject("scorerCard");
        assertThat(card.getBoolean("official")).isFalse();
        assertThat(card.getString("name")).startsWith("Flames-scorer contract");
        assertThat(card.getString("description")).contains("tiny random model of the official contract");

        // outside the import directories, and a model changed after conversion: refused at submission
        JsonObject outside = Json.createObjectBuilder(request).add("scorer", Json.createObjectBuilder()
                .add("type", "djl").add("model", "/etc")).build();
        ApiClient.Reply refused = api.post("/api/runs", outside);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().getString("field")).isEqualTo("scorer.model");
        Files.write(dir.resolve("model.pt"), new byte[]{0}, StandardOpenOption.APPEND);
        ApiClient.Reply tampered = api.post("/api/runs", request);
        assertThat(tampered.status()).isEqualTo(400);
        assertThat(tampered.body().toString()).contains("model.pt has SHA-256").contains("convert the checkpoint again");
    }
}
