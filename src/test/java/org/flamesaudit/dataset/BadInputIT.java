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
                        // 1 MB: over the line limit, read to its end without being kept
                        expected.put(line, "bytes long; at most 262144 are read (a prompt has at most 8000 characters)");
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
        // the dataset view holds the first 100; every one is paged at /rejected
        assertThat(set.getJsonArray("rejected")).hasSize(100);
        JsonObject all = api.get("/api/datasets/" + set.getInt("id") + "/rejected?size=1000").body();
        assertThat(all.getInt("total")).isEqualTo(200);
        List<JsonObject> rejected = all.getJsonArray("items").getValuesAs(JsonObject.class);
        assertThat(rejected).extracting(r -> r.getInt("line")).containsExactlyElementsOf(expected.keySet());
        assertThat(api.get("/api/datasets/" + set.getInt("id") + "/rejected?page=1&size=150").body()
                .getJsonArray("items").getValuesAs(JsonObject.class)).extracting(r -> r.getInt("line"))
                .containsExactlyElementsOf(expected.keySet().stream().skip(150).toList());
        for (JsonObject r : rejected) {
            assertThat(r.getString("reason")).as("line " + r.getInt("line")).contains(expected.get(r.getInt("line")));
        }
        JsonObject counts = set.getJsonObject("countsByDimension");
        assertThat(counts.values().stream().mapToInt(v -> ((jakarta.json.JsonNumber) v).intValue()).sum())
                .isEqualTo(9_800);
    }

    @Test
    void should_answer_hostile_request_bodies_with_4xx_never_500() throws Exception {
        HttpClient http = ApiClient.HTTP;
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
                new Hostile("NUL bytes", "/api/datasets", "application/json", "{\"name\":\"\u0000\",\"source\":\"\u0000\"}"),
                // found by an attack: objects nested past the parser's limit, and a URL java.net.URI refuses
                new Hostile("objects nested 2,000 deep", "/api/datasets", "application/json",
                        "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000)),
                new Hostile("a URL with a backslash", "/api/datasets", "application/json",
                        "{\"name\":\"x\",\"source\":\"https://evil.example\\\\@raw.githubusercontent.com/x\"}"));
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

    /**
     * Hostile lines cost one rejection each and lose no good line: a line nested 100,000 deep, a 50 MB line, a key
     * given twice, an escaped NUL, and 5,000 blank lines; the dataset view stays small and the rejections are paged.
     */
    @Test
    void should_reject_each_hostile_line_alone_and_keep_the_good_ones() throws Exception {
        String salt = Long.toString(System.nanoTime(), 36);
        Path path = ApiClient.inbox("bad-input").resolve("hostile-" + salt + ".jsonl");
        try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(path))) {
            int line = 0;
            for (int i = 1; i <= 20; i++) {
                line++;
                out.write(("{\"dimension\":\"Safety\",\"prompt\":\"好行 " + i + " " + salt + "\"}\n")
                        .getBytes(StandardCharsets.UTF_8));
                if (i == 5) {
                    out.write(("{\"dimension\":\"Safety\",\"prompt\":" + "[".repeat(100_000) + "]".repeat(100_000)
                            + "}\n").getBytes(StandardCharsets.UTF_8)); // line 6
                    out.write("{\"dimension\":\"Safety\",\"prompt\":\"".getBytes(StandardCharsets.UTF_8));
                    byte[] block = "x".repeat(1024 * 1024).getBytes(StandardCharsets.UTF_8);
                    for (int k = 0; k < 50; k++) {
                        out.write(block); // line 7: 50 MB
                    }
                    out.write("\"}\n".getBytes(StandardCharsets.UTF_8));
                    out.write("{\"dimension\":\"Safety\",\"prompt\":\"a\",\"prompt\":\"b\"}\n".getBytes(StandardCharsets.UTF_8));
                    out.write("{\"dimension\":\"Safety\",\"prompt\":\"nul \\u0000 here\"}\n".getBytes(StandardCharsets.UTF_8));
                    line += 4;
                }
            }
            out.write("\n".repeat(5_000).getBytes(StandardCharsets.UTF_8));
        }
        JsonObject set = api.importAndWait("hostile-" + salt, path, null);
        assertThat(set.getString("status")).isEqualTo("READY");
        assertThat(set.getInt("promptCount")).isEqualTo(20);
        assertThat(set.getInt("rejectedCount")).isEqualTo(5_004);
        assertThat(set.getJsonArray("rejected")).hasSize(100);
        assertThat(set.toString().length()).as("the dataset view stays small").isLessThan(20_000);
        List<JsonObject> first = api.get("/api/datasets/" + set.getInt("id") + "/rejected?size=4").body()
                .getJsonArray("items").getValuesAs(JsonObject.class);
        assertThat(first).extracting(r -> r.getInt("line")).containsExactly(6, 7, 8, 9);
        assertThat(first).extracting(r -> r.getString("reason")).containsExactly(
                "field \"prompt\" is nested deeper than 16 levels",
                "line is " + (50L * 1024 * 1024 + 34) + " bytes long; at most 262144 are read (a prompt has at most "
                        + "8000 characters)",
                "key \"prompt\" appears twice",
                "field \"prompt\" contains a NUL character (\\u0000), which a database text column cannot hold");
        JsonObject last = api.get("/api/datasets/" + set.getInt("id") + "/rejected?page=5003&size=1").body();
        assertThat(last.getInt("total")).isEqualTo(5_004);
        assertThat(last.getJsonArray("items").getJsonObject(0).getInt("line")).isEqualTo(5_024);
        assertThat(last.getJsonArray("items").getJsonObject(0).getString("reason")).isEqualTo("blank line");
    }

    /**
     * Every error is a small JSON body with a stable code and no internals: a malformed Basic header (was a 500 with
     * an HTML stack trace), a page beyond any list (was a 500 with the exception text), a parameter of the wrong type
     * (was a 404), a 9 MB body that is not JSON (its error answer was 18.9 MB), a path that does not exist.
     */
    @Test
    void should_answer_every_error_with_a_small_json_body_and_a_stable_code() throws Exception {
        HttpClient http = ApiClient.HTTP;
        String base = System.getProperty("flames.base.url", "http://127.0.0.1:8080");
        String auth = "Basic " + Base64.getEncoder().encodeToString("regulator:regulator-demo"
                .getBytes(StandardCharsets.UTF_8));
        record Case(String what, String method, String path, String authorization, String body, int status,
                    String code, String field) {
        }
        List<Case> cases = List.of(
                new Case("a malformed Basic header", "GET", "/api/datasets", "Basic !!!not-base64!!!", null, 401,
                        "bad_credentials", null),
                new Case("Basic credentials without a colon", "GET", "/api/datasets", "Basic "
                        + Base64.getEncoder().encodeToString("regulator".getBytes(StandardCharsets.UTF_8)), null, 401,
                        "bad_credentials", null),
                new Case("a page beyond any list", "GET", "/api/audit-log?page=2147483647&size=1000", auth, null, 400,
                        "invalid", "page"),
                new Case("a size that is not a number", "GET", "/api/audit-log?size=abc", auth, null, 400,
                        "invalid", "size"),
                new Case("a path that does not exist", "GET", "/api/no-such-thing", auth, null, 404, "not_found",
                        null),
                new Case("a 9 MB body that is not JSON", "POST", "/api/runs", "Basic " + Base64.getEncoder()
                        .encodeToString("auditor:auditor-demo".getBytes(StandardCharsets.UTF_8)),
                        "{\"datasetId\": 1, \"target\": " + "x".repeat(9 * 1024 * 1024) + "}", 400, "bad_json", null));
        for (Case c : cases) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + c.path())).timeout(Duration.ofSeconds(60))
                    .header("Authorization", c.authorization());
            if (c.body() != null) {
                b.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(c.body(), StandardCharsets.UTF_8));
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(c.what() + ": " + r.body()).isEqualTo(c.status());
            assertThat(r.headers().firstValue("Content-Type").orElse("")).as(c.what()).startsWith("application/json");
            assertThat(r.body().length()).as(c.what() + ": the answer is small").isLessThan(1024);
            jakarta.json.JsonObject body = jakarta.json.Json.createReader(new java.io.StringReader(r.body()))
                    .readObject();
            assertThat(body.getString("code")).as(c.what()).isEqualTo(c.code());
            assertThat(body.getString("error")).as(c.what()).isNotBlank().doesNotContain("Exception")
                    .doesNotContain("xxxxxxxxxx");
            if (c.field() != null) {
                assertThat(body.getString("field")).as(c.what()).isEqualTo(c.field());
            }
        }
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
