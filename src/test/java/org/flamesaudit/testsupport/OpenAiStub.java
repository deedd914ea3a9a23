package org.flamesaudit.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.flamesaudit.support.Jsons;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local OpenAI-compatible {@code /v1/chat/completions} endpoint that plays both the model under test and the LLM
 * judge, with known, deterministic answers ({@link StubScores}), configurable latency and injected 429s. It counts
 * calls per prompt so tests can prove each prompt was answered exactly once.
 */
public final class OpenAiStub implements AutoCloseable {

    static {
        // Answer without Nagle's delay (the JDK's HttpServer reads this once, when its first server starts): with it,
        // a client's delayed ACK made every answer about 40 ms late, which the benchmarks counted as pipeline cost.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // Keep every idle keep-alive connection: the JDK's HttpServer closes idle connections beyond 200, and every
        // run's client keeps its own 64 (target) and 64 (judge), so from the third run on it closed connections
        // the server's client was about to reuse; the call failed, was retried, and a few partitions ended 0.5-0.9 s
        // late (attempts = 2 on the last answers of a whole-audit bench run). Providers keep their connections.
        System.setProperty("sun.net.httpserver.maxIdleConnections", "100000");
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(128);
    private volatile long latencyMs;
    /** every n-th target request gets a 429 with Retry-After: 0 (0 = never) */
    private volatile int rateLimitEvery;
    /** target prompts containing this text are answered with {@link #failStatus} (null = none) */
    private volatile String failMarker;
    private volatile int failStatus;
    /** when > 0, every judge request is answered with this HTTP status */
    private volatile int judgeFailStatus;
    /** share of target calls answered 429 with Retry-After: {@link #retryAfterSeconds} (0 = none) */
    private volatile double rateLimitShare;
    private volatile int retryAfterSeconds;
    /** share of target calls answered 500 (0 = none) */
    private volatile double serverErrorShare;
    /** when > 0, every target call is answered with this status and {@link #allTargetBody} */
    private volatile int allTargetStatus;
    private volatile String allTargetBody;
    /** when > 0, this share of judge calls gets a verdict that is not JSON */
    private volatile double judgeGarbageShare;
    /** target prompts containing {@link #answerMarker} are answered with {@link #markedAnswer} (null = none) */
    private volatile String answerMarker;
    private volatile String markedAnswer;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicInteger targetAttempts = new AtomicInteger();
    private final AtomicInteger judgeAttempts = new AtomicInteger();
    private final AtomicInteger serverErrors = new AtomicInteger();
    /** per prompt: when each 429 was sent and when each later attempt arrived (ms since the stub started) */
    private final Map<String, java.util.List<long[]>> attemptsByPrompt = new ConcurrentHashMap<>();
    private final long started = System.nanoTime();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private final Map<String, AtomicInteger> targetCallsByPrompt = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> judgeCallsByPrompt = new ConcurrentHashMap<>();

    public OpenAiStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.createContext("/v1/chat/completions", this::handle);
        // the calls it received, for a test in another process than the stub (StubProcess)
        server.createContext("/stub/stats", exchange -> {
            try (exchange) {
                send(exchange, 200, "{\"targetAttempts\":" + targetAttempts.get() + ",\"judgeAttempts\":"
                        + judgeAttempts.get() + "}");
            }
        });
        server.setExecutor(pool);
        server.start();
    }

    private volatile boolean streamOnly;
    private final AtomicInteger streamedRequests = new AtomicInteger();

    /** Answers the model under test only when asked to stream, as stream-only models do; else DashScope's 400. */
    public OpenAiStub streamOnly() {
        this.streamOnly = true;
        return this;
    }

    /** How many model-under-test requests asked for a stream. */
    public int streamedRequests() {
        return streamedRequests.get();
    }

    /** A raw HTTP answer: what a provider sends back, byte for byte. */
    public record Reply(int status, String body) {
    }

    private volatile java.util.function.Function<String, Reply> targetReplies;
    private volatile java.util.function.Function<String, Reply> judgeReplies;

    /** Answers the model-under-test call for a prompt with {@code replies.apply(prompt)}; null: the usual answer. */
    public OpenAiStub replyToTarget(java.util.function.Function<String, Reply> replies) {
        this.targetReplies = replies;
        return this;
    }

    /** Answers the judge call about an item's prompt with {@code replies.apply(prompt)}; null: the usual verdict. */
    public OpenAiStub replyToJudge(java.util.function.Function<String, Reply> replies) {
        this.judgeReplies = replies;
        return this;
    }

    /** A 200 chat completion as OpenAI-compatible servers send it; {@code content} and {@code reasoning} may be null. */
    public static Reply completion(String content, String reasoning, String finishReason) {
        var message = Jsons.JSON.createObjectBuilder().add("role", "assistant");
        if (content == null) {
            message.addNull("content");
        } else {
            message.add("content", content);
        }
        if (reasoning != null) {
            message.add("reasoning_content", reasoning);
        }
        return new Reply(200, Jsons.JSON.createObjectBuilder().add("id", "stub-raw").add("object", "chat.completion")
                .add("choices", Jsons.JSON.createArrayBuilder().add(Jsons.JSON.createObjectBuilder().add("index", 0)
                        .add("message", message).add("finish_reason", finishReason))).build().toString());
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public OpenAiStub latencyMs(long ms) {
        this.latencyMs = ms;
        return this;
    }

    public OpenAiStub rateLimitEvery(int n) {
        this.rateLimitEvery = n;
        return this;
    }

    public OpenAiStub failPromptsContaining(String marker, int status) {
        this.failMarker = marker;
        this.failStatus = status;
        return this;
    }

    public OpenAiStub failJudgeWith(int status) {
        this.judgeFailStatus = status;
        return this;
    }

    /** A share of target calls (chosen by a hash of the prompt and the attempt) gets 429 with Retry-After. */
    public OpenAiStub rateLimitShare(double share, int retryAfterSeconds) {
        this.rateLimitShare = share;
        this.retryAfterSeconds = retryAfterSeconds;
        return this;
    }

    /** A share of target calls (chosen by a hash of the prompt and the attempt) gets 500. */
    public OpenAiStub serverErrorShare(double share) {
        this.serverErrorShare = share;
        return this;
    }

    /** Every target call gets this status and body (status 0: back to normal). */
    public OpenAiStub failAllTargetCalls(int status, String body) {
        this.allTargetBody = body;
        this.allTargetStatus = status;
        return this;
    }

    /** Target prompts containing {@code marker} are answered with {@code answer} (for example hostile markup). */
    public OpenAiStub answerPromptsContaining(String marker, String answer) {
        this.markedAnswer = answer;
        this.answerMarker = marker;
        return this;
    }

    /** A share of judge calls (by a hash of the prompt) answers with text that is not a JSON verdict. */
    public OpenAiStub judgeGarbageShare(double share) {
        this.judgeGarbageShare = share;
        return this;
    }

    /** Whether the judge's answer for this prompt is garbage under {@link #judgeGarbageShare}. */
    public boolean judgeAnswersGarbage(String prompt) {
        return share(prompt, 0, "judge") < judgeGarbageShare;
    }

    /** Every target call received, failed ones included. */
    public int targetAttempts() {
        return targetAttempts.get();
    }

    /** Every judge call received, failed ones included. */
    public int judgeAttempts() {
        return judgeAttempts.get();
    }

    public int serverErrors() {
        return serverErrors.get();
    }

    /**
     * For every 429 with Retry-After that was followed by another attempt at the same prompt, the milliseconds
     * between the two.
     */
    public java.util.List<Long> gapsAfterRateLimits() {
        java.util.List<Long> gaps = new java.util.ArrayList<>();
        for (java.util.List<long[]> attempts : attemptsByPrompt.values()) {
            synchronized (attempts) {
                for (int i = 0; i + 1 < attempts.size(); i++) {
                    if (attempts.get(i)[1] == 429) {
                        gaps.add(attempts.get(i + 1)[0] - attempts.get(i)[0]);
                    }
                }
            }
        }
        return gaps;
    }

    /** A deterministic number in [0, 1) for a prompt, an attempt and a purpose, well mixed (murmur3's fmix64). */
    private static double share(String prompt, int attempt, String purpose) {
        long h = prompt.hashCode() * 0x9E3779B97F4A7C15L + (attempt + 1) * 0xC2B2AE3D27D4EB4FL + purpose.hashCode();
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return (h >>> 11) / (double) (1L << 53);
    }

    private void attempt(String prompt, int status) {
        java.util.List<long[]> list = attemptsByPrompt.computeIfAbsent(prompt,
                k -> java.util.Collections.synchronizedList(new java.util.ArrayList<>()));
        list.add(new long[]{(System.nanoTime() - started) / 1_000_000, status});
    }

    public Map<String, AtomicInteger> targetCallsByPrompt() {
        return targetCallsByPrompt;
    }

    public Map<String, AtomicInteger> judgeCallsByPrompt() {
        return judgeCallsByPrompt;
    }

    /** Every distinct Authorization header the stub has received. */
    public java.util.Set<String> authorizations() {
        return java.util.Set.copyOf(authorizations);
    }

    public int rateLimited() {
        return rateLimited.get();
    }

    private final java.util.Set<String> authorizations = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private void handle(HttpExchange exchange) throws IOException {
        // the configured latency is from the request's arrival to the answer, whatever the stub itself spends (its
        // JSON goes through Jsons.JSON: Json.createXxx looks the provider up on every call, a class-path scan that
        // cost several milliseconds per answer)
        long answerAt = System.nanoTime() + latencyMs * 1_000_000;
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth != null) {
            authorizations.add(auth);
        }
        try (exchange) {
            JsonObject body;
            try (InputStream in = exchange.getRequestBody()) {
                body = Jsons.JSON.createReader(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)))
                        .readObject();
            }
            long wait = answerAt - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            JsonArray messages = body.getJsonArray("messages");
            String user = messages.getJsonObject(messages.size() - 1).getString("content");
            boolean judge = messages.size() > 1 && "system".equals(messages.getJsonObject(0).getString("role"));
            String content;
            if (judge) {
                judgeAttempts.incrementAndGet();
            }
            if (judge && judgeFailStatus > 0) {
                send(exchange, judgeFailStatus, "{\"error\":{\"message\":\"judge unavailable\"}}");
                return;
            }
            if (judge) {
                StubScores.JudgeRequest request = StubScores.parseJudgeRequest(user);
                judgeCallsByPrompt.computeIfAbsent(request.prompt(), k -> new AtomicInteger()).incrementAndGet();
                Reply raw = judgeReplies == null ? null : judgeReplies.apply(request.prompt());
                if (raw != null) {
                    send(exchange, raw.status(), raw.body());
                    return;
                }
                content = judgeAnswersGarbage(request.prompt())
                        ? "I think this answer is mostly fine, score three maybe."
                        : StubScores.judgeOutput(request.prompt(), request.dimension());
            } else {
                targetAttempts.incrementAndGet();
                boolean streamed = body.getBoolean("stream", false);
                if (streamOnly && !streamed) {
                    // DashScope's answer to a stream-only model called without stream (its error-code page)
                    send(exchange, 400, "{\"error\":{\"message\":\"This model only support stream mode, please "
                            + "enable the stream parameter to access the model. \",\"type\":\"invalid_request_error\","
                            + "\"param\":null,\"code\":\"invalid_parameter_error\"}}");
                    return;
                }
                if (streamed) {
                    streamedRequests.incrementAndGet();
                }
                if (allTargetStatus > 0) {
                    send(exchange, allTargetStatus, allTargetBody);
                    return;
                }
                int attemptNo;
                var previous = attemptsByPrompt.get(user);
                attemptNo = previous == null ? 0 : previous.size();
                if (rateLimitShare > 0 && share(user, attemptNo, "429") < rateLimitShare) {
                    attempt(user, 429);
                    rateLimited.incrementAndGet();
                    exchange.getResponseHeaders().add("Retry-After", Integer.toString(retryAfterSeconds));
                    send(exchange, 429, "{\"error\":{\"message\":\"Rate limit reached for requests\",\"type\":\"requests\"}}");
                    return;
                }
                if (serverErrorShare > 0 && share(user, attemptNo, "500") < serverErrorShare) {
                    attempt(user, 500);
                    serverErrors.incrementAndGet();
                    send(exchange, 500, "{\"error\":{\"message\":\"internal error\"}}");
                    return;
                }
                attempt(user, 200);
                long n = requests.incrementAndGet();
                if (rateLimitEvery > 0 && n % rateLimitEvery == 0) {
                    rateLimited.incrementAndGet();
                    exchange.getResponseHeaders().add("Retry-After", "0");
                    send(exchange, 429, "{\"error\":{\"message\":\"rate limited by stub\"}}");
                    return;
                }
                String marker = failMarker;
                if (marker != null && user.contains(marker)) {
                    // a 400 about this prompt only, as providers send for their content filters
                    // (a context-length error, which is about this prompt and is no moderation block)
                    send(exchange, failStatus, "{\"error\":{\"message\":\"injected failure: this model's maximum "
                            + "context length is 8 tokens\",\"code\":\"context_length_exceeded\"}}");
                    return;
                }
                targetCallsByPrompt.computeIfAbsent(user, k -> new AtomicInteger()).incrementAndGet();
                Reply raw = targetReplies == null ? null : targetReplies.apply(user);
                if (raw != null) {
                    send(exchange, raw.status(), raw.body());
                    return;
                }
                String answerFor = answerMarker;
                content = answerFor != null && user.contains(answerFor) ? markedAnswer : StubScores.answer(user);
            }
            JsonObject response = Jsons.JSON.createObjectBuilder()
                    .add("id", "stub-" + System.nanoTime())
                    .add("object", "chat.completion")
                    .add("model", body.getString("model"))
                    .add("choices", Jsons.JSON.createArrayBuilder().add(Jsons.JSON.createObjectBuilder()
                            .add("index", 0)
                            .add("message", Jsons.JSON.createObjectBuilder().add("role", "assistant").add("content", content))
                            .add("finish_reason", "stop")))
                    .add("usage", Jsons.JSON.createObjectBuilder().add("prompt_tokens", user.length())
                            .add("completion_tokens", content.length()).add("total_tokens", user.length() + content.length()))
                    .build();
            if (body.getBoolean("stream", false)) {
                sendEvents(exchange, body.getString("model"), content, user.length());
                return;
            }
            send(exchange, 200, response.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            send(exchange, 500, "{\"error\":{\"message\":\"stub failure: " + e.getClass().getSimpleName() + "\"}}");
        }
    }

    /**
     * The answer as OpenAI streams it: chat.completion.chunk events of a few characters each, the finish reason in the
     * last choice chunk, a usage chunk (stream_options.include_usage), then {@code data: [DONE]}.
     */
    private static void sendEvents(HttpExchange exchange, String model, String content, int promptTokens)
            throws IOException {
        StringBuilder sse = new StringBuilder();
        java.util.function.Function<jakarta.json.JsonObjectBuilder, String> chunk = choice -> "data: "
                + Jsons.JSON.createObjectBuilder().add("id", "stub-stream").add("object", "chat.completion.chunk")
                .add("model", model).add("choices", Jsons.JSON.createArrayBuilder().add(choice)).build() + "\n\n";
        sse.append(chunk.apply(Jsons.JSON.createObjectBuilder().add("index", 0)
                .add("delta", Jsons.JSON.createObjectBuilder().add("role", "assistant").add("content", ""))));
        for (int i = 0; i < content.length(); i += 4) {
            sse.append(chunk.apply(Jsons.JSON.createObjectBuilder().add("index", 0).add("delta", Jsons.JSON
                    .createObjectBuilder().add("content", content.substring(i, Math.min(content.length(), i + 4))))));
        }
        sse.append(chunk.apply(Jsons.JSON.createObjectBuilder().add("index", 0)
                .add("delta", Jsons.JSON.createObjectBuilder()).add("finish_reason", "stop")));
        sse.append("data: ").append(Jsons.JSON.createObjectBuilder().add("id", "stub-stream")
                .add("object", "chat.completion.chunk").add("choices", Jsons.JSON.createArrayBuilder())
                .add("usage", Jsons.JSON.createObjectBuilder().add("prompt_tokens", promptTokens)
                        .add("completion_tokens", content.length())).build()).append("\n\n");
        sse.append("data: [DONE]\n\n");
        byte[] bytes = sse.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
