package org.flamesaudit.cli;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/**
 * The command line's only way to the server: its REST API over HTTP/1.1 with HTTP Basic credentials. Every failure
 * is a {@link CliException} with exit code 2 that names the request and the server's error.
 */
final class RestClient {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final String authorization;

    RestClient(URI base, Credentials credentials) {
        this.base = base;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((credentials.user() + ":"
                + credentials.password()).getBytes(StandardCharsets.UTF_8));
    }

    JsonObject get(String path) {
        return json("GET " + path, request(path).GET().build());
    }

    JsonObject post(String path, JsonObject body) {
        return json("POST " + path, request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    /** Downloads {@code path} into {@code file}; returns the file. */
    Path download(String path, Path file) {
        try {
            HttpResponse<Path> r = http.send(request(path).setHeader("Accept", "*/*").GET().build(),
                    HttpResponse.BodyHandlers.ofFile(file));
            if (r.statusCode() != 200) {
                throw new CliException(2, "GET " + path + " answered " + r.statusCode());
            }
            return file;
        } catch (IOException e) {
            throw unreachable("GET " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(2, "interrupted");
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", authorization).header("Accept", "application/json");
    }

    private JsonObject json(String what, HttpRequest request) {
        HttpResponse<String> r;
        try {
            r = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unreachable(what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(2, "interrupted");
        }
        JsonObject body = null;
        try (JsonReader reader = Json.createReader(new StringReader(r.body()))) {
            body = reader.readObject();
        } catch (RuntimeException e) {
            // not JSON: reported below with the status
        }
        if (r.statusCode() / 100 != 2) {
            String error = body != null && body.containsKey("error") ? body.getString("error") : r.body();
            String field = body != null && body.containsKey("field") && !body.isNull("field")
                    ? " (" + body.getString("field") + ")" : "";
            throw new CliException(2, what + " answered " + r.statusCode() + field + ": " + error);
        }
        if (body == null) {
            throw new CliException(2, what + " answered " + r.statusCode() + " without a JSON body");
        }
        return body;
    }

    private CliException unreachable(String what, IOException e) {
        return new CliException(2, "the server at " + base + " cannot be reached (" + what + "): " + e);
    }
}
