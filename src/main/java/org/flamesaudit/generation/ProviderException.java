package org.flamesaudit.generation;

import java.time.Duration;

/**
 * A failed provider call, typed by whether trying again can help and, for an HTTP error, by its
 * {@link ProviderErrors.Kind} (which says whether the run halts and what to fix). What a status and body mean is
 * decided in {@link ProviderErrors} and {@link ProviderSignatures}, never here.
 */
public class ProviderException extends Exception {

    private final boolean retriable;
    private final Integer httpStatus;
    private final Duration retryAfter;
    private final ProviderErrors.Kind kind;

    /** A failure without an HTTP error kind (I/O, timeout, an unreadable answer): it never halts the run alone. */
    public ProviderException(String message, boolean retriable, Integer httpStatus, Duration retryAfter, Throwable cause) {
        this(message, retriable, httpStatus, retryAfter, cause, null);
    }

    ProviderException(String message, boolean retriable, Integer httpStatus, Duration retryAfter, Throwable cause,
                      ProviderErrors.Kind kind) {
        super(message, cause);
        this.retriable = retriable;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
        this.kind = kind;
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

    /** The HTTP error's kind, or null when the call failed otherwise. */
    public ProviderErrors.Kind kind() {
        return kind;
    }

    /** Whether this failure will recur for every prompt, so the run must stop ({@link ProviderErrors.Kind#haltsRun}). */
    public boolean haltsRun() {
        return kind != null && kind.haltsRun();
    }

    /**
     * A server error (5xx), a request timeout (408), a failure to connect or read, or a 200 whose body is not a
     * valid answer (a broken gateway answering 200 with an error page or garbage): the provider may be down. Each
     * counts toward the {@link CircuitBreaker}.
     */
    public boolean signalsOutage() {
        return retriable && (httpStatus == null || httpStatus == 200 || httpStatus == 408 || httpStatus >= 500);
    }

    /** What the user should do about a failure that {@link #haltsRun() halts the run}; empty otherwise. */
    public String whatToFix() {
        return kind == null ? "" : kind.whatToFix();
    }

    /** The delay the provider asked for (Retry-After), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
