package org.flamesaudit.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

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
    private final AtomicLong requests = new AtomicLong();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private final Map<String, AtomicInteger> targetCallsByPrompt = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> judgeCallsByPrompt = new ConcurrentHashMap<>();

    public OpenAiStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.createContext("/v1/chat/completions", this::handle);
        server.setExecutor(pool);
        server.start();
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
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth != null) {
            authorizations.add(auth);
        }
        try (exchange) {
            JsonObject body;
            try (InputStream in = exchange.getRequestBody()) {
                body = Json.createReader(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)))
                        .readObject();
            }
            if (latencyMs > 0) {
                Thread.sleep(latencyMs);
            }
            JsonArray messages = body.getJsonArray("messages");
            String user = messages.getJsonObject(messages.size() - 1).getString("content");
            boolean judge = messages.size() > 1 && "system".equals(messages.getJsonObject(0).getString("role"));
            String content;
            if (judge && judgeFailStatus > 0) {
                send(exchange, judgeFailStatus, "{\"error\":{\"message\":\"judge unavailable\"}}");
                return;
            }
            if (judge) {
                StubScores.JudgeRequest request = StubScores.parseJudgeRequest(user);
                judgeCallsByPrompt.computeIfAbsent(request.prompt(), k -> new AtomicInteger()).incrementAndGet();
                content = StubScores.judgeOutput(request.prompt(), request.dimension());
            } else {
                long n = requests.incrementAndGet();
                if (rateLimitEvery > 0 && n % rateLimitEvery == 0) {
                    rateLimited.incrementAndGet();
                    exchange.getResponseHeaders().add("Retry-After", "0");
                    send(exchange, 429, "{\"error\":{\"message\":\"rate limited by stub\"}}");
                    return;
                }
                String marker = failMarker;
                if (marker != null && user.contains(marker)) {
                    send(exchange, failStatus, "{\"error\":{\"message\":\"injected failure\"}}");
                    return;
                }
                targetCallsByPrompt.computeIfAbsent(user, k -> new AtomicInteger()).incrementAndGet();
                content = StubScores.answer(user);
            }
            JsonObject response = Json.createObjectBuilder()
                    .add("id", "stub-" + System.nanoTime())
                    .add("object", "chat.completion")
                    .add("model", body.getString("model"))
                    .add("choices", Json.createArrayBuilder().add(Json.createObjectBuilder()
                            .add("index", 0)
                            .add("message", Json.createObjectBuilder().add("role", "assistant").add("content", content))
                            .add("finish_reason", "stop")))
                    .add("usage", Json.createObjectBuilder().add("prompt_tokens", user.length())
                            .add("completion_tokens", content.length()).add("total_tokens", user.length() + content.length()))
                    .build();
            send(exchange, 200, response.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            send(exchange, 500, "{\"error\":{\"message\":\"stub failure: " + e.getClass().getSimpleName() + "\"}}");
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
