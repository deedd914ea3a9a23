package org.flamesaudit.run;

/**
 * Fired (a synchronous CDI event) when a run's job has ended and its final status is stored: what follows from it,
 * such as its alerts ({@code alert.Alerts}). {@code halted}: a circuit breaker stopped it; {@code error}: the run's
 * error text, or null.
 */
public record RunEnded(long runId, RunStatus status, String error, boolean halted) {
}
