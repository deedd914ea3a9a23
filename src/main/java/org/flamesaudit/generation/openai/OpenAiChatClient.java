package org.flamesaudit.generation.openai;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.flamesaudit.generation.Generation;
import org.flamesaudit.generation.ProviderException;

import java.io.IOException;
import java.io.StringReader;
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

/**
 * One OpenAI-compatible {@code /chat/completions} call (vLLM, Ollama, DeepSeek, Qwen, OpenAI...). Maps HTTP statuses
 * and transport failures to {@link ProviderException}s and reads Retry-After. Thread-safe; the API key is held only
 * in memory and never logged or put into an exception message.
 */
public final class OpenAiChatClient {

    private final HttpClient http;
    private final URI endpoint;
    private final String model;
    private final String apiKey;
    private final Double temperature;
    private final Integer maxTokens;
    private final Duration requestTimeout;

    public OpenAiChatClient(String baseUrl, String model, String apiKey, Double temperature, Integer maxTokens,
                            Duration connectTimeout, Duration requestTimeout) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.endpoint = URI.create(base + "/chat/completions");
        this.model = model;
        this.apiKey = apiKey;
        this.temperature = temperature;
        this.maxTokens = maxTokens;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public Generation chat(String systemMessage, String userMessage) throws ProviderException {
        var messages = Json.createArrayBuilder();
        if (systemMessage != null) {
            messages.add(Json.createObjectBuilder().add("role", "system").add("content", systemMessage));
        }
        messages.add(Json.createObjectBuilder().add("role", "user").add("content", userMessage));
        JsonObjectBuilder body = Json.createObjectBuilder().add("model", model).add("messages", messages);
        if (temperature != null) {
            body.add("temperature", temperature);
        }
        if (maxTokens != null) {
            body.add("max_tokens", maxTokens);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.build().toString(), StandardCharsets.UTF_8));
        if (apiKey != null && !apiKey.isEmpty()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
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
        return parse(response.body());
    }

    static Generation parse(String body) throws ProviderException {
        JsonObject json;
        try (var reader = Json.createReader(new StringReader(body))) {
            json = reader.readObject();
        } catch (RuntimeException e) {
            throw new ProviderException("response is not a JSON object: " + abbreviate(body), true, 200, null, e);
        }
        JsonArray choices = json.getJsonArray("choices");
        if (choices == null || choices.isEmpty() || choices.get(0).getValueType() != JsonValue.ValueType.OBJECT) {
            throw new ProviderException("response has no choices: " + abbreviate(body), true, 200, null, null);
        }
        JsonObject choice = choices.getJsonObject(0);
        JsonObject message = choice.getJsonObject("message");
        String content = null;
        if (message != null && message.get("content") != null
                && message.get("content").getValueType() == JsonValue.ValueType.STRING) {
            content = message.getString("content");
        }
        if (content == null) {
            throw new ProviderException("response has no message content: " + abbreviate(body), true, 200, null, null);
        }
        String finish = choice.get("finish_reason") != null
                && choice.get("finish_reason").getValueType() == JsonValue.ValueType.STRING
                ? choice.getString("finish_reason") : null;
        Integer promptTokens = null, completionTokens = null;
        JsonValue usage = json.get("usage");
        if (usage != null && usage.getValueType() == JsonValue.ValueType.OBJECT) {
            promptTokens = intOrNull(usage.asJsonObject().get("prompt_tokens"));
            completionTokens = intOrNull(usage.asJsonObject().get("completion_tokens"));
        }
        return new Generation(content, finish, promptTokens, completionTokens);
    }

    /** Removes this client's API key from text that will go into messages, logs or the database. */
    private String redact(String text) {
        if (text == null || apiKey == null || apiKey.isEmpty()) {
            return text;
        }
        return text.replace(apiKey, "[REDACTED]");
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

    private static Integer intOrNull(JsonValue v) {
        return v instanceof JsonNumber n ? n.intValue() : null;
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
