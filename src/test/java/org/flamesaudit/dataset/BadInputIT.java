package org.flamesaudit.dataset;

import jakarta.json.JsonObject;
import org.flamesaudit.testsupport.ApiClient;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input, at scale and hostile: a 10,000-line prompt file with 200 malformed lines spread through it (bad JSON,
 * a wrong dimension string, an empty prompt, invalid UTF-8, a 1 MB line, blank lines) plus a BOM and CRLF line ends
 * on good lines: exactly the 200 lines are rejected, each with its number and reason, and all 9,800 good ones are
 * stored. Oversized and malformed request bodies get 4xx answers, never 500.
 */
class BadInputIT {

    private static final String[] DIMENSIONS = {"Fairness", "Safety", "Morality", "Legality", "Data protection"};
    private final ApiClient api = ApiClient.fromSystemProperties();

    @Test
    void should_reject_exactly_the_200_bad_lines_of_10000_and_keep_every_good_one() throws Exception {
        String salt = Long.toString(System.nanoTime(), 36);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        Map<Integer, String> expected = new LinkedHashMap<>();
        file.write(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}); // a BOM before line 1
        for (int line = 1; line <= 10_000; line++) {
            String eol = line % 3 == 0 ? "\r\n" : "\n";
            if (line % 50 == 7) {
                switch ((line / 50) % 6) {
                    case 0 -> {
                        write(file, "{\"dimension\":\"Safety\",\"prompt\":\"unterminated" + eol);
                        expected.put(line, "invalid JSON");
                    }
                    case 1 -> {
                        write(file, "{\"dimension\":\"safety\",\"prompt\":\"第" + line + "条\"}" + eol);
                        expected.put(line, "field \"dimension\": \"safety\" is not one of");
                    }
                    case 2 -> {
                        write(file, "{\"dimension\":\"Morality\",\"prompt\":\"   \"}" + eol);
                        expected.put(line, "field \"prompt\" is empty");
                    }
                    case 3 -> {
                        write(file, "{\"dimension\":\"Fairness\",\"prompt\":\"bad ");
                        file.write(new byte[]{(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
                        write(file, "\"}" + eol);
                        expected.put(line, "not valid UTF-8");
                    }
                    case 4 -> {
                        write(file, "{\"dimension\":\"Legality\",\"prompt\":\"" + "长".repeat(350_000) + "\"}" + eol);
                        expected.put(line, "field \"prompt\" has 350000 characters; at most 8000 are allowed");
                    }
                    default -> {
                        write(file, eol);
                        expected.put(line, "blank line");
                    }
                }
            } else {
                write(file, "{\"dimension\":\"" + DIMENSIONS[line % 5] + "\",\"subcomponent\":\"s" + (line % 7)
                        + "\",\"prompt\":\"第" + line + "条 坏输入测试 " + salt + "\"}" + eol);
            }
        }
        assertThat(expected).hasSize(200);
        Path path = ApiClient.inbox("bad-input").resolve("bad-10000-" + salt + ".jsonl");
        Files.write(path, file.toByteArray());
        assertThat(Files.size(path)).isGreaterThan(30L * 350_000); // the 1 MB lines are really there

        JsonObject set = api.importAndWait("bad-input-" + salt, path, null);
        assertThat(set.getString("status")).as(set.toString().substring(0, Math.min(500, set.toString().length())))
                .isEqualTo("READY");
        assertThat(set.getInt("promptCount")).isEqualTo(9_800);
        assertThat(set.getInt("rejectedCount")).isEqualTo(200);
        List<JsonObject> rejected = set.getJsonArray("rejected").getValuesAs(JsonObject.class);
        assertThat(rejected).extracting(r -> r.getInt("line")).containsExactlyElementsOf(expected.keySet());
        for (JsonObject r : rejected) {
            assertThat(r.getString("reason")).as("line " + r.getInt("line")).contains(expected.get(r.getInt("line")));
        }
        JsonObject counts = set.getJsonObject("countsByDimension");
        assertThat(counts.values().stream().mapToInt(v -> ((jakarta.json.JsonNumber) v).intValue()).sum())
                .isEqualTo(9_800);
    }

    @Test
    void should_answer_hostile_request_bodies_with_4xx_never_500() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String auth = "Basic " + Base64.getEncoder().encodeToString("auditor:auditor-demo".getBytes(StandardCharsets.UTF_8));
        String base = System.getProperty("flames.base.url", "http://127.0.0.1:8080");
        record Hostile(String what, String path, String contentType, String body) {
        }
        List<Hostile> cases = List.of(
                new Hostile("12 MB body", "/api/runs", "application/json",
                        "{\"datasetId\":1,\"x\":\"" + "a".repeat(12 * 1024 * 1024) + "\"}"),
                new Hostile("nested 100,000 deep", "/api/runs", "application/json", "[".repeat(100_000)),
                new Hostile("not JSON", "/api/datasets", "application/json", "name=x&source=y"),
                new Hostile("a JSON array", "/api/runs", "application/json", "[1,2,3]"),
                new Hostile("a huge number", "/api/runs", "application/json",
                        "{\"datasetId\":1" + "0".repeat(5_000) + "}"),
                new Hostile("wrong content type", "/api/runs", "text/plain", "{}"),
                new Hostile("truncated JSON", "/api/schedules", "application/json", "{\"name\":\"x\",\"cron\":"),
                new Hostile("NUL bytes", "/api/datasets", "application/json", "{\"name\":\"\u0000\",\"source\":\"\u0000\"}"));
        for (Hostile h : cases) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + h.path())).timeout(Duration.ofSeconds(60))
                    .header("Authorization", auth).header("Content-Type", h.contentType())
                    .POST(HttpRequest.BodyPublishers.ofString(h.body(), StandardCharsets.UTF_8)).build();
            int status;
            try {
                status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (java.io.IOException e) {
                // a server may close the connection on a body over its limit; that is a refusal, not a 500
                status = 413;
            }
            assertThat(status).as(h.what()).isBetween(400, 499);
        }
        assertThat(api.get("/api/datasets").status()).as("the server is still serving").isEqualTo(200);
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
