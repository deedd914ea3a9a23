package org.flamesaudit.reporting;

/**
 * Totals over a run's answers for the report's appendix.
 *
 * @param answers          answers received (responses without error)
 * @param meanLatencyMs    mean latency of those answers, NaN when there are none
 * @param promptTokens     prompt tokens reported by the provider (answers that reported none count 0)
 * @param completionTokens completion tokens reported by the provider
 */
public record RunTotals(long answers, double meanLatencyMs, long promptTokens, long completionTokens) {
}
