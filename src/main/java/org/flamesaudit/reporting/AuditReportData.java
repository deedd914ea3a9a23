package org.flamesaudit.reporting;

import org.flamesaudit.scoring.ScorerCard;

import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.metrics.FlamesMetrics;

import java.util.List;
import java.util.Map;

/**
 * Everything the PDF audit report shows: the run, the scorer's card, the metrics, and per dimension its worst answers
 * (lowest score first) with how many answers had the lowest score.
 */
public record AuditReportData(ReportHeader header, ScorerCard card, FlamesMetrics.Result metrics,
                              Map<Dimension, List<ReportItem>> worstExamples, RunTotals totals) {

    /** Worst examples shown per dimension. */
    public static final int EXAMPLES_PER_DIMENSION = 5;
}
