package org.flamesaudit.generation;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * One JSON POST to a provider, shared by every HTTP connector: transport failures and non-200 statuses become typed
 * {@link ProviderException}s (with Retry-After), and the caller's secret is removed from any text the provider
 * echoes back before it can reach a message, a log or the database. Thread-safe.
 *
 * <p>Bounded (issue 20): {@code requestTimeout} is a deadline for the whole exchange, headers and body (a body
 * dripped byte by byte or stalled after the headers ends the attempt when it passes); an answer is read as a stream
 * and never kept beyond {@link ProviderLimits#maxAnswerBytes()}; {@link #abortInFlight()} ends every call in flight
 * at once (a stopped or halted run).
 */
public final class JsonHttpCall {

    /** Closes the bodies of calls whose deadline passed; one daemon thread for the whole server. */
    private static final java.util.concurrent.ScheduledExecutorService DEADLINES =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "flames-provider-deadlines");
                t.setDaemon(true);
                return t;
            });

    private final HttpClient http;
    private final URI endpoint;
    private final Duration requestTimeout;
    private final String secret;
    private final long maxAnswerBytes;
    private final java.util.Set<java.io.InputStream> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean aborted;

    public JsonHttpCall(URI endpoint, Duration connectTimeout, Duration requestTimeout, String secret) {
        this(endpoint, connectTimeout, requestTimeout, secret, ProviderLimits.maxAnswerBytes());
    }

    /** {@code maxAnswerBytes}: the most bytes of one answer that are read; a longer answer fails the attempt. */
    public JsonHttpCall(URI endpoint, Duration connectTimeout, Duration requestTimeout, String secret,
                        long maxAnswerBytes) {
        this.endpoint = endpoint;
        this.requestTimeout = requestTimeout;
        this.secret = secret;
        this.maxAnswerBytes = maxAnswerBytes;
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** POSTs {@code json} with the given headers and returns the body of a 200 answer. */
    public String post(String json, Map<String, String> headers) throws ProviderException {
        Answer response = send(json, headers, "application/json");
        int status = response.status();
        if (status != 200) {
            // classified as the provider sent it (a redaction must never hide a signal), kept redacted
            throw ProviderSignatures.errorFor(status, response.body(), response.retryAfter(), this::redact);
        }
        // the key removed from the answer too: an endpoint that echoes the request must not put it into a message
        return redact(response.body());
    }

    /** One server-sent event: its {@code event:} name (null when none) and its {@code data:} lines joined. */
    public record SseEvent(String event, String data) {
    }

    /**
     * POSTs {@code json} asking for server-sent events (a provider's {@code "stream": true}) and returns every event
     * of a 200 answer, in order, up to {@code data: [DONE]} or the end of the body (the HTML5 event-stream format:
     * {@code event:} and {@code data:} lines, a blank line ends an event). A non-200 answer is classified exactly as
     * {@link #post} does.
     */
    public java.util.List<SseEvent> postForEvents(String json, Map<String, String> headers) throws ProviderException {
        // the whole stream is read before it is assembled (the answer is stored whole), like a plain answer
        Answer response = send(json, headers, "text/event-stream");
        int status = response.status();
        if (status != 200) {
            throw ProviderSignatures.errorFor(status, response.body(), response.retryAfter(), this::redact);
        }
        java.util.List<SseEvent> events = new java.util.ArrayList<>();
        for (SseEvent e : parseEventStream(response.body())) {
            events.add(new SseEvent(e.event(), redact(e.data())));
        }
        return events;
    }

    /**
     * The events of an event-stream body (the HTML5 {@code text/event-stream} format), up to {@code data: [DONE]}. A
     * body with no event at all is one event: the server ignored {@code "stream"} and answered with a plain body.
     */
    public static java.util.List<SseEvent> parseEventStream(String body) {
        java.util.List<SseEvent> events = new java.util.ArrayList<>();
        String name = null;
        StringBuilder data = null;
        for (String line : (Iterable<String>) body.lines()::iterator) {
            if (line.isEmpty()) {
                if (data != null) {
                    if (data.toString().equals("[DONE]")) {
                        return events;
                    }
                    events.add(new SseEvent(name, data.toString()));
                }
                name = null;
                data = null;
            } else if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                String d = line.substring(5);
                d = d.startsWith(" ") ? d.substring(1) : d;
                data = data == null ? new StringBuilder(d) : data.append('\n').append(d);
            }
            // comments (":") and other fields (id:, retry:) carry nothing for us
        }
        if (data != null && !data.toString().equals("[DONE]")) {
            events.add(new SseEvent(name, data.toString()));
        }
        if (events.isEmpty() && !body.isBlank() && body.lines().noneMatch(l -> l.startsWith("data:"))) {
            events.add(new SseEvent(null, body.strip()));
        }
        return events;
    }

    /** A provider's answer as read: status, body (at most the size limit) and the delay it asked for. */
    private record Answer(int status, String body, Duration retryAfter) {
    }

    /**
     * One POST of {@code json}, headers and body within {@code requestTimeout}, the body read up to the size limit.
     * Transport failures and a passed deadline are retriable; an answer over the limit and an aborted call are not.
     */
    private Answer send(String json, Map<String, String> headers, String accept) throws ProviderException {
        if (aborted) {
            throw new ProviderException("the run's calls were stopped", false, null, null, null);
        }
        long deadline = System.nanoTime() + requestTimeout.toNanos();
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        // the blocking send, not sendAsync: the JDK's client hands every asynchronous answer to CompletableFuture's
        // default executor, which on a machine of one or two cores (common pool parallelism 1) is a new thread per
        // call; send waits in this thread, honours the request's timeout and ends the exchange when interrupted
        HttpResponse<java.io.InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw timeout(e);
        } catch (IOException e) {
            throw new ProviderException("I/O error calling " + endpoint + ": " + e, true, null, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted calling " + endpoint, false, null, null, e);
        }
        java.io.InputStream in = response.body();
        inFlight.add(in);
        long left = Math.max(1, deadline - System.nanoTime());
        java.util.concurrent.ScheduledFuture<?> cutOff = DEADLINES.schedule(() -> closeQuietly(in), left,
                java.util.concurrent.TimeUnit.NANOSECONDS);
        try {
            byte[] body = readAtMost(in);
            return new Answer(response.statusCode(), new String(body, StandardCharsets.UTF_8),
                    parseRetryAfter(response.headers().firstValue("Retry-After").orElse(null)));
        } catch (IOException e) {
            if (aborted) {
                throw new ProviderException("the run's calls were stopped while an answer was being read", false,
                        null, null, e);
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new ProviderException("timeout after " + requestTimeout.toSeconds() + " s calling " + endpoint
                        + ": the answer had not arrived whole (timeoutSeconds covers headers and body)", true, null,
                        null, e);
            }
            throw new ProviderException("I/O error reading the answer of " + endpoint + ": " + e, true, null, null, e);
        } finally {
            cutOff.cancel(false);
            inFlight.remove(in);
            closeQuietly(in);
        }
    }

    /** The body, read in pieces; more than the limit ends the read and fails the attempt (not retried). */
    private byte[] readAtMost(java.io.InputStream in) throws IOException, ProviderException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            total += n;
            if (total > maxAnswerBytes) {
                throw new ProviderException("the answer of " + endpoint + " is larger than the limit of "
                        + maxAnswerBytes + " bytes (" + ProviderLimits.PROPERTY + "); it was not read further", false,
                        null, null, null);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private ProviderException timeout(Throwable cause) {
        return new ProviderException("timeout after " + requestTimeout.toSeconds() + " s calling " + endpoint, true,
                null, null, cause);
    }

    /** Ends every call in flight and refuses new ones: the run was stopped or halted. */
    public void abortInFlight() {
        aborted = true;
        inFlight.forEach(JsonHttpCall::closeQuietly);
    }

    private static void closeQuietly(java.io.InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // already closed or broken: the reader sees the end either way
        }
    }

    private String redact(String text) {
        if (text == null || secret == null || secret.isEmpty()) {
            return text;
        }
        return text.replace(secret, "[REDACTED]");
    }

    /** Retry-After as delta-seconds or an HTTP date; null when absent or unreadable. */
    public static Duration parseRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException ignored) {
            // not delta-seconds
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Parses a provider's 200 answer; one that is not a JSON object is a (retriable) provider error. */
    public static jakarta.json.JsonObject parseObject(String body) throws ProviderException {
        try (var reader = org.flamesaudit.support.Jsons.JSON.createReader(new java.io.StringReader(body))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            throw new ProviderException("response is not a JSON object: " + abbreviate(body), true, 200, null, e);
        }
    }

    public static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
