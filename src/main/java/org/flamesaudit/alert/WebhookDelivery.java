package org.flamesaudit.alert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * One webhook delivery: a POST of {@code body} (JSON) with the headers {@code X-Flames-Event},
 * {@code X-Flames-Delivery} (the same id on every try) and {@code X-Flames-Signature: sha256=<hex>}, the
 * HMAC-SHA256 (RFC 2104) of the exact body bytes under the signing key, as GitHub's webhooks sign theirs; a receiver
 * recomputes it and compares in constant time. A 2xx answer delivers it; anything else, or no answer within
 * {@value #TIMEOUT_SECONDS} s, is a failed try.
 */
public record WebhookDelivery(String url, String secret, AlertEvent event, String id, byte[] body)
        implements Alerts.Delivery {

    @Override
    public String describe() {
        return "webhook " + url;
    }

    static final long TIMEOUT_SECONDS = 10;

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    /** The outcome of one try: the HTTP status (0 without an answer) and, without an answer, why. */
    public record Outcome(int status, String error) {
        public boolean delivered() {
            return status >= 200 && status < 300;
        }

        public String describe() {
            return status > 0 ? "HTTP " + status : error;
        }
    }

    /** {@code sha256=} and the lower-case hex HMAC-SHA256 of {@code body} under {@code secret}. */
    public static String signature(String secret, byte[] body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available: " + e.getMessage(), e);
        }
    }

    /** Without the key: a record's own toString would print it. */
    @Override
    public String toString() {
        return "WebhookDelivery[" + url + ", " + event.label() + ", " + id + "]";
    }

    @Override
    public Outcome send() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(TIMEOUT_SECONDS))
                .header("Content-Type", "application/json").header("User-Agent", "Flames-Audit-Webhook")
                .header("X-Flames-Event", event.label()).header("X-Flames-Delivery", id)
                .header("X-Flames-Signature", signature(secret, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            return new Outcome(HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode(), null);
        } catch (IOException e) {
            return new Outcome(0, "no answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(0, "interrupted");
        }
    }
}
