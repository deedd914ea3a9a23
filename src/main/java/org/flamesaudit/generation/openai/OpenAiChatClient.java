package org.flamesaudit.generation.openai;

import org.flamesaudit.support.Jsons;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.flamesaudit.generation.Generation;
import org.flamesaudit.generation.JsonHttpCall;
import org.flamesaudit.generation.ProviderException;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.flamesaudit.generation.JsonHttpCall.abbreviate;

/**
 * One OpenAI-compatible {@code /chat/completions} call (vLLM, Ollama, DeepSeek, Qwen, OpenAI...). Thread-safe; the
 * API key is held only in memory and never logged or put into an exception message.
 */
public final class OpenAiChatClient {

    private final JsonHttpCall call;
    private final String model;
    private final String apiKey;
    private final Double temperature;
    private final Integer maxTokens;

    public OpenAiChatClient(String baseUrl, String model, String apiKey, Double temperature, Integer maxTokens,
                            Duration connectTimeout, Duration requestTimeout) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.call = new JsonHttpCall(URI.create(base + "/chat/completions"), connectTimeout, requestTimeout, apiKey);
        this.model = model;
        this.apiKey = apiKey;
        this.temperature = temperature;
        this.maxTokens = maxTokens;
    }

    public Generation chat(String systemMessage, String userMessage) throws ProviderException {
        var messages = Jsons.JSON.createArrayBuilder();
        if (systemMessage != null) {
            messages.add(Jsons.JSON.createObjectBuilder().add("role", "system").add("content", systemMessage));
        }
        messages.add(Jsons.JSON.createObjectBuilder().add("role", "user").add("content", userMessage));
        JsonObjectBuilder body = Jsons.JSON.createObjectBuilder().add("model", model).add("messages", messages);
        if (temperature != null) {
            body.add("temperature", temperature);
        }
        if (maxTokens != null) {
            body.add("max_tokens", maxTokens);
        }
        Map<String, String> headers = apiKey == null || apiKey.isEmpty() ? Map.of()
                : Map.of("Authorization", "Bearer " + apiKey);
        return parse(call.post(body.build().toString(), headers));
    }

    static Generation parse(String body) throws ProviderException {
        JsonObject json = JsonHttpCall.parseObject(body);
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

    private static Integer intOrNull(JsonValue v) {
        return v instanceof JsonNumber n ? n.intValue() : null;
    }
}
