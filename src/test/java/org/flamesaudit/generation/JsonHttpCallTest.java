package org.flamesaudit.generation;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Issue 20, items 1 and 2, at the transport: an answer larger than the limit is not read further; the deadline covers
 * the body (dripped or stalled after the headers), not only the headers; a stopped run ends its calls in flight.
 */
class JsonHttpCallTest {

    private HttpServer server;
    private final AtomicReference<Handler> handler = new AtomicReference<>();
    private final CountDownLatch headersSent = new CountDownLatch(1);

    interface Handler {
        void handle(HttpExchange exchange) throws Exception;
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                handler.get().handle(exchange);
            } catch (Exception e) {
                // the client went away: what the hostile answers expect
            }
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private JsonHttpCall call(Duration timeout, long maxBytes) {
        return new JsonHttpCall(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/chat/completions"),
                Duration.ofSeconds(5), timeout, "sk-test-key-123", maxBytes);
    }

    @Test
    void an_answer_within_the_limit_is_read_whole_and_redacted() throws Exception {
        handler.set(exchange -> send(exchange, 200, "{\"echo\":\"Bearer sk-test-key-123\"}"));
        assertThat(call(Duration.ofSeconds(5), 1024).post("{}", Map.of())).isEqualTo("{\"echo\":\"Bearer [REDACTED]\"}");
    }

    @Test
    void an_answer_over_the_limit_is_not_read_further_and_fails_the_attempt() {
        byte[] megabyte = "x".repeat(1024 * 1024).getBytes(StandardCharsets.US_ASCII);
        handler.set(exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked: no length to refuse it by
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 50; i++) {
                    out.write(megabyte);
                }
            }
        });
        long t0 = System.nanoTime();
        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> call(Duration.ofSeconds(30), 2 * 1024 * 1024).post("{}", Map.of()));
        assertThat(e.getMessage()).contains("is larger than the limit of 2097152 bytes")
                .contains(ProviderLimits.PROPERTY);
        assertThat(e.isRetriable()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void the_deadline_covers_a_body_dripped_byte_by_byte() {
        handler.set(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (int i = 0; i < 100; i++) {
                out.write('{');
                out.flush();
                Thread.sleep(200);
            }
        });
        long t0 = System.nanoTime();
        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> call(Duration.ofSeconds(1), 1024 * 1024).post("{}", Map.of()));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(e.getMessage()).contains("timeout after 1 s").contains("had not arrived whole");
        assertThat(e.isRetriable()).isTrue();
        assertThat(ms).as("elapsed ms").isBetween(900L, 3000L);
    }

    @Test
    void a_stopped_run_ends_a_call_stalled_after_its_headers() throws Exception {
        handler.set(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().flush();
            headersSent.countDown();
            Thread.sleep(60_000);
        });
        JsonHttpCall call = call(Duration.ofSeconds(120), 1024 * 1024);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                call.post("{}", Map.of());
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        caller.start();
        assertThat(headersSent.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(300);
        long t0 = System.nanoTime();
        call.abortInFlight();
        caller.join(5_000);
        assertThat(caller.isAlive()).isFalse();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(5_000);
        assertThat(outcome.get()).isInstanceOf(ProviderException.class).hasMessageContaining("were stopped");
        // and no new call starts on an aborted connector
        assertThat(catchThrowableOfType(ProviderException.class, () -> call.post("{}", Map.of())))
                .hasMessageContaining("were stopped");
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
