package org.flamesaudit.generation.openai;

import org.flamesaudit.support.Jsons;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.flamesaudit.generation.Generation;
import org.flamesaudit.generation.ItemOutcome;
import org.flamesaudit.generation.JsonHttpCall;
import org.flamesaudit.generation.ProviderBlock;
import org.flamesaudit.generation.ProviderSignatures;
import org.flamesaudit.generation.ReasoningText;
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
    private final boolean stream;

    public OpenAiChatClient(String baseUrl, String model, String apiKey, Double temperature, Integer maxTokens,
                            Duration connectTimeout, Duration requestTimeout) {
        this(baseUrl, model, apiKey, temperature, maxTokens, connectTimeout, requestTimeout, false);
    }

    /** {@code stream}: ask for server-sent events (stream-only models) and assemble the answer from them. */
    public OpenAiChatClient(String baseUrl, String model, String apiKey, Double temperature, Integer maxTokens,
                            Duration connectTimeout, Duration requestTimeout, boolean stream) {
        this.stream = stream;
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.call = new JsonHttpCall(URI.create(base + "/chat/completions"), connectTimeout, requestTimeout, apiKey);
        this.model = model;
        this.apiKey = apiKey;
        this.temperature = temperature;
        this.maxTokens = maxTokens;
    }

    /** Ends every call in flight and refuses new ones ({@link JsonHttpCall#abortInFlight()}). */
    public void abortCalls() {
        call.abortInFlight();
    }

    public Generation chat(String systemMessage, String userMessage) throws ProviderException {
        return chat(systemMessage, userMessage, null);
    }

    /**
     * One call with request fields beyond the messages, temperature and token limit ({@code response_format},
     * {@code seed}...): {@code extra}'s members are added to the request body as they are (null: none).
     */
    public Generation chat(String systemMessage, String userMessage, JsonObject extra) throws ProviderException {
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
        if (extra != null) {
            extra.forEach(body::add);
        }
        Map<String, String> headers = apiKey == null || apiKey.isEmpty() ? Map.of()
                : Map.of("Authorization", "Bearer " + apiKey);
        if (stream) {
            body.add("stream", true).add("stream_options", Jsons.JSON.createObjectBuilder().add("include_usage", true));
            return parse(assemble(call.postForEvents(body.build().toString(), headers)));
        }
        return parse(call.post(body.build().toString(), headers));
    }

    /**
     * The answer a stream of {@code chat.completion.chunk} events amounts to, as the one JSON body {@link #parse}
     * reads: the deltas' {@code content} and {@code reasoning_content} (or {@code reasoning}) joined, the last
     * {@code finish_reason}, the last {@code usage}; an event carrying an {@code error} object makes the whole answer
     * that error (a failed attempt). Source: OpenAI's chat streaming reference (the chunk object).
     */
    static String assemble(java.util.List<JsonHttpCall.SseEvent> events) throws ProviderException {
        StringBuilder content = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        boolean anyContent = false;
        String finish = null;
        JsonValue usage = null;
        JsonObjectBuilder extra = Jsons.JSON.createObjectBuilder();
        for (JsonHttpCall.SseEvent e : events) {
            JsonObject chunk = JsonHttpCall.parseObject(e.data());
            if (chunk.get("error") instanceof JsonObject) {
                return chunk.toString();
            }
            if (events.size() == 1 && chunk.get("choices") instanceof JsonArray whole && !whole.isEmpty()
                    && whole.get(0) instanceof JsonObject c && c.containsKey("message")) {
                return chunk.toString(); // the server ignored "stream" and answered with one ordinary body
            }
            for (String k : chunk.keySet()) {
                if (!k.equals("choices") && !k.equals("usage") && !k.equals("object")) {
                    extra.add(k, chunk.get(k)); // provider flags (input_sensitive, ...) reach the signature table
                }
            }
            if (chunk.get("usage") instanceof JsonObject u) {
                usage = u;
            }
            if (!(chunk.get("choices") instanceof JsonArray choices) || choices.isEmpty()
                    || !(choices.get(0) instanceof JsonObject choice)) {
                continue;
            }
            if (choice.get("delta") instanceof JsonObject delta) {
                String c = string(delta, "content");
                if (c != null) {
                    content.append(c);
                    anyContent = true;
                }
                String r = string(delta, "reasoning_content") != null ? string(delta, "reasoning_content")
                        : string(delta, "reasoning");
                if (r != null) {
                    reasoning.append(r);
                }
            }
            if (string(choice, "finish_reason") != null) {
                finish = string(choice, "finish_reason");
            }
        }
        if (events.isEmpty()) {
            throw new ProviderException("the event stream ended without an event", true, 200, null, null);
        }
        JsonObjectBuilder message = Jsons.JSON.createObjectBuilder().add("role", "assistant");
        if (anyContent) {
            message.add("content", content.toString());
        } else {
            message.addNull("content");
        }
        if (reasoning.length() > 0) {
            message.add("reasoning_content", reasoning.toString());
        }
        JsonObjectBuilder choice = Jsons.JSON.createObjectBuilder().add("index", 0).add("message", message);
        if (finish == null) {
            choice.addNull("finish_reason");
        } else {
            choice.add("finish_reason", finish);
        }
        extra.add("choices", Jsons.JSON.createArrayBuilder().add(choice));
        if (usage != null) {
            extra.add("usage", usage);
        }
        return extra.build().toString();
    }

    /**
     * Reads a 200 answer. A documented signal of the answer ({@link ProviderSignatures}) decides first: an error
     * carried in a 200 is a failed attempt (retried), a moderation finish reason a block, {@code length} a cut.
     * The text is the message's {@code content} without a leading {@code <think>} block; the reasoning is that block,
     * {@code reasoning_content} (DeepSeek, Qwen) or {@code reasoning} (vLLM). A missing or null content is no text:
     * the item is EMPTY or TRUNCATED, never retried. An answer without choices is a protocol error (retried).
     */
    static Generation parse(String body) throws ProviderException {
        JsonObject json = JsonHttpCall.parseObject(body);
        ProviderSignatures.AnswerSignal signal = ProviderSignatures.ofAnswer(json, body);
        ItemOutcome signalled = signal.signalled();
        ProviderBlock block = signal.block();
        JsonArray choices = json.get("choices") instanceof JsonArray a ? a : null;
        if (choices == null || choices.isEmpty() || choices.get(0).getValueType() != JsonValue.ValueType.OBJECT) {
            if (block != null) {
                return new Generation(null, null, null, null, null, signalled, block);
            }
            throw new ProviderException("response has no choices: " + abbreviate(body), true, 200, null, null);
        }
        JsonObject choice = choices.getJsonObject(0);
        JsonObject message = choice.get("message") instanceof JsonObject m ? m : null;
        String content = message == null ? null : string(message, "content");
        String reasoningField = message == null ? null
                : string(message, "reasoning_content") != null ? string(message, "reasoning_content")
                : string(message, "reasoning");
        ReasoningText split = ReasoningText.split(content, reasoningField);
        String finish = string(choice, "finish_reason");
        Integer promptTokens = null, completionTokens = null;
        JsonValue usage = json.get("usage");
        if (usage != null && usage.getValueType() == JsonValue.ValueType.OBJECT) {
            promptTokens = intOrNull(usage.asJsonObject().get("prompt_tokens"));
            completionTokens = intOrNull(usage.asJsonObject().get("completion_tokens"));
        }
        return new Generation(split.answer(), finish, promptTokens, completionTokens, split.reasoning(), signalled,
                block);
    }

    private static String string(JsonObject o, String field) {
        return o.get(field) instanceof jakarta.json.JsonString s ? s.getString() : null;
    }

    private static Integer intOrNull(JsonValue v) {
        return v instanceof JsonNumber n ? n.intValue() : null;
    }
}
