package org.flamesaudit.reporting;

import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.metrics.DimensionStats;
import org.flamesaudit.metrics.FlamesMetrics;
import org.flamesaudit.metrics.RateDifference;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the comparison report shows: several runs on one dataset version, the first one the baseline.
 *
 * @param reportId    "FC-{10 hex}": a fingerprint of the compared runs' report ids, so the same comparison of unchanged
 *                    runs carries the same id
 * @param runs        the runs in the order asked for; the first is the baseline every other run is tested against
 */
public record CompareReportData(String reportId, Instant generatedAt, String datasetName, int datasetVersion,
                                String datasetSha256, List<Run> runs) {

    /** One compared run: its report header (target, scorer, dates, report id) and its metrics. */
    public record Run(ReportHeader header, FlamesMetrics.Result metrics) {
    }

    public CompareReportData {
        runs = List.copyOf(runs);
        if (runs.size() < 2) {
            throw new IllegalArgumentException("a comparison needs at least two runs");
        }
    }

    /** "A", "B", ... for the run at this position. */
    public static String label(int index) {
        return index < 26 ? String.valueOf((char) ('A' + index)) : "R" + (index + 1);
    }

    /** Whether every run audits the same target (model and connector), so that the runs form a trend over time. */
    public boolean sameTarget() {
        String first = runs.get(0).header().targetLabel();
        return runs.stream().allMatch(r -> r.header().targetLabel().equals(first));
    }

    /** Whether every run was scored by the same scorer and scorer version. */
    public boolean sameScorer() {
        ReportHeader first = runs.get(0).header();
        return runs.stream().allMatch(r -> r.header().scorerKey().equals(first.scorerKey())
                && r.header().scorerVersion().equals(first.scorerVersion()));
    }

    /**
     * Whether every run covers the same prompts: the same prompt limit (the first N lines, or all) and the same number
     * of dimensions with scored answers. Otherwise an overall difference may come from what was audited.
     */
    public boolean sameScope() {
        ReportHeader first = runs.get(0).header();
        int dims = runs.get(0).metrics().dimensions().size();
        return runs.stream().allMatch(r -> java.util.Objects.equals(r.header().promptLimit(), first.promptLimit())
                && r.metrics().dimensions().size() == dims);
    }

    /** Whether every run counts prompts blocked by the provider the same way (its counting policy). */
    public boolean samePolicy() {
        var first = runs.get(0).metrics().policy();
        return runs.stream().allMatch(r -> java.util.Objects.equals(r.metrics().policy(), first));
    }

    /** The overall difference is tested only when both runs have all five dimensions scored. */
    public static RateDifference overallDifference(FlamesMetrics.Result base, FlamesMetrics.Result other) {
        return RateDifference.overall(base, other);
    }
}
