package org.flamesaudit.cli;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code flames-audit}: Flames Audit from a terminal or a CI pipeline, through the REST API only. {@code run FILE}
 * starts a run from a JSON or YAML request (the body of {@code POST /api/runs}), follows it with a progress bar on
 * standard error, prints the metrics table and the gate, downloads the reports with {@code --reports DIR}; its exit
 * code is {@value #PASS} when the run completed and its gate passed (or it has none), {@value #FAIL} when the gate
 * failed, {@value #ERROR} on an error or a run that did not complete (halted, stopped, failed, too many failures), and
 * {@value #INCONCLUSIVE} when the gate could not decide. {@code status ID} prints a run; {@code compare ID ID...}
 * the comparison (baseline first) and, with {@code --pdf FILE}, its PDF; {@code report ID --out DIR} downloads a
 * run's reports; {@code import NAME SOURCE} imports a prompt set (a path the server may read, or an https URL) and
 * waits until it is READY. {@code --json} prints one JSON object instead of text. Credentials come from the environment or a netrc file ({@link Credentials}).
 */
@Command(name = "flames-audit", mixinStandardHelpOptions = true, version = "flames-audit 1.0",
        description = "Runs and reads Flames Audit audits through its REST API.",
        subcommands = {FlamesCli.Run.class, FlamesCli.Status.class, FlamesCli.Compare.class, FlamesCli.Report.class,
                FlamesCli.Import.class})
public final class FlamesCli {

    static final int PASS = 0;
    static final int FAIL = 1;
    static final int ERROR = 2;
    static final int INCONCLUSIVE = 3;

    @Option(names = "--url", description = "The server (default: FLAMES_URL, else http://localhost:8080)")
    String url;

    @Option(names = "--json", description = "Print one JSON object instead of text")
    boolean json;

    Map<String, String> env = System.getenv();

    public static void main(String[] args) {
        System.exit(execute(System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                args));
    }

    /** Runs the command line with this environment and these streams; returns the exit code. */
    public static int execute(Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
        FlamesCli cli = new FlamesCli();
        cli.env = env;
        CommandLine cmd = new CommandLine(cli);
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof CliException c) {
                if (cli.json) {
                    out.println(Json.createObjectBuilder().add("error", String.valueOf(c.getMessage()))
                            .add("exitCode", c.exitCode).build());
                } else {
                    err.println("flames-audit: " + c.getMessage());
                }
                out.flush();
                err.flush();
                return c.exitCode;
            }
            err.println("flames-audit: " + e);
            err.flush();
            return ERROR;
        });
        cmd.setParameterExceptionHandler((e, a) -> {
            err.println("flames-audit: " + e.getMessage());
            e.getCommandLine().usage(err);
            err.flush();
            return ERROR;
        });
        return cmd.execute(args);
    }

    RestClient client() {
        String u = url != null ? url : env.getOrDefault("FLAMES_URL", "http://localhost:8080");
        URI base;
        try {
            base = URI.create(u.endsWith("/") ? u : u + "/");
        } catch (IllegalArgumentException e) {
            throw new CliException(ERROR, "--url: " + u + " is not a URL");
        }
        return new RestClient(base, Credentials.find(base, env));
    }

    /** What every subcommand shares: the top command's options (--url, --json) and its own output streams. */
    abstract static class Subcommand implements Callable<Integer> {

        @CommandLine.ParentCommand
        FlamesCli cli;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
    }

    @Command(name = "run", description = "Start a run from a JSON or YAML request file, follow it, print its metrics "
            + "and gate; exit 0 on PASS, 1 on a failed gate, 2 on an error or a run that did not complete, 3 on an "
            + "inconclusive gate.")
    static final class Run extends Subcommand {

        @Parameters(index = "0", description = "The run request (.json, .yaml or .yml): the body of POST /api/runs")
        Path file;

        @Option(names = "--reports", description = "Download the PDF report and the workbook into this directory")
        Path reports;

        @Option(names = "--timeout", description = "Give up waiting after this many minutes (default 120)")
        long timeoutMinutes = 120;

        @Option(names = "--poll", description = "Seconds between two looks at the run (default 2)")
        double pollSeconds = 2;

        @Override
        public Integer call() throws Exception {
            if (pollSeconds < 0.2 || timeoutMinutes < 1) {
                throw new CliException(ERROR, "--poll must be at least 0.2 s and --timeout at least 1 min");
            }
            JsonObject request = RequestFile.read(file);
            RestClient api = cli.client();
            long id = api.post("api/runs", request).getJsonNumber("id").longValue();
            JsonObject run = follow(api, id, Duration.ofMinutes(timeoutMinutes), pollSeconds, cli.json ? null
                    : spec.commandLine().getErr());
            return report(api, run, reports, cli.json, spec.commandLine().getOut());
        }
    }

    @Command(name = "status", description = "Print a run: its status, progress, metrics and gate.")
    static final class Status extends Subcommand {

        @Parameters(index = "0", description = "The run id")
        long id;

        @Override
        public Integer call() {
            RestClient api = cli.client();
            return report(api, api.get("api/runs/" + id), null, cli.json, spec.commandLine().getOut());
        }
    }

    @Command(name = "compare", description = "Compare completed runs on one dataset version (the baseline first): "
            + "per dimension and overall the rate, its difference from the baseline and the p-value.")
    static final class Compare extends Subcommand {

        @Parameters(arity = "2..8", description = "Run ids, the baseline first")
        List<Long> runs;

        @Option(names = "--pdf", description = "Also save the comparison PDF here")
        Path pdf;

        @Override
        public Integer call() {
            RestClient api = cli.client();
            String ids = String.join(",", runs.stream().map(String::valueOf).toList());
            JsonObject c = api.get("api/reports/compare?runs=" + ids);
            if (pdf != null) {
                api.download("api/reports/compare.pdf?runs=" + ids, pdf);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (cli.json) {
                out.println(c);
            } else {
                out.println("comparison " + c.getString("comparisonId") + " · " + c.getJsonObject("dataset")
                        .getString("name") + " v" + c.getJsonObject("dataset").getInt("version"));
                out.println(String.format(Locale.ROOT, "%-16s %-4s %8s %9s %10s %s", "dimension", "run", "id",
                        "harmless", "difference", "p"));
                for (JsonObject r : c.getJsonArray("runs").getValuesAs(JsonObject.class)) {
                    row(out, "overall", r, r.getJsonObject("overall"));
                    JsonObject dims = r.getJsonObject("dimensions");
                    for (String d : dims.keySet()) {
                        row(out, d, r, dims.getJsonObject(d));
                    }
                }
                if (pdf != null) {
                    out.println("report: " + pdf);
                }
            }
            out.flush();
            return PASS;
        }

        private static void row(PrintWriter out, String scope, JsonObject run, JsonObject s) {
            JsonObject v = s.get("vsBaseline") instanceof JsonObject o ? o : null;
            double rate = num(s, "harmlessRate");
            double diff = v == null ? Double.NaN : num(v, "difference");
            double p = v == null ? Double.NaN : num(v, "pValue");
            out.println(String.format(Locale.ROOT, "%-16s %-4s %8d %9s %10s %s", scope, run.getString("label"),
                    run.getJsonNumber("runId").longValue(), Double.isNaN(rate) ? "—"
                            : String.format(Locale.ROOT, "%.2f%%", 100 * rate),
                    v == null ? "baseline" : Double.isNaN(diff) ? "—" : String.format(Locale.ROOT, "%+.2f pp",
                            100 * diff), Double.isNaN(p) ? "—" : String.format(Locale.ROOT, "%.4f%s", p,
                            v.getBoolean("significant", false) ? " *" : "")));
        }

        /** A number of the comparison's JSON; NaN where it is absent or null (an undefined test). */
        private static double num(JsonObject o, String key) {
            return o.get(key) instanceof jakarta.json.JsonNumber n ? n.doubleValue() : Double.NaN;
        }
    }

    @Command(name = "report", description = "Download a completed run's PDF report and workbook.")
    static final class Report extends Subcommand {

        @Parameters(index = "0", description = "The run id")
        long id;

        @Option(names = "--out", description = "The directory (default: the current one)")
        Path out = Path.of(".");

        @Override
        public Integer call() {
            RestClient api = cli.client();
            JsonObjectBuilder files = downloads(api, id, "COMPLETED", out);
            JsonObject f = files.build();
            PrintWriter w = spec.commandLine().getOut();
            if (cli.json) {
                w.println(Json.createObjectBuilder().add("runId", id).add("reports", f).build());
            } else {
                f.forEach((k, v) -> w.println("report: " + ((jakarta.json.JsonString) v).getString()));
            }
            w.flush();
            return PASS;
        }
    }

    @Command(name = "import", description = "Import a prompt set (a path the server may read, or an https URL) and "
            + "wait until it is READY; prints its id and the lines it rejected.")
    static final class Import extends Subcommand {

        @Parameters(index = "0", description = "The dataset's name")
        String name;

        @Parameters(index = "1", description = "The source: a path on the server or an https URL")
        String source;

        @Option(names = "--sha256", description = "The SHA-256 the file must have")
        String sha256;

        @Override
        public Integer call() throws InterruptedException {
            RestClient api = cli.client();
            JsonObjectBuilder body = Json.createObjectBuilder().add("name", name).add("source", source);
            if (sha256 != null) {
                body.add("sha256", sha256);
            }
            long id = api.post("api/datasets", body.build()).getJsonNumber("id").longValue();
            JsonObject d;
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            do {
                d = api.get("api/datasets/" + id);
                if (Set.of("READY", "FAILED").contains(d.getString("status"))) {
                    break;
                }
                Thread.sleep(500);
            } while (System.nanoTime() < deadline);
            PrintWriter out = spec.commandLine().getOut();
            if (cli.json) {
                out.println(d);
            } else {
                out.println("dataset " + id + " " + name + ": " + d.getString("status") + d.entrySet().stream()
                        .filter(e -> Set.of("version", "promptCount", "rejectedCount", "sha256").contains(e.getKey()))
                        .map(e -> " · " + e.getKey() + " " + e.getValue()).reduce("", String::concat));
            }
            out.flush();
            return "READY".equals(d.getString("status")) ? PASS : ERROR;
        }
    }

    static final Set<String> ENDED = Set.of("COMPLETED", "COMPLETED_WITH_FAILURES", "FAILED", "STOPPED");

    /** Polls the run until it ended and its gate (if any) is decided; a progress bar on {@code err} when given. */
    static JsonObject follow(RestClient api, long id, Duration timeout, double pollSeconds, PrintWriter err)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int missed = 0;
        while (true) {
            JsonObject run;
            try {
                run = api.get("api/runs/" + id);
                missed = 0;
            } catch (CliException e) {
                // a restarting server or a lost connection: look again, up to 5 times in a row
                if (++missed > 5 || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep((long) (pollSeconds * 1000));
                continue;
            }
            String status = run.getString("status");
            if (err != null) {
                JsonObject p = run.getJsonObject("progress");
                long total = Math.max(1, p.getJsonNumber("total").longValue());
                long done = p.getJsonNumber("scored").longValue() + p.getJsonNumber("unscorable").longValue();
                int width = 30;
                int filled = (int) Math.min(width, width * done / total);
                err.print("\rrun " + id + " [" + "#".repeat(filled) + ".".repeat(width - filled) + "] "
                        + p.getJsonNumber("generated") + "/" + total + " answered, " + done + " scored · " + status
                        + "   ");
                err.flush();
            }
            boolean gateDue = run.containsKey("gate") && !run.getJsonObject("gate").containsKey("verdict");
            if (ENDED.contains(status) && !(gateDue && status.startsWith("COMPLETED"))) {
                if (err != null) {
                    err.println();
                }
                return run;
            }
            if (System.nanoTime() > deadline) {
                throw new CliException(ERROR, "run " + id + " is still " + status + " after " + timeout.toMinutes()
                        + " min (it goes on on the server: flames-audit status " + id + ")");
            }
            Thread.sleep((long) (pollSeconds * 1000));
        }
    }

    /** Prints the run (text or JSON) and returns the exit code its outcome gives. */
    static int report(RestClient api, JsonObject run, Path reports, boolean json, PrintWriter out) {
        long id = run.getJsonNumber("id").longValue();
        String status = run.getString("status");
        JsonObject metrics = status.startsWith("COMPLETED") ? api.get("api/runs/" + id + "/metrics") : null;
        JsonObject gate = run.containsKey("gate") ? run.getJsonObject("gate") : null;
        String verdict = gate != null && gate.containsKey("verdict") ? gate.getString("verdict") : null;
        int code = !"COMPLETED".equals(status) ? ERROR : gate == null || "PASS".equals(verdict) ? PASS
                : "FAIL".equals(verdict) ? FAIL : INCONCLUSIVE;
        if (json) {
            JsonObjectBuilder files = downloads(api, id, status, reports);
            JsonObjectBuilder b = Json.createObjectBuilder().add("runId", id).add("status", status)
                    .add("exitCode", code).add("reports", files);
            b.add("metrics", metrics == null ? JsonValue.NULL : metrics);
            b.add("gate", gate == null ? JsonValue.NULL : gate);
            if (run.containsKey("error") && !run.isNull("error")) {
                b.add("error", run.getString("error"));
            }
            out.println(b.build());
        } else {
            out.println("run " + id + ": " + status + (run.containsKey("error") && !run.isNull("error")
                    ? " (" + run.getString("error") + ")" : ""));
            if (metrics != null) {
                out.println(String.format(Locale.ROOT, "%-16s %6s %9s %21s %7s", "dimension", "n", "harmless",
                        "95% interval", "score"));
                JsonObject dims = metrics.getJsonObject("dimensions");
                for (String d : dims.keySet()) {
                    JsonObject s = dims.getJsonObject(d);
                    String ci = s.containsKey("harmlessRateCi95") ? String.format(Locale.ROOT, "%6.2f%% - %6.2f%%",
                            100 * s.getJsonArray("harmlessRateCi95").getJsonNumber(0).doubleValue(),
                            100 * s.getJsonArray("harmlessRateCi95").getJsonNumber(1).doubleValue()) : "";
                    out.println(String.format(Locale.ROOT, "%-16s %6d %8.2f%% %21s %7.2f", d, s.getInt("n"),
                            100 * s.getJsonNumber("harmlessRate").doubleValue(), ci,
                            s.getJsonNumber("harmlessScore").doubleValue()));
                }
                JsonObject o = metrics.getJsonObject("overall");
                out.println(String.format(Locale.ROOT, "%-16s %6s %8.2f%% %21s %7.2f", "overall", "",
                        100 * o.getJsonNumber("harmlessRate").doubleValue(), "",
                        o.getJsonNumber("harmlessScore").doubleValue()));
            }
            if (gate != null) {
                out.println("gate: " + (verdict == null ? "not evaluated yet" : verdict));
                if (verdict != null) {
                    for (JsonObject r : gate.getJsonObject("result").getJsonArray("rules")
                            .getValuesAs(JsonObject.class)) {
                        out.println("  " + r.getString("verdict") + "  " + r.getString("rule") + " "
                                + r.getString("scope") + describe(r));
                    }
                }
            }
            out.flush();
            downloads(api, id, status, reports).build().forEach((k, v) -> out.println("report: "
                    + ((jakarta.json.JsonString) v).getString()));
        }
        out.flush();
        return code;
    }

    /** Downloads the run's PDF and workbook into {@code reports} (when given and the run completed). */
    private static JsonObjectBuilder downloads(RestClient api, long id, String status, Path reports) {
        JsonObjectBuilder files = Json.createObjectBuilder();
        if (reports != null && "COMPLETED".equals(status)) {
            try {
                Files.createDirectories(reports);
            } catch (java.io.IOException e) {
                throw new CliException(ERROR, "cannot create " + reports + ": " + e.getMessage());
            }
            for (String ext : new String[]{"pdf", "xlsx"}) {
                Path f = api.download("api/runs/" + id + "/report." + ext, reports.resolve("flames-run-" + id + "."
                        + ext));
                files.add(ext, f.toString());
            }
        }
        return files;
    }

    private static String describe(JsonObject r) {
        StringBuilder b = new StringBuilder();
        if (r.containsKey("rate")) {
            b.append(String.format(Locale.ROOT, "  rate %.2f%%", 100 * r.getJsonNumber("rate").doubleValue()));
        }
        if (r.containsKey("floor")) {
            b.append(String.format(Locale.ROOT, "  floor %.2f%%", 100 * r.getJsonNumber("floor").doubleValue()));
        }
        if (r.containsKey("baselineRate")) {
            b.append(String.format(Locale.ROOT, "  baseline %.2f%%", 100 * r.getJsonNumber("baselineRate")
                    .doubleValue()));
        }
        if (r.containsKey("pValue")) {
            b.append(String.format(Locale.ROOT, "  p %.4g (corrected %.4g)", r.getJsonNumber("pValue").doubleValue(),
                    r.getJsonNumber("adjustedPValue").doubleValue()));
        }
        if (r.containsKey("note")) {
            b.append("  (").append(r.getString("note")).append(')');
        }
        return b.toString();
    }
}
