package org.flamesaudit.support;

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
            JsonObject request = Json.createObjectBuilder().add("datasetId", datasetId)
                    .add("target", Json.createObjectBuilder().add("connector", "openai-compatible")
                            .add("baseUrl", stub.baseUrl()).add("model", "leak-target")
                            .add("apiKeyEnv", "FLAMES_IT_CANARY_KEY"))
                    .add("scorer", Json.createObjectBuilder().add("type", "llm-judge").add("baseUrl", stub.baseUrl())
                            .add("model", "leak-judge").add("apiKeyEnv", "FLAMES_IT_CANARY_KEY"))
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
                    "/api/audit-log", "/api/runs/" + id + "/review-queue?size=1000")) {
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

        // every file the server wrote: logs, the H2 database, staged files, temporary files
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
        byte[] needle = CANARY.getBytes(StandardCharsets.UTF_8);
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
