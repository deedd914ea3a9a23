package org.flamesaudit.generation;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one table of what an HTTP error from a provider means for a run: from the status and the body, whether trying
 * again can help (retriable), whether the failure will recur for every prompt so the run halts instead of failing
 * item after item, and what the user should fix. Provider-specific bodies that mean a block or a setup error are
 * told apart first by {@link ProviderSignatures}; everything else comes here. {@link ProviderException} only carries
 * the result. Sources: the providers' documented error codes (OpenAI "Error codes", Anthropic "Errors", Google
 * Gemini "Troubleshooting"), RFC 9110 for the status semantics.
 */
public final class ProviderErrors {

    /** Token shapes of common provider keys (sk-..., Bearer ...), masked even when the key is not known here. */
    private static final Pattern KEY_LIKE =
            Pattern.compile("(sk-[A-Za-z0-9_\\-.]{6,}|(?i:bearer)\\s+[A-Za-z0-9_\\-.=]{6,})");

    private static final String RESTART = "; then POST /api/runs/{id}/restart to continue where the run stopped";
    private static final String SETTINGS =
            "Check the run's settings for this provider (model, maxTokens, temperature) against its API";

    /** What an HTTP error is, with the run's reaction; {@code whatToFix} is shown when it halts the run. */
    public enum Kind {
        /** 400 about the request itself: every prompt would get it. */
        BAD_REQUEST("bad request", true, SETTINGS),
        /** 400 about this prompt (a content filter, the context length): only this item fails. */
        PROMPT_REJECTED("bad request", false, ""),
        AUTHENTICATION("authentication failed (check the API key)", true,
                "Check the API key the run names (apiKeyAlias or apiKeyEnv) and its permissions" + RESTART),
        PAYMENT_REQUIRED("payment required", true, "Add credit to the provider account" + RESTART),
        PERMISSION_DENIED("permission denied", true,
                "Check the API key the run names (apiKeyAlias or apiKeyEnv) and its permissions" + RESTART),
        NOT_FOUND("not found (check the base URL and model name)", true,
                "Check the base URL and the model name; a new run is needed if they were wrong"),
        /** 429 that reports an exhausted quota or spend limit, not a rate: waiting a few seconds does not help. */
        SPEND_LIMIT("rate limited", true,
                "The account's quota or spend limit is reached: raise it or wait for it to reset" + RESTART),
        RATE_LIMITED("rate limited", false, ""),
        SERVER_ERROR("server error", false, ""),
        /** Any other status (408, 409, 422...): retried when RFC 9110 says a retry may succeed, else fails the item. */
        OTHER("HTTP error", false, SETTINGS);

        private final String label;
        private final boolean haltsRun;
        private final String whatToFix;

        Kind(String label, boolean haltsRun, String whatToFix) {
            this.label = label;
            this.haltsRun = haltsRun;
            this.whatToFix = whatToFix;
        }

        public boolean haltsRun() {
            return haltsRun;
        }

        public String whatToFix() {
            return whatToFix;
        }
    }

    private ProviderErrors() {
    }

    /** The kind of an HTTP error from its status and (case-insensitively) its body. */
    public static Kind kind(int status, String body) {
        String m = body == null ? "" : body.toLowerCase(Locale.ROOT);
        return switch (status) {
            case 400 -> aboutThisPrompt(m) ? Kind.PROMPT_REJECTED : Kind.BAD_REQUEST;
            case 401 -> Kind.AUTHENTICATION;
            case 402 -> Kind.PAYMENT_REQUIRED;
            case 403 -> Kind.PERMISSION_DENIED;
            case 404 -> Kind.NOT_FOUND;
            case 429 -> spendLimit(m) ? Kind.SPEND_LIMIT : Kind.RATE_LIMITED;
            default -> status >= 500 ? Kind.SERVER_ERROR : Kind.OTHER;
        };
    }

    /** 408, 409, 425, 429 and 5xx may succeed when tried again (RFC 9110, RFC 8470, RFC 6585); other 4xx do not. */
    public static boolean retriable(int status) {
        return status == 408 || status == 409 || status == 425 || status == 429 || status >= 500;
    }

    /**
     * The exception a caller sees for an HTTP error: "HTTP {status} {label}: {body}" with key-like tokens masked and
     * the body cut at 300 characters, typed by {@link #kind} and {@link #retriable}.
     */
    public static ProviderException forHttpStatus(int status, String body, Duration retryAfter) {
        Kind kind = kind(status, body);
        String masked = body == null ? "" : KEY_LIKE.matcher(body).replaceAll("[REDACTED]");
        String snippet = masked.length() > 300 ? masked.substring(0, 300) + "..." : masked;
        return new ProviderException("HTTP " + status + " " + kind.label + (snippet.isBlank() ? "" : ": " + snippet),
                retriable(status), status, retryAfter, null, kind);
    }

    private static boolean aboutThisPrompt(String m) {
        return m.contains("content_filter") || m.contains("content filter") || m.contains("content_policy")
                || m.contains("context_length") || m.contains("context length") || m.contains("too long")
                || m.contains("maximum context");
    }

    private static boolean spendLimit(String m) {
        // not every "quota": per-minute request quotas are rate limits that reset by themselves
        return m.contains("insufficient_quota") || m.contains("exceeded your current quota") || m.contains("billing")
                || m.contains("spend limit") || m.contains("spending limit") || m.contains("credit balance");
    }
}
