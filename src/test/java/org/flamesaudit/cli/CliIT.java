package org.flamesaudit.cli;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.flamesaudit.testsupport.ApiClient;
import org.flamesaudit.testsupport.OpenAiStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 25: the command line against the test server, in this JVM (FlamesCli.execute): a run whose gate passes exits
 * 0 and prints the rates the API gives; one whose floor fails exits 1; an unreachable server exits 2; --json parses.
 */
class CliIT {

    private static final ApiClient API = ApiClient.fromSystemProperties();
    private static OpenAiStub stub;
    private static long dataset;
    private static Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        stub = new OpenAiStub().replyToJudge(p -> OpenAiStub.completion("{\"score\": "
                + (Integer.parseInt(p.replaceAll("(?s).*cli-it #(\\d+).*", "$1")) % 2 == 0 ? 3 : 1)
                + ", \"rationale\": \"stub\"}", null, "stop"));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            lines.add(Json.createObjectBuilder().add("dimension", "Safety").add("prompt", "cli-it #" + i + " 可以吗？")
                    .build().toString());
        }
        dir = ApiClient.inbox("cli");
        Files.write(dir.resolve("cli.jsonl"), lines, StandardCharsets.UTF_8);
        dataset = API.importAndWait("cli-it", dir.resolve("cli.jsonl"), null).getJsonNumber("id").longValue();
    }

    @AfterAll
    static void tearDown() {
        stub.close();
    }

    private record Result(int code, String out, String err) {
    }

    private static Result cli(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = FlamesCli.execute(env, new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    private static Map<String, String> env() {
        return Map.of("FLAMES_URL", System.getProperty("flames.base.url", "http://127.0.0.1:8080"),
                "FLAMES_USER", "auditor", "FLAMES_PASSWORD", ApiClient.demoPassword("auditor"));
    }

    private static String request(String gate) {
        return "{\"datasetId\": " + dataset + ", \"concurrency\": 4, \"target\": {\"connector\": \"openai-compatible\", "
                + "\"baseUrl\": \"" + stub.baseUrl() + "\", \"model\": \"cli-model\"}, \"scorer\": {\"type\": "
                + "\"llm-judge\", \"baseUrl\": \"" + stub.baseUrl() + "\", \"model\": \"stub-judge\"}, \"gate\": " + gate
                + "}";
    }

    @Test
    void aPassingGateExitsZeroWithTheApisRatesAndTheReports() throws Exception {
        // YAML, as a pipeline would keep it
        Path file = dir.resolve("pass.yaml");
        Files.writeString(file, "datasetId: " + dataset + "\nconcurrency: 4\ntarget:\n  connector: openai-compatible\n"
                + "  baseUrl: " + stub.baseUrl() + "\n  model: cli-model\nscorer:\n  type: llm-judge\n  baseUrl: "
                + stub.baseUrl() + "\n  model: stub-judge\ngate:\n  notWorse: false\n  floors:\n    Safety: 0.4\n");
        Path reports = dir.resolve("reports");
        Result r = cli(env(), "run", file.toString(), "--reports", reports.toString(), "--poll", "0.3");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(0);
        long runId = Long.parseLong(r.out().replaceAll("(?s)^run (\\d+): .*", "$1"));
        JsonObject metrics = API.get("/api/runs/" + runId + "/metrics").body();
        double rate = metrics.getJsonObject("dimensions").getJsonObject("Safety").getJsonNumber("harmlessRate")
                .doubleValue();
        assertThat(rate).isEqualTo(0.5);
        assertThat(r.out()).contains("run " + runId + ": COMPLETED")
                .containsPattern("Safety +10 +" + String.format(Locale.ROOT, "%.2f%%", 100 * rate).replace(".", "\\."))
                .contains("gate: PASS").contains("PASS  floor Safety  rate 50.00%  floor 40.00%");
        assertThat(r.err()).contains("run " + runId + " [").contains("10/10 answered");
        assertThat(Files.size(reports.resolve("flames-run-" + runId + ".pdf"))).isPositive();
        assertThat(new String(Files.readAllBytes(reports.resolve("flames-run-" + runId + ".pdf")), 0, 5,
                StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
    }

    @Test
    void aFailingGateExitsOneAndJsonParses() throws Exception {
        Path file = dir.resolve("fail.json");
        Files.writeString(file, request("{\"notWorse\": false, \"floors\": {\"Safety\": 0.9}}"));
        Result r = cli(env(), "--json", "run", file.toString(), "--poll", "0.3");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        JsonObject o = Json.createReader(new StringReader(r.out())).readObject();
        assertThat(o.getInt("exitCode")).isEqualTo(1);
        assertThat(o.getString("status")).isEqualTo("COMPLETED");
        assertThat(o.getJsonObject("gate").getString("verdict")).isEqualTo("FAIL");
        assertThat(o.getJsonObject("metrics").getJsonObject("dimensions").getJsonObject("Safety")
                .getJsonNumber("harmlessRate").doubleValue()).isEqualTo(0.5);
        // status of the same run, also as JSON
        Result s = cli(env(), "--json", "status", Long.toString(o.getJsonNumber("runId").longValue()));
        assertThat(s.code()).isEqualTo(1);
        assertThat(Json.createReader(new StringReader(s.out())).readObject().getString("status"))
                .isEqualTo("COMPLETED");
    }

    @Test
    void anUnreachableServerOrABadRequestExitsTwo() throws Exception {
        Path file = dir.resolve("any.json");
        Files.writeString(file, request("{\"notWorse\": false, \"floors\": {\"Safety\": 0.1}}"));
        Result down = cli(env(), "--url", "http://127.0.0.1:1", "run", file.toString());
        assertThat(down.code()).isEqualTo(2);
        assertThat(down.err()).contains("flames-audit: the server at http://127.0.0.1:1/ cannot be reached");
        Result json = cli(env(), "--json", "--url", "http://127.0.0.1:1", "run", file.toString());
        assertThat(Json.createReader(new StringReader(json.out())).readObject().getInt("exitCode")).isEqualTo(2);
        Files.writeString(file, request("{\"floors\": {\"Safty\": 0.1}}"));
        Result bad = cli(env(), "run", file.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("answered 400 (gate.floors.Safty)");
        Result noCredentials = cli(Map.of("FLAMES_NETRC", dir.resolve("none").toString()), "status", "1");
        assertThat(noCredentials.code()).isEqualTo(2);
        assertThat(noCredentials.err()).contains("no credentials: set FLAMES_USER and FLAMES_PASSWORD");
    }

    @Test
    void importCompareAndReportGoThroughTheApi() throws Exception {
        Path lines = dir.resolve("import.jsonl");
        Files.writeString(lines, "{\"dimension\":\"Safety\",\"prompt\":\"cli-it import #1\"}\n"
                + "{\"dimension\":\"Safety\",\"prompt\":\"cli-it import #2\"}\nnot json\n");
        Result imported = cli(env(), "--json", "import", "cli-it-import", lines.toString());
        assertThat(imported.code()).as(imported.out() + imported.err()).isEqualTo(0);
        JsonObject d = Json.createReader(new StringReader(imported.out())).readObject();
        assertThat(d.getString("status")).isEqualTo("READY");
        assertThat(d.getInt("promptCount")).isEqualTo(2);
        assertThat(d.getInt("rejectedCount")).isEqualTo(1);

        Path file = dir.resolve("pair.json");
        Files.writeString(file, request("{\"notWorse\": false, \"floors\": {\"Safety\": 0.1}}"));
        long a = runId(cli(env(), "--json", "run", file.toString(), "--poll", "0.3"));
        long b = runId(cli(env(), "--json", "run", file.toString(), "--poll", "0.3"));
        Path pdf = dir.resolve("compare.pdf");
        Result cmp = cli(env(), "compare", Long.toString(a), Long.toString(b), "--pdf", pdf.toString());
        assertThat(cmp.code()).as(cmp.out() + cmp.err()).isEqualTo(0);
        // the same stub judge: the same rates, no difference
        assertThat(cmp.out()).containsPattern("Safety +A +" + a + " +50\\.00% +baseline")
                .containsPattern("Safety +B +" + b + " +50\\.00% +\\+0\\.00 pp +1\\.0000");
        assertThat(new String(Files.readAllBytes(pdf), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        Path out = dir.resolve("report-out");
        Result rep = cli(env(), "report", Long.toString(a), "--out", out.toString());
        assertThat(rep.code()).as(rep.out() + rep.err()).isEqualTo(0);
        assertThat(Files.size(out.resolve("flames-run-" + a + ".xlsx"))).isPositive();
    }

    @Test
    void anUnreachableTargetLeavesTheRunIncompleteAndExitsTwo() throws Exception {
        Path file = dir.resolve("unreachable.json");
        Files.writeString(file, "{\"datasetId\": " + dataset + ", \"target\": {\"connector\": \"openai-compatible\", "
                + "\"baseUrl\": \"http://127.0.0.1:1/v1\", \"model\": \"nowhere\", \"maxAttempts\": 1}, "
                + "\"scorer\": {\"type\": \"llm-judge\", \"baseUrl\": \"" + stub.baseUrl() + "\", \"model\": "
                + "\"stub-judge\"}, \"gate\": {\"notWorse\": false, \"floors\": {\"Safety\": 0.1}}}");
        Result r = cli(env(), "--json", "run", file.toString(), "--poll", "0.3", "--timeout", "3");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        JsonObject o = Json.createReader(new StringReader(r.out())).readObject();
        assertThat(o.getString("status")).isIn("FAILED", "STOPPED", "COMPLETED_WITH_FAILURES");
    }

    private static long runId(Result r) {
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(0);
        return Json.createReader(new StringReader(r.out())).readObject().getJsonNumber("runId").longValue();
    }
}
