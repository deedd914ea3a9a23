package org.flamesaudit.testsupport;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/** HTTP helper for the integration tests against the running server (jberet AbstractIT's startJobAndWait style). */
public final class ApiClient {

    public record Reply(int status, JsonObject body) {
    }

    /**
     * The one HTTP client of the test JVM, HTTP/1.1 only. The JDK's default (HTTP/2) sends every first request of a
     * connection over plain http with an {@code Upgrade: h2c} header; against WildFly's Undertow the JDK 17 client then
     * sometimes never receives the answer, and the server closes the silent connection after its 60 s
     * {@code no-request-timeout}: "EOF reached while reading". Measured 2026-12-01 against one server: 7 such stalls
     * in 28,000 requests with a new default client per request (always on GET /api/glossary, a 16 kB answer), none in
     * 28,000 with HTTP/1.1, none in 1,500 h2c upgrades by curl. Browsers and curl never upgrade this way, and the
     * server's provider calls use HTTP/1.1 too ({@code JsonHttpCall}). Shared, so that the thousands of
     * {@link #as(String) per-user clients} of a test run do not each keep a selector thread and open connections.
     */
    public static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpClient http = HTTP;
    private final String base;
    /** "Basic ..." for the user this client acts as, or null for an anonymous client. */
    private final String authorization;

    /** A client acting as the demo auditor, who may import, start runs and read. */
    public ApiClient(String base) {
        this(base, basic("auditor", demoPassword("auditor")));
    }

    private ApiClient(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    private static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The demo accounts' passwords (wildfly-config/server-content/.../flames-users.properties). */
    public static String demoPassword(String user) {
        return user + "-demo";
    }

    public static ApiClient fromSystemProperties() {
        return new ApiClient(System.getProperty("flames.base.url", "http://127.0.0.1:8080"));
    }

    /** The same server as another demo user ("auditor", "reviewer", "regulator", "admin"), or null for anonymous. */
    public ApiClient as(String user) {
        return new ApiClient(base, user == null ? null : basic(user, demoPassword(user)));
    }

    /** The same server as any account with its password (for example one the admin created). */
    public ApiClient as(String user, String password) {
        return new ApiClient(base, basic(user, password));
    }

    /** The same server as this user with a wrong password. */
    public ApiClient withWrongPassword(String user) {
        return new ApiClient(base, basic(user, "not-" + demoPassword(user)));
    }

    public static Path flamesFile() {
        return Path.of(System.getProperty("flames.data.dir", "../shared/data/flames"), "Flames_1k_Chinese.jsonl")
                .toAbsolutePath().normalize();
    }

    /**
     * A fresh directory inside the server's import directory (target/it-inbox): files the tests import must be there,
     * since the server refuses paths outside its import directories.
     */
    public static Path inbox(String name) {
        Path root = Path.of(System.getProperty("flames.it.inbox", "target/it-inbox")).toAbsolutePath();
        try {
            return java.nio.file.Files.createDirectories(root.resolve(name + "-" + java.util.UUID.randomUUID()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static Path projectDir() {
        return Path.of(System.getProperty("flames.project.dir", ".")).toAbsolutePath().normalize();
    }

    public Reply post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json, StandardCharsets.UTF_8)));
    }

    /** POSTs raw bytes (a file) with their media type. */
    public Reply post(String path, byte[] content, String mediaType) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", mediaType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)));
    }

    public Reply post(String path, JsonObject json) {
        return post(path, json.toString());
    }

    public Reply put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json == null ? "" : json, StandardCharsets.UTF_8)));
    }

    public Reply put(String path, JsonObject json) {
        return put(path, json.toString());
    }

    public Reply delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** A binary download: status, the response headers and the body bytes. */
    public record Download(int status, java.net.http.HttpHeaders headers, byte[] body) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    public Download download(String path) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(120)).GET();
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Download(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + base + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Reply send(HttpRequest.Builder request) {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String body = r.body();
            JsonObject json = body == null || body.isBlank() || !body.trim().startsWith("{") ? null
                    : Json.createReader(new StringReader(body)).readObject();
            return new Reply(r.statusCode(), json);
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + base + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Imports a file and waits until the set is READY or FAILED; returns the dataset JSON. */
    public JsonObject importAndWait(String name, Path file, String sha256) {
        var body = Json.createObjectBuilder().add("name", name).add("source", file.toString());
        if (sha256 != null) {
            body.add("sha256", sha256);
        }
        Reply r = post("/api/datasets", body.build());
        if (r.status() != 202 && r.status() != 200) {
            throw new AssertionError("import failed: " + r);
        }
        long id = r.body().getJsonNumber("id").longValue();
        return waitFor("/api/datasets/" + id, Set.of("READY", "FAILED"), Duration.ofMinutes(3));
    }

    public JsonObject waitFor(String path, Set<String> statuses, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonObject last = null;
        while (System.nanoTime() < deadline) {
            Reply r = get(path);
            last = r.body();
            if (r.status() != 200) {
                throw new AssertionError("GET " + path + " answered " + r.status() + " while waiting for " + statuses
                        + ": " + last);
            }
            if (statuses.contains(last.getString("status"))) {
                return last;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("timed out waiting for " + path + " to reach " + statuses + "; last: " + last);
    }

    /** Submits a run (POST /api/runs), fails unless it is accepted (202), and returns its id. */
    public long submitRun(JsonObject request) {
        Reply r = post("/api/runs", request);
        if (r.status() != 202) {
            throw new AssertionError("run submission failed: " + r);
        }
        return r.body().getJsonNumber("id").longValue();
    }

    public JsonObject runAndWait(JsonObject request, Duration timeout) {
        long id = submitRun(request);
        return waitFor("/api/runs/" + id, Set.of("COMPLETED", "COMPLETED_WITH_FAILURES", "FAILED", "STOPPED"), timeout);
    }
}
