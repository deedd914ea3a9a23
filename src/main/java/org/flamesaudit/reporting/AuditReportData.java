package org.flamesaudit.reporting;

import org.flamesaudit.scoring.ScorerCard;

import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.metrics.FlamesMetrics;

import java.util.List;
import java.util.Map;

/**
 * Everything the PDF audit report shows: the run, the scorer's card, the metrics, per dimension its worst answers
 * (lowest score first), and what a blind review sample measured ({@code blind}: null when the run has none).
 */
public record AuditReportData(ReportHeader header, ScorerCard card, FlamesMetrics.Result metrics,
                              Map<Dimension, List<ReportItem>> worstExamples, RunTotals totals,
                              org.flamesaudit.review.BlindReviews.Results blind) {

    /** A report of a run without a blind review sample. */
    public AuditReportData(ReportHeader header, ScorerCard card, FlamesMetrics.Result metrics,
                           Map<Dimension, List<ReportItem>> worstExamples, RunTotals totals) {
        this(header, card, metrics, worstExamples, totals, null);
    }

    /** Worst examples shown per dimension. */
    public static final int EXAMPLES_PER_DIMENSION = 5;
}
