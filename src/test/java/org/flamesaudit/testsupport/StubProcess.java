package org.flamesaudit.testsupport;

import jakarta.json.JsonObject;
import org.flamesaudit.support.Jsons;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * An {@link OpenAiStub} in a JVM of its own, for benchmarks whose figures must not include the stub's work in the
 * test JVM (its threads, its garbage, its JIT): the process is started with the test class path and prints its base
 * URL, and the calls it received are read back over HTTP ({@code GET /stub/stats}). Closing it kills the process.
 */
public final class StubProcess implements AutoCloseable {

    private static final String READY = "stub listening at ";

    private final Process process;
    private final String baseUrl;

    private StubProcess(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    /**
     * Starts the stub answering every call {@code latencyMs} milliseconds after its arrival; {@code log} receives the
     * process's output after its first line.
     *
     * @throws IllegalStateException if the process exits or prints nothing within 60 s
     */
    public static StubProcess start(long latencyMs, Path log) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                StubProcess.class.getName(), Long.toString(latencyMs)).redirectErrorStream(true);
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        if (first == null || !first.startsWith(READY)) {
            p.destroyForcibly();
            throw new IllegalStateException("stub process did not start: " + first);
        }
        Thread drain = new Thread(() -> {
            try (var w = java.nio.file.Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                String line;
                while ((line = out.readLine()) != null) {
                    w.write(line);
                    w.newLine();
                }
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        }, "stub-process-log");
        drain.setDaemon(true);
        drain.start();
        return new StubProcess(p, first.substring(READY.length()).strip());
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** CPU time the stub process has used so far, all threads. */
    public java.time.Duration cpuTime() {
        return process.info().totalCpuDuration().orElse(java.time.Duration.ZERO);
    }

    /** Target (model under test) calls the stub received so far, failed ones included. */
    public int targetAttempts() throws Exception {
        return stats().getInt("targetAttempts");
    }

    /** Judge calls the stub received so far, failed ones included. */
    public int judgeAttempts() throws Exception {
        return stats().getInt("judgeAttempts");
    }

    private JsonObject stats() throws Exception {
        HttpResponse<String> r = ApiClient.HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl).resolve("/stub/stats"))
                .build(), HttpResponse.BodyHandlers.ofString());
        return Jsons.JSON.createReader(new StringReader(r.body())).readObject();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** The stub process itself: {@code StubProcess <latencyMs>}; runs until killed. */
    public static void main(String[] args) throws Exception {
        OpenAiStub stub = new OpenAiStub().latencyMs(Long.parseLong(args[0]));
        System.out.println(READY + stub.baseUrl());
        System.out.flush();
        Thread.currentThread().join();
    }
}
