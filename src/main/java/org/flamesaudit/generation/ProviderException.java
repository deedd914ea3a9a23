package org.flamesaudit.generation;

import java.time.Duration;

/**
 * A failed provider call, typed by whether trying again can help: rate limits, server errors and timeouts are
 * retriable; bad requests, authentication and permission errors are not.
 */
public class ProviderException extends Exception {

    /** Token shapes of common provider keys (sk-..., Bearer ...), masked even when the key is not known here. */
    private static final java.util.regex.Pattern KEY_LIKE =
            java.util.regex.Pattern.compile("(sk-[A-Za-z0-9_\\-.]{6,}|(?i:bearer)\\s+[A-Za-z0-9_\\-.=]{6,})");

    private final boolean retriable;
    private final Integer httpStatus;
    private final Duration retryAfter;

    public ProviderException(String message, boolean retriable, Integer httpStatus, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retriable = retriable;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
    }

    public static ProviderException nonRetriable(String message) {
        return new ProviderException(message, false, null, null, null);
    }

    public boolean isRetriable() {
        return retriable;
    }

    public Integer httpStatus() {
        return httpStatus;
    }

    /** The delay the provider asked for (Retry-After), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /**
     * Maps an HTTP status to the exception the caller should see. 408, 409, 425, 429 and 5xx are retriable;
     * every other 4xx (400 bad request, 401, 403, 404, 422) is not.
     */
    public static ProviderException forHttpStatus(int status, String body, Duration retryAfter) {
        boolean retriable = status == 408 || status == 409 || status == 425 || status == 429 || status >= 500;
        String kind = switch (status) {
            case 400 -> "bad request";
            case 401 -> "authentication failed (check the API key)";
            case 403 -> "permission denied";
            case 404 -> "not found (check the base URL and model name)";
            case 429 -> "rate limited";
            default -> status >= 500 ? "server error" : "HTTP error";
        };
        String masked = body == null ? "" : KEY_LIKE.matcher(body).replaceAll("[REDACTED]");
        String snippet = masked.length() > 300 ? masked.substring(0, 300) + "..." : masked;
        return new ProviderException("HTTP " + status + " " + kind + (snippet.isBlank() ? "" : ": " + snippet),
                retriable, status, retryAfter, null);
    }
}
