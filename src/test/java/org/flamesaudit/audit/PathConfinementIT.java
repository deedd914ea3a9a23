package org.flamesaudit.audit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.flamesaudit.testsupport.ApiClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No path through the API to the server's files: every way to name a file outside the import directories, for
 * every field that names a file, is refused with 400, the field, and no content of the file. The server runs with
 * the import directories of pom.xml (Flames-1k's folder, demo/, target/it-inbox).
 */
class PathConfinementIT {

    private static final ApiClient API = ApiClient.fromSystemProperties();
    private static Path inbox;
    private static final List<String> ESCAPES = new ArrayList<>();

    @BeforeAll
    static void escapes() throws Exception {
        inbox = ApiClient.inbox("escape");
        Path secret = ApiClient.projectDir().resolve("pom.xml"); // a real file outside every import directory
        Files.createSymbolicLink(inbox.resolve("link.jsonl"), secret);
        Files.createSymbolicLink(inbox.resolve("up"), ApiClient.projectDir());
        ESCAPES.addAll(List.of(
                secret.toString(),                                   // absolute path outside
                "/etc/passwd",
                inbox + "/../../pom.xml",                            // ../ out of the inbox
                "../../../../../../../../etc/passwd",                // relative, resolved against the first directory
                inbox.resolve("link.jsonl").toString(),              // a file link inside pointing outside
                inbox.resolve("up/pom.xml").toString(),              // a directory link inside pointing outside
                "file:///etc/passwd",
                "file:" + secret,
                "jar:file:" + secret + "!/x"));
    }

    @Test
    void datasetSourcesOutsideTheImportDirectoriesAreRefused() {
        List<String> all = new ArrayList<>(ESCAPES);
        all.add("http://example.com/prompts.jsonl"); // plain http
        all.add("ftp://example.com/prompts.jsonl");
        for (String source : all) {
            ApiClient.Reply r = API.post("/api/datasets", Json.createObjectBuilder().add("name", "escape")
                    .add("source", source).build());
            assertRefused(r, "source", source);
        }
    }

    @Test
    void replayAndScoreFilesOutsideTheImportDirectoriesAreRefused() {
        long datasetId = API.importAndWait("demo", ApiClient.projectDir().resolve("demo/demo-prompts.jsonl"), null)
                .getJsonNumber("id").longValue();
        JsonObject goodScores = Json.createObjectBuilder().add("type", "imported")
                .add("file", ApiClient.projectDir().resolve("demo/demo-scores.jsonl").toString()).build();
        JsonObject goodReplay = Json.createObjectBuilder().add("connector", "replay")
                .add("file", ApiClient.projectDir().resolve("demo/demo-responses.jsonl").toString()).build();
        int runsBefore = API.get("/api/runs").body().getJsonArray("items").size();
        for (String file : ESCAPES) {
            JsonObject replay = Json.createObjectBuilder().add("connector", "replay").add("file", file).build();
            assertRefused(API.post("/api/runs", run(datasetId, replay, goodScores)), "target.file", file);
            JsonObject scores = Json.createObjectBuilder().add("type", "imported").add("file", file).build();
            assertRefused(API.post("/api/runs", run(datasetId, goodReplay, scores)), "scorer.file", file);
        }
        assertThat(API.get("/api/runs").body().getJsonArray("items")).hasSize(runsBefore);
    }

    private static JsonObject run(long datasetId, JsonObject target, JsonObject scorer) {
        return Json.createObjectBuilder().add("datasetId", datasetId).add("target", target).add("scorer", scorer)
                .build();
    }

    private static void assertRefused(ApiClient.Reply r, String field, String given) {
        assertThat(r.status()).as(given).isEqualTo(400);
        assertThat(r.body().getString("field")).as(given).isEqualTo(field);
        String error = r.body().getString("error");
        assertThat(error).as(given).containsAnyOf("outside the import directories", "is a URL",
                "unsupported URL scheme", "plain http is refused");
        // nothing of the named file comes back
        assertThat(error).as(given).doesNotContain("<project", "root:x:0:0");
    }

    /**
     * A dataset URL may name only the configured hosts (FLAMES_IMPORT_HOSTS): an internal address is refused before
     * any connection, with the setting to change and nothing of what might answer there.
     */
    @Test
    void should_refuse_dataset_urls_to_hosts_that_are_not_allowed() {
        for (String url : List.of("https://169.254.169.254/latest/meta-data/iam", "https://localhost:9990/management",
                "https://internal.example/prompts.jsonl")) {
            ApiClient.Reply r = API.post("/api/datasets", jakarta.json.Json.createObjectBuilder().add("name", "ssrf")
                    .add("source", url).build());
            org.assertj.core.api.Assertions.assertThat(r.status()).as(url).isEqualTo(400);
            org.assertj.core.api.Assertions.assertThat(r.body().getString("field")).isEqualTo("source");
            org.assertj.core.api.Assertions.assertThat(r.body().getString("error"))
                    .contains("which is not one of the hosts prompt files may be downloaded from "
                            + "(raw.githubusercontent.com, huggingface.co)")
                    .contains("FLAMES_IMPORT_HOSTS");
        }
    }
}
