package org.flamesaudit.keys;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.flamesaudit.testsupport.ApiClient;
import org.flamesaudit.testsupport.OpenAiStub;
import org.flamesaudit.testsupport.PdfReading;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A provider API key never leaves the server's environment: an audit uses a canary key (set in the IT server's
 * environment by pom.xml) for the model under test and for the judge, the stub proves the key was sent, and then
 * no API response, report, log file or database file of the server contains it (on PostgreSQL the database lives
 * outside the server's directory and only the API, reports and logs are checked).
 */
class SecretLeakIT {

    private static final String CANARY = System.getProperty("flames.it.canary.key");
    private final ApiClient api = ApiClient.fromSystemProperties();

    @Test
    void theCanaryKeyIsUsedButAppearsNowhere() throws Exception {
        assertThat(CANARY).startsWith("sk-flames-canary-");
        long datasetId = api.importAndWait("demo", ApiClient.projectDir().resolve("demo/demo-prompts.jsonl"), null)
                .getJsonNumber("id").longValue();
        List<String> seen = new ArrayList<>();
        try (OpenAiStub stub = new OpenAiStub()) {
            ApiClient.Reply registered = api.as("admin").put("/api/secrets/env/FLAMES_KEY_IT_CANARY/endpoints",
                    Json.createObjectBuilder().add("endpoints", Json.createArrayBuilder().add(stub.baseUrl())).build());
            assertThat(registered.status()).as(String.valueOf(registered.body())).isIn(200, 201);
            seen.add(registered.body().toString());
            JsonObject request = Json.createObjectBuilder().add("datasetId", datasetId)
                    .add("target", Json.createObjectBuilder().add("connector", "openai-compatible")
                            .add("baseUrl", stub.baseUrl()).add("model", "leak-target")
                            .add("apiKeyEnv", "FLAMES_KEY_IT_CANARY"))
                    .add("scorer", Json.createObjectBuilder().add("type", "llm-judge").add("baseUrl", stub.baseUrl())
                            .add("model", "leak-judge").add("apiKeyEnv", "FLAMES_KEY_IT_CANARY"))
                    .build();
            JsonObject run = api.runAndWait(request, Duration.ofMinutes(3));
            assertThat(run.getString("status")).as(run.toString()).isEqualTo("COMPLETED");
            assertThat(stub.authorizations()).containsExactly("Bearer " + CANARY);
            long id = run.getJsonNumber("id").longValue();

            // a key given in the request itself is refused, and not echoed
            ApiClient.Reply inline = api.post("/api/runs", Json.createObjectBuilder(request)
                    .add("target", Json.createObjectBuilder(request.getJsonObject("target")).add("apiKey", CANARY))
                    .build());
            assertThat(inline.status()).isEqualTo(400);
            seen.add(String.valueOf(inline.body()));

            for (String path : List.of("/api/runs", "/api/runs/" + id, "/api/runs/" + id + "/metrics",
                    "/api/runs/" + id + "/items?size=1000", "/api/runs/" + id + "/reports", "/api/datasets",
                    "/api/audit-log", "/api/audit-log?type=key&size=1000",
                    "/api/runs/" + id + "/review-queue?size=1000")) {
                ApiClient.Download d = api.download(path);
                assertThat(d.status()).as(path).isEqualTo(200);
                seen.add(path + " " + d.text());
            }
            ApiClient.Download pdf = api.download("/api/runs/" + id + "/report.pdf");
            seen.add("report.pdf " + PdfReading.text(pdf.body()) + new String(pdf.body(), StandardCharsets.ISO_8859_1));
            ApiClient.Download xlsx = api.download("/api/runs/" + id + "/report.xlsx");
            seen.add("report.xlsx " + unzipped(xlsx.body()));
        }
        for (String s : seen) {
            assertThat(s).doesNotContain(CANARY);
        }
        assertNotInAnyServerFile(CANARY);
    }

    /**
     * The credential-store path: the admin sets a key under an alias and rotates it; runs name only the alias; the
     * stub receives the key in force at each run; no answer, report, log or database file holds either key (the
     * store file keeps them encrypted).
     */
    @Test
    void aKeySetAndRotatedInTheCredentialStoreIsUsedByAliasAndAppearsNowhere() throws Exception {
        String first = CANARY + "-stored";
        String rotated = CANARY + "-rotated";
        String alias = "it-canary-" + Long.toString(System.nanoTime(), 36);
        ApiClient admin = api.as("admin");
        List<String> seen = new ArrayList<>();

        ApiClient.Reply set = admin.put("/api/secrets/" + alias, Json.createObjectBuilder().add("value", first)
                .add("endpoints", Json.createArrayBuilder().add("http://127.0.0.1:1/v1")).build());
        assertThat(set.status()).as(String.valueOf(set.body())).isEqualTo(201);
        assertThat(set.body().getBoolean("rotated")).isFalse();
        seen.add(set.body().toString());
        ApiClient.Reply listed = admin.get("/api/secrets");
        assertThat(listed.body().getBoolean("configured")).isTrue();
        assertThat(listed.body().getJsonArray("items").getValuesAs(JsonObject.class))
                .extracting(o -> o.getString("alias")).contains(alias);
        seen.add(listed.body().toString());
        assertThat(api.put("/api/secrets/" + alias, "{\"value\":\"x\"}").status()).as("auditor").isEqualTo(403);

        long datasetId = api.importAndWait("demo", ApiClient.projectDir().resolve("demo/demo-prompts.jsonl"), null)
                .getJsonNumber("id").longValue();
        JsonObject request = Json.createObjectBuilder().add("datasetId", datasetId).add("limit", 3)
                .add("target", Json.createObjectBuilder().add("connector", "openai-compatible")
                        .add("baseUrl", "http://127.0.0.1:1/v1").add("model", "alias-target").add("apiKeyAlias", alias))
                .add("scorer", Json.createObjectBuilder().add("type", "llm-judge").add("baseUrl", "http://127.0.0.1:1/v1")
                        .add("model", "alias-judge").add("apiKeyAlias", alias))
                .build();
        for (String expected : List.of(first, rotated)) {
            if (expected.equals(rotated)) {
                ApiClient.Reply rotation = admin.put("/api/secrets/" + alias,
                        Json.createObjectBuilder().add("value", rotated).build());
                assertThat(rotation.status()).isEqualTo(200);
                assertThat(rotation.body().getBoolean("rotated")).isTrue();
                seen.add(rotation.body().toString());
            }
            try (OpenAiStub stub = new OpenAiStub()) {
                ApiClient.Reply endpoints = admin.put("/api/secrets/" + alias + "/endpoints", Json.createObjectBuilder()
                        .add("endpoints", Json.createArrayBuilder().add(stub.baseUrl())).build());
                assertThat(endpoints.status()).isEqualTo(200);
                seen.add(endpoints.body().toString());
                JsonObject r = pointedAt(request, stub.baseUrl());
                JsonObject run = api.runAndWait(r, Duration.ofMinutes(3));
                assertThat(run.getString("status")).as(run.toString()).isEqualTo("COMPLETED");
                assertThat(stub.authorizations()).containsExactly("Bearer " + expected);
                assertThat(run.getJsonObject("target").getString("apiKeyAlias")).isEqualTo(alias);
                long id = run.getJsonNumber("id").longValue();
                for (String path : List.of("/api/runs/" + id, "/api/runs/" + id + "/items?size=10")) {
                    seen.add(api.download(path).text());
                }
                seen.add(PdfReading.text(api.download("/api/runs/" + id + "/report.pdf").body()));
            }
        }

        ApiClient.Reply unknown = api.post("/api/runs", pointedAt(Json.createObjectBuilder(request)
                .add("target", Json.createObjectBuilder(request.getJsonObject("target")).add("apiKeyAlias", "no-such-key"))
                .build(), "http://127.0.0.1:1/v1"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().getString("field")).isEqualTo("target.apiKeyAlias");
        assertThat(unknown.body().getString("error")).contains("PUT /api/secrets/no-such-key");

        seen.add(admin.get("/api/secrets").body().toString());
        seen.add(api.get("/api/audit-log?type=key&size=1000").body().toString());
        assertThat(admin.delete("/api/secrets/" + alias).status()).isEqualTo(204);
        assertThat(admin.delete("/api/secrets/" + alias).status()).isEqualTo(404);
        for (String s : seen) {
            assertThat(s).doesNotContain(first).doesNotContain(rotated);
        }
        assertNotInAnyServerFile(first);
        assertNotInAnyServerFile(rotated);
    }

    private static JsonObject pointedAt(JsonObject request, String baseUrl) {
        return Json.createObjectBuilder(request)
                .add("target", Json.createObjectBuilder(request.getJsonObject("target")).add("baseUrl", baseUrl))
                .add("scorer", Json.createObjectBuilder(request.getJsonObject("scorer")).add("baseUrl", baseUrl))
                .build();
    }

    /** Every file the server wrote: logs, the H2 database, staged files, temporary files, the credential store. */
    private static void assertNotInAnyServerFile(String secret) throws IOException {
        Path serverDir = Path.of(System.getProperty("flames.it.server.log")).getParent().getParent();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(serverDir)) {
            files = new ArrayList<>(walk.filter(Files::isRegularFile).toList());
        }
        Path console = serverDir.getParent().getParent().resolve("it-server-console.log");
        if (Files.isRegularFile(console)) {
            files.add(console);
        }
        assertThat(files).anyMatch(f -> f.getFileName().toString().equals("server.log"));
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        for (Path f : files) {
            assertThat(contains(Files.readAllBytes(f), needle)).as("canary in %s", f).isFalse();
        }
    }

    /** The text of every entry of a zip (read through a file: SXSSF writes entries ZipInputStream cannot read). */
    private static String unzipped(byte[] zip) throws IOException {
        Path tmp = Files.createTempFile("leak", ".xlsx");
        StringBuilder sb = new StringBuilder();
        try {
            Files.write(tmp, zip);
            try (ZipFile z = new ZipFile(tmp.toFile())) {
                for (ZipEntry e : java.util.Collections.list(z.entries())) {
                    try (var in = z.getInputStream(e)) {
                        sb.append(e.getName()).append('\n').append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return sb.toString();
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
