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
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new ProviderException("timeout after " + requestTimeout.toSeconds() + " s calling " + endpoint,
                    true, null, null, e);
        } catch (IOException e) {
            throw new ProviderException("I/O error calling " + endpoint + ": " + e, true, null, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted calling " + endpoint, false, null, null, e);
        }
        int status = response.statusCode();
        if (status != 200) {
            Duration retryAfter = parseRetryAfter(response.headers().firstValue("Retry-After").orElse(null));
            throw ProviderException.forHttpStatus(status, redact(response.body()), retryAfter);
        }
        return response.body();
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
