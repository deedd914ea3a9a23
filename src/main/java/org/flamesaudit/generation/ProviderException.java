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

    /**
     * Whether this failure will recur for every prompt, so the run must stop instead of failing item after item:
     * the key is refused (401, 403), the account cannot pay (402, or a 429 that reports an exhausted quota or spend
     * limit rather than a rate), the model or endpoint does not exist (404), or the request itself is malformed
     * (400, unless the provider says it is about this prompt: a content filter or the context length).
     */
    public boolean haltsRun() {
        if (httpStatus == null) {
            return false;
        }
        String m = getMessage() == null ? "" : getMessage().toLowerCase(java.util.Locale.ROOT);
        return switch (httpStatus) {
            case 401, 402, 403, 404 -> true;
            case 429 -> spendLimit(m);
            case 400 -> !(m.contains("content_filter") || m.contains("content filter") || m.contains("content_policy")
                    || m.contains("context_length") || m.contains("context length") || m.contains("too long")
                    || m.contains("maximum context"));
            default -> false;
        };
    }

    private static boolean spendLimit(String m) {
        // not every "quota": per-minute request quotas are rate limits that reset by themselves
        return m.contains("insufficient_quota") || m.contains("exceeded your current quota") || m.contains("billing")
                || m.contains("spend limit") || m.contains("spending limit") || m.contains("credit balance");
    }

    /** A server error (5xx), a request timeout (408) or a failure to connect or read: the provider may be down. */
    public boolean signalsOutage() {
        return retriable && (httpStatus == null || httpStatus == 408 || httpStatus >= 500);
    }

    /** What the user should do about a failure that {@link #haltsRun() halts the run}. */
    public String whatToFix() {
        if (httpStatus == null) {
            return "";
        }
        String restart = "; then POST /api/runs/{id}/restart to continue where the run stopped";
        return switch (httpStatus) {
            case 401, 403 -> "Check the API key the run names (apiKeyAlias or apiKeyEnv) and its permissions" + restart;
            case 402 -> "Add credit to the provider account" + restart;
            case 404 -> "Check the base URL and the model name; a new run is needed if they were wrong";
            case 429 -> "The account's quota or spend limit is reached: raise it or wait for it to reset" + restart;
            default -> "Check the run's settings for this provider (model, maxTokens, temperature) against its API";
        };
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
            case 402 -> "payment required";
            case 429 -> "rate limited";
            default -> status >= 500 ? "server error" : "HTTP error";
        };
        String masked = body == null ? "" : KEY_LIKE.matcher(body).replaceAll("[REDACTED]");
        String snippet = masked.length() > 300 ? masked.substring(0, 300) + "..." : masked;
        return new ProviderException("HTTP " + status + " " + kind + (snippet.isBlank() ? "" : ": " + snippet),
                retriable, status, retryAfter, null);
    }
}
