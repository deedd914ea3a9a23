package org.flamesaudit.generation;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter that honours the provider's Retry-After. Pure: the random source is
 * injected so the decisions can be tested exactly.
 *
 * @param maxAttempts    total attempts including the first (at least 1)
 * @param baseDelay      delay cap of the first retry; doubled for each further retry
 * @param maxDelay       cap of the exponential delay
 * @param maxRetryAfter  a Retry-After longer than this is not waited for; the call fails instead
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30),
            Duration.ofMinutes(5));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** This policy with another attempt count; null keeps it. */
    public RetryPolicy withMaxAttempts(Integer attempts) {
        return attempts == null ? this : new RetryPolicy(attempts, baseDelay, maxDelay, maxRetryAfter);
    }

    /**
     * The longest one call can take under this policy, every attempt timing out and every wait at its maximum:
     * the bound a chunk transaction around such calls must allow.
     */
    public Duration worstCase(Duration perAttempt) {
        Duration longestWait = maxDelay.compareTo(maxRetryAfter) > 0 ? maxDelay : maxRetryAfter.plusSeconds(1);
        return perAttempt.multipliedBy(maxAttempts).plus(longestWait.multipliedBy(maxAttempts - 1L));
    }

    /**
     * The delay before attempt {@code attempt + 1} after {@code failure} ended attempt {@code attempt} (1-based), or
     * null when the call must not be retried.
     */
    public Duration delayBeforeRetry(int attempt, ProviderException failure, DoubleSupplier random) {
        if (!failure.isRetriable() || attempt >= maxAttempts) {
            return null;
        }
        long cap = Math.min(maxDelay.toMillis(), baseDelay.toMillis() * (1L << Math.min(30, attempt - 1)));
        long jittered = (long) Math.floor(random.getAsDouble() * cap);
        Duration retryAfter = failure.retryAfter();
        if (retryAfter != null) {
            if (retryAfter.compareTo(maxRetryAfter) > 0) {
                return null;
            }
            // wait at least what the provider asked, plus a little jitter so parallel callers do not stampede
            return retryAfter.plusMillis((long) Math.floor(random.getAsDouble() * Math.min(1000, cap + 1)));
        }
        return Duration.ofMillis(jittered);
    }
}
