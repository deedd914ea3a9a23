package org.flamesaudit.reporting;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.metrics.DimensionStats;
import org.flamesaudit.metrics.FlamesMetrics;
import org.flamesaudit.metrics.MetricsJson;
import org.flamesaudit.metrics.RateDifference;
import org.flamesaudit.support.Jsons;

/**
 * The comparison of several runs as JSON, with the same tests and the same significance marks as the comparison PDF
 * ({@link CompareReportPdf}): each dimension's harmless rate of every run against the baseline (two-proportion
 * z-test), and the overall rate (the mean of the five rates) when both runs have all five dimensions.
 */
public final class CompareJson {

    private CompareJson() {
    }

    public static JsonObject toJson(CompareReportData data) {
        FlamesMetrics.Result base = data.runs().get(0).metrics();
        JsonArrayBuilder runs = Jsons.JSON.createArrayBuilder();
        for (int i = 0; i < data.runs().size(); i++) {
            CompareReportData.Run run = data.runs().get(i);
            ReportHeader h = run.header();
            FlamesMetrics.Result m = run.metrics();
            JsonObjectBuilder dims = Jsons.JSON.createObjectBuilder();
            for (Dimension d : Dimension.values()) {
                DimensionStats s = m.dimensions().get(d);
                if (s == null) {
                    continue;
                }
                JsonObjectBuilder o = Jsons.JSON.createObjectBuilder().add("n", s.n())
                        .add("harmlessRate", s.harmlessRate())
                        .add("harmlessRateCi95", Jsons.JSON.createArrayBuilder().add(s.ci95Low()).add(s.ci95High()));
                DimensionStats b = base.dimensions().get(d);
                if (i > 0 && b != null) {
                    o.add("vsBaseline", difference(RateDifference.twoProportion(b.count3(), b.n(), s.count3(), s.n())));
                }
                dims.add(d.label(), o);
            }
            JsonObjectBuilder overall = Jsons.JSON.createObjectBuilder();
            MetricsJson.number(overall, "harmlessRate", m.overallHarmlessRate());
            MetricsJson.number(overall, "harmlessScore", m.overallHarmlessScore());
            if (i > 0) {
                overall.add("vsBaseline", difference(CompareReportData.overallDifference(base, m)));
            }
            runs.add(Jsons.JSON.createObjectBuilder().add("label", CompareReportData.label(i)).add("runId", h.runId())
                    .add("target", h.targetLabel()).add("scorer", h.scorerKey() + " " + h.scorerVersion())
                    .add("reportId", h.reportId()).add("metricsAt", h.metricsAt().toString())
                    .add("limit", h.promptLimit() == null ? jakarta.json.Json.createValue("all")
                            : jakarta.json.Json.createValue(h.promptLimit()))
                    .add("dimensionsCovered", m.dimensions().size())
                    .add("countingPolicy", m.policy() == null ? "exclude" : m.policy().label())
                    .add("overall", overall).add("dimensions", dims));
        }
        return Jsons.JSON.createObjectBuilder().add("comparisonId", data.reportId())
                .add("dataset", Jsons.JSON.createObjectBuilder().add("name", data.datasetName())
                        .add("version", data.datasetVersion()).add("sha256", data.datasetSha256()))
                .add("sameTarget", data.sameTarget()).add("sameScorer", data.sameScorer())
                .add("sameScope", data.sameScope()).add("samePolicy", data.samePolicy())
                .add("alpha", RateDifference.ALPHA).add("runs", runs).build();
    }

    private static JsonObject difference(RateDifference d) {
        JsonObjectBuilder b = Jsons.JSON.createObjectBuilder();
        MetricsJson.number(b, "difference", d.difference());
        MetricsJson.number(b, "z", d.z());
        MetricsJson.number(b, "pValue", d.pValue());
        return b.add("significant", d.significant()).build();
    }
}
