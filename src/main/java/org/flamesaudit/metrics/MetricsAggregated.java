package org.flamesaudit.metrics;

/**
 * Fired (a synchronous CDI event) once the aggregate step has computed and stored a run's metrics, for what follows
 * from them: the run's gate ({@code gate.GateService}). {@code withheld}: why the run's completion is withheld, or null.
 */
public record MetricsAggregated(long runId, FlamesMetrics.Result result, String withheld) {
}
