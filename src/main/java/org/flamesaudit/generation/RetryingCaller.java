package org.flamesaudit.generation;

import org.jboss.logging.Logger;

import java.lang.invoke.MethodHandles;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs one model call under a {@link RetryPolicy} and always returns an outcome: the answer, a block by the
 * provider's safety system (at once, never retried), or the last error with the number of attempts made. Thread-safe.
 */
public final class RetryingCaller {

    private static final GenerationLogger LOG = Logger.getMessageLogger(MethodHandles.lookup(), GenerationLogger.class,
            RetryingCaller.class.getName());

    /** One attempt at a provider call. */
    @FunctionalInterface
    public interface ProviderCall {
        Generation attempt() throws ProviderException;
    }

    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final CircuitBreaker breaker;

    public RetryingCaller(RetryPolicy policy) {
        this(policy, d -> Thread.sleep(d.toMillis()), null);
    }

    public RetryingCaller(RetryPolicy policy, CircuitBreaker breaker) {
        this(policy, d -> Thread.sleep(d.toMillis()), breaker);
    }

    public RetryingCaller(RetryPolicy policy, Sleeper sleeper) {
        this(policy, sleeper, null);
    }

    /** With a breaker, every attempt is counted, and an open breaker makes {@link #call} throw instead of calling. */
    public RetryingCaller(RetryPolicy policy, Sleeper sleeper, CircuitBreaker breaker) {
        this.policy = policy;
        this.sleeper = sleeper;
        this.breaker = breaker;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    /**
     * @throws RunHaltedException when the breaker is (or by this call becomes) open: the item must not be recorded
     */
    public GenerationOutcome call(ProviderCall call) {
        long start = System.nanoTime();
        int attempt = 0;
        while (true) {
            attempt++;
            if (breaker != null) {
                breaker.beforeCall();
            }
            try {
                Generation g = call.attempt();
                if (breaker != null) {
                    breaker.succeeded();
                }
                return GenerationOutcome.success(g, elapsedMs(start), attempt);
            } catch (ProviderBlockedException e) {
                // the provider is up and its safety system answered for this prompt: not a failure, never retried
                if (breaker != null) {
                    breaker.succeeded();
                }
                return GenerationOutcome.blocked(e.block(), elapsedMs(start), attempt);
            } catch (ProviderException e) {
                if (breaker != null) {
                    breaker.failed(e);
                }
                Duration delay = policy.delayBeforeRetry(attempt, e, () -> ThreadLocalRandom.current().nextDouble());
                if (delay == null) {
                    String why = !e.isRetriable() ? ""
                            : attempt >= policy.maxAttempts() ? " (gave up after " + attempt + " attempts)"
                            : " (not retried: Retry-After " + e.retryAfter().toSeconds() + " s exceeds the maximum wait of "
                              + policy.maxRetryAfter().toSeconds() + " s)";
                    return GenerationOutcome.failure(e.getMessage() + why, elapsedMs(start), attempt);
                }
                LOG.retrying(delay.toMillis(), e.getMessage());
                try {
                    sleeper.sleep(delay);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return GenerationOutcome.failure("interrupted while waiting to retry: " + e.getMessage(),
                            elapsedMs(start), attempt);
                }
            } catch (RuntimeException e) {
                return GenerationOutcome.failure("connector error: " + e, elapsedMs(start), attempt);
            }
        }
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
