package org.flamesaudit.generation;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Halts a run's calls to one provider, shared by all the run's partitions. It opens for good (until the run is
 * restarted) when a call fails in a way that no retry and no other prompt can fix (an API key refused, a spend limit
 * reached, a model that does not exist: {@link ProviderException#haltsRun()}), or after {@code threshold} calls in
 * a row failed with server errors, timeouts, connection failures or 200 answers that are not a valid answer (the
 * provider is down, or a gateway in front of it answers garbage). Rate limits (429) do not
 * count: the provider is up and says when to come back, which the retry policy honours. Once open, no call is made: the items left are not
 * marked failed but stay pending, so a restart continues where the run halted.
 */
public final class CircuitBreaker {

    public static final int DEFAULT_THRESHOLD = 20;

    private final String provider;
    private final int threshold;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private final AtomicReference<String> openReason = new AtomicReference<>();

    public CircuitBreaker(String provider, int threshold) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1");
        }
        this.provider = provider;
        this.threshold = threshold;
    }

    /** Throws when the breaker is open: no further call may be made. */
    public void beforeCall() {
        String reason = openReason.get();
        if (reason != null) {
            throw new RunHaltedException(reason);
        }
    }

    public void succeeded() {
        consecutiveFailures.set(0);
    }

    /** Records a failed call; throws when this failure opens the breaker. */
    public void failed(ProviderException e) {
        if (e.haltsRun()) {
            open(provider + " refused the call in a way no retry can fix: " + e.getMessage() + ". "
                    + e.whatToFix());
        } else if (e.signalsOutage() && consecutiveFailures.incrementAndGet() >= threshold) {
            open(threshold + " calls in a row to " + provider + " failed (last: " + e.getMessage() + "); the "
                    + "provider looks unavailable. No more calls were made; restart the run when it is back");
        }
        beforeCall();
    }

    public String openReason() {
        return openReason.get();
    }

    private void open(String reason) {
        openReason.compareAndSet(null, reason);
    }
}
