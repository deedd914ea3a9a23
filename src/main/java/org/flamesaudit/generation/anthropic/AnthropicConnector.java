package org.flamesaudit.generation.anthropic;

import jakarta.json.Json;
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

    private final boolean stream;

    public AnthropicConnector(String baseUrl, String model, String apiKey, Double temperature, Integer maxTokens,
                              Duration connectTimeout, Duration requestTimeout) {
        this(baseUrl, model, apiKey, temperature, maxTokens, connectTimeout, requestTimeout, false);
    }

    /** {@code stream}: ask for server-sent events and assemble the message from them. */
    public AnthropicConnector(String baseUrl, String model, String apiKey, Double temperature, Integer maxTokens,
                              Duration connectTimeout, Duration requestTimeout, boolean stream) {
        this.stream = stream;
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
    public void abortCalls() {
        call.abortInFlight();
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
        Map<String, String> headers = apiKey == null || apiKey.isEmpty()
                ? Map.of("anthropic-version", API_VERSION)
                : Map.of("x-api-key", apiKey, "anthropic-version", API_VERSION);
        if (stream) {
            return parse(assemble(call.postForEvents(body.add("stream", true).build().toString(), headers)));
        }
        return parse(call.post(body.build().toString(), headers));
    }

    /**
     * The message a Messages API event stream amounts to, as the one JSON body {@link #parse} reads: text and
     * thinking deltas joined per block, the {@code stop_reason} (and {@code stop_details}) of {@code message_delta},
     * input tokens from {@code message_start} and output tokens from the last {@code message_delta}; an {@code error}
     * event makes the whole answer that error (a failed attempt). Source: Anthropic's streaming messages reference.
     */
    static String assemble(java.util.List<JsonHttpCall.SseEvent> events) throws ProviderException {
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        boolean anyText = false;
        JsonObjectBuilder message = Json.createObjectBuilder().add("type", "message");
        Integer in = null, out = null;
        JsonValue stopReason = null, stopDetails = null;
        for (JsonHttpCall.SseEvent e : events) {
            JsonObject data = JsonHttpCall.parseObject(e.data());
            String type = data.getString("type", e.event() == null ? "" : e.event());
            switch (type) {
                case "error" -> {
                    return Json.createObjectBuilder(data).add("type", "error").build().toString();
                }
                case "message_start" -> {
                    if (data.get("message") instanceof JsonObject m && m.get("usage") instanceof JsonObject u
                            && u.get("input_tokens") instanceof JsonNumber n) {
                        in = n.intValue();
                    }
                }
                case "content_block_start" -> {
                    if (data.get("content_block") instanceof JsonObject b && "text".equals(b.getString("type", null))) {
                        anyText = true;
                        text.append(b.getString("text", ""));
                    }
                }
                case "content_block_delta" -> {
                    if (data.get("delta") instanceof JsonObject d) {
                        if ("text_delta".equals(d.getString("type", null))) {
                            anyText = true;
                            text.append(d.getString("text", ""));
                        } else if ("thinking_delta".equals(d.getString("type", null))) {
                            thinking.append(d.getString("thinking", ""));
                        }
                    }
                }
                case "message_delta" -> {
                    if (data.get("delta") instanceof JsonObject d) {
                        stopReason = d.get("stop_reason") == null ? stopReason : d.get("stop_reason");
                        stopDetails = d.get("stop_details") == null ? stopDetails : d.get("stop_details");
                    }
                    if (data.get("usage") instanceof JsonObject u && u.get("output_tokens") instanceof JsonNumber n) {
                        out = n.intValue();
                    }
                }
                default -> {
                    // ping, content_block_stop, message_stop
                }
            }
        }
        if (events.isEmpty()) {
            throw new ProviderException("the event stream ended without an event", true, 200, null, null);
        }
        var content = Json.createArrayBuilder();
        if (thinking.length() > 0) {
            content.add(Json.createObjectBuilder().add("type", "thinking").add("thinking", thinking.toString()));
        }
        if (anyText) {
            content.add(Json.createObjectBuilder().add("type", "text").add("text", text.toString()));
        }
        message.add("content", content);
        if (stopReason != null) {
            message.add("stop_reason", stopReason);
        }
        if (stopDetails != null) {
            message.add("stop_details", stopDetails);
        }
        var usage = Json.createObjectBuilder();
        if (in != null) {
            usage.add("input_tokens", in);
        }
        if (out != null) {
            usage.add("output_tokens", out);
        }
        return message.add("usage", usage).build().toString();
    }

    /**
     * Reads a 200 answer: the text blocks joined, {@code thinking} blocks as reasoning (never scored). A documented
     * {@code stop_reason} decides first ({@link ProviderSignatures}): {@code refusal} (the API's safety classifier
     * stopped the answer, possibly after a partial text) is a block, {@code max_tokens} a cut. An empty content is no
     * text (EMPTY); content with no text block at all (a tool call) is a protocol error (retried).
     */
    static Generation parse(String body) throws ProviderException {
        JsonObject json = JsonHttpCall.parseObject(body);
        ProviderSignatures.AnswerSignal signal = ProviderSignatures.ofAnswer(json, body);
        ItemOutcome signalled = signal.signalled();
        ProviderBlock block = signal.block();
        JsonArray content = json.get("content") instanceof JsonArray a ? a : null;
        if (content == null && block == null) {
            throw new ProviderException("response has no content: " + abbreviate(body), true, 200, null, null);
        }
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        boolean any = false;
        for (JsonValue part : content == null ? JsonValue.EMPTY_JSON_ARRAY : content) {
            if (part instanceof JsonObject o && "text".equals(o.getString("type", null))) {
                text.append(o.getString("text", ""));
                any = true;
            } else if (part instanceof JsonObject o && "thinking".equals(o.getString("type", null))) {
                thinking.append(o.getString("thinking", ""));
            }
        }
        if (!any && content != null && !content.isEmpty() && thinking.length() == 0 && block == null) {
            throw new ProviderException("response has no text block: " + abbreviate(body), true, 200, null, null);
        }
        String stop = json.getString("stop_reason", null);
        Integer in = null, out = null;
        if (json.get("usage") instanceof JsonObject usage) {
            in = usage.get("input_tokens") instanceof JsonNumber n ? n.intValue() : null;
            out = usage.get("output_tokens") instanceof JsonNumber n ? n.intValue() : null;
        }
        return new Generation(any ? text.toString() : null, stop, in, out,
                thinking.length() == 0 ? null : thinking.toString(), signalled, block);
    }

}
