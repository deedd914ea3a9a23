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
 */
public final class JsonHttpCall {

    private final HttpClient http;
    private final URI endpoint;
    private final Duration requestTimeout;
    private final String secret;

    public JsonHttpCall(URI endpoint, Duration connectTimeout, Duration requestTimeout, String secret) {
        this.endpoint = endpoint;
        this.requestTimeout = requestTimeout;
        this.secret = secret;
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** POSTs {@code json} with the given headers and returns the body of a 200 answer. */
    public String post(String json, Map<String, String> headers) throws ProviderException {
        HttpResponse<String> response = send(json, headers, "application/json",
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        int status = response.statusCode();
        if (status != 200) {
            Duration retryAfter = parseRetryAfter(response.headers().firstValue("Retry-After").orElse(null));
            // classified as the provider sent it (a redaction must never hide a signal), kept redacted
            throw ProviderSignatures.errorFor(status, response.body(), retryAfter, this::redact);
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
        HttpResponse<String> response = send(json, headers, "text/event-stream",
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        int status = response.statusCode();
        if (status != 200) {
            Duration retryAfter = parseRetryAfter(response.headers().firstValue("Retry-After").orElse(null));
            throw ProviderSignatures.errorFor(status, response.body(), retryAfter, this::redact);
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

    /** One POST of {@code json}; transport failures become retriable (or, interrupted, final) provider errors. */
    private <T> HttpResponse<T> send(String json, Map<String, String> headers, String accept,
                                     HttpResponse.BodyHandler<T> handler) throws ProviderException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        try {
            return http.send(request.build(), handler);
        } catch (HttpTimeoutException e) {
            throw new ProviderException("timeout after " + requestTimeout.toSeconds() + " s calling " + endpoint,
                    true, null, null, e);
        } catch (IOException e) {
            throw new ProviderException("I/O error calling " + endpoint + ": " + e, true, null, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted calling " + endpoint, false, null, null, e);
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
