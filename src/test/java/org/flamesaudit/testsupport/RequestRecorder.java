package org.flamesaudit.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A host that records every request it receives, on any path: method, path and Authorization header. As an attacker's
 * host it answers 500 (a key should never reach it); as a hop it answers {@code 307} to {@link #redirectTo}.
 */
public final class RequestRecorder implements AutoCloseable {

    public record Request(String method, String path, String authorization) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile String redirectTo;

    public RequestRecorder() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    /** Answers every request with 307 to this origin + the request's path (null: answer 500). */
    public RequestRecorder redirectTo(String origin) {
        this.redirectTo = origin;
        return this;
    }

    /** The base URL an auditor would give: {@code http://127.0.0.1:<port>/v1}. */
    public String baseUrl() {
        return origin() + "/v1";
    }

    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestHeaders().getFirst("Authorization")));
        exchange.getRequestBody().readAllBytes();
        if (redirectTo != null) {
            exchange.getResponseHeaders().add("Location", redirectTo + exchange.getRequestURI().getRawPath());
            exchange.sendResponseHeaders(307, -1);
        } else {
            exchange.sendResponseHeaders(500, -1);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
