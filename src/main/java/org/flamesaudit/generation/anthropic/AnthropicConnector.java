package org.flamesaudit.generation.anthropic;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.flamesaudit.generation.Generation;
import org.flamesaudit.generation.JsonHttpCall;
import org.flamesaudit.generation.ModelConnector;
import org.flamesaudit.generation.ProviderException;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.flamesaudit.generation.JsonHttpCall.abbreviate;

/**
 * The model under test behind Anthropic's Messages API ({@code POST /v1/messages}, {@code x-api-key},
 * {@code anthropic-version}). Each prompt is one user message; the answer is the concatenation of the text blocks.
 * Status mapping and Retry-After are shared with the other HTTP connectors (429 and 529 overloaded are retried).
 */
public final class AnthropicConnector implements ModelConnector {

    public static final String TYPE = "anthropic";
    public static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
    public static final String API_VERSION = "2023-06-01";
    public static final int DEFAULT_MAX_TOKENS = 1024;

    private final JsonHttpCall call;
    private final String model;
    private final String apiKey;
    private final Double temperature;
    private final int maxTokens;

    public AnthropicConnector(String baseUrl, String model, String apiKey, Double temperature, Integer maxTokens,
                              Duration connectTimeout, Duration requestTimeout) {
        String base = baseUrl == null ? DEFAULT_BASE_URL
                : baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.call = new JsonHttpCall(URI.create(base + "/v1/messages"), connectTimeout, requestTimeout, apiKey);
        this.model = model;
        this.apiKey = apiKey;
        this.temperature = temperature;
        this.maxTokens = maxTokens == null ? DEFAULT_MAX_TOKENS : maxTokens;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Generation generate(String prompt) throws ProviderException {
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("model", model)
                .add("max_tokens", maxTokens)
                .add("messages", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("role", "user").add("content", prompt)));
        if (temperature != null) {
            body.add("temperature", Math.min(1.0, temperature));
        }
        return parse(call.post(body.build().toString(),
                Map.of("x-api-key", apiKey, "anthropic-version", API_VERSION)));
    }

    static Generation parse(String body) throws ProviderException {
        JsonObject json = JsonHttpCall.parseObject(body);
        JsonArray content = json.containsKey("content") && json.get("content").getValueType() == JsonValue.ValueType.ARRAY
                ? json.getJsonArray("content") : null;
        if (content == null) {
            throw new ProviderException("response has no content: " + abbreviate(body), true, 200, null, null);
        }
        StringBuilder text = new StringBuilder();
        boolean any = false;
        for (JsonValue block : content) {
            if (block.getValueType() == JsonValue.ValueType.OBJECT
                    && "text".equals(block.asJsonObject().getString("type", null))) {
                text.append(block.asJsonObject().getString("text", ""));
                any = true;
            }
        }
        if (!any) {
            throw new ProviderException("response has no text block: " + abbreviate(body), true, 200, null, null);
        }
        String stop = json.getString("stop_reason", null);
        Integer in = null, out = null;
        if (json.get("usage") instanceof JsonObject usage) {
            in = usage.get("input_tokens") instanceof JsonNumber n ? n.intValue() : null;
            out = usage.get("output_tokens") instanceof JsonNumber n ? n.intValue() : null;
        }
        return new Generation(text.toString(), stop, in, out);
    }
}
