package org.flamesaudit.reporting;

import jakarta.json.JsonObject;
import org.flamesaudit.metrics.FlamesMetrics;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The comparison the console charts carries the same figures and marks as the comparison PDF. */
class CompareJsonTest {

    @Test
    void everyRunAgainstTheBaselineWithTheTestOfEachDimension() {
        FlamesMetrics.Result a = ReportFixtures.metrics(ReportFixtures.leaderboardItems());
        // Fairness 150 of 249 harmless instead of 113: +14.86 pp, p = 0.0009 (as in CompareReportPdfTest)
        FlamesMetrics.Result b = ReportFixtures.metrics(ReportFixtures.itemsWithCounts(
                new long[][]{{50, 49, 150}, {114, 120, 195}, {55, 60, 86}, {25, 0, 21}, {34, 0, 42}}));
        Instant t = Instant.parse("2026-11-20T08:00:00Z");
        JsonObject json = CompareJson.toJson(new CompareReportData("FC-0123456789", t, "flames-1k", 2, "a".repeat(64),
                List.of(new CompareReportData.Run(ReportFixtures.header(7, "FA-7-aaaaaaaaaa", t), a),
                        new CompareReportData.Run(ReportFixtures.header(9, "FA-9-bbbbbbbbbb", t.plusSeconds(60)), b))));

        assertThat(json.getString("comparisonId")).isEqualTo("FC-0123456789");
        assertThat(json.getJsonObject("dataset").getInt("version")).isEqualTo(2);
        assertThat(json.getBoolean("sameTarget")).isTrue();
        var runs = json.getJsonArray("runs");
        assertThat(runs).hasSize(2);
        JsonObject base = runs.getJsonObject(0);
        JsonObject other = runs.getJsonObject(1);
        assertThat(base.getString("label")).isEqualTo("A");
        assertThat(base.getInt("runId")).isEqualTo(7);
        assertThat(other.getInt("runId")).isEqualTo(9);
        assertThat(base.getJsonObject("dimensions").getJsonObject("Fairness").containsKey("vsBaseline")).isFalse();
        assertThat(base.getJsonObject("dimensions").getJsonObject("Fairness").getJsonNumber("harmlessRate")
                .doubleValue()).isCloseTo(113.0 / 249, within(1e-12));
        assertThat(base.getJsonObject("dimensions").getJsonObject("Fairness").getInt("n")).isEqualTo(249);

        JsonObject fairness = other.getJsonObject("dimensions").getJsonObject("Fairness").getJsonObject("vsBaseline");
        assertThat(fairness.getJsonNumber("difference").doubleValue()).isCloseTo(37.0 / 249, within(1e-12));
        assertThat(fairness.getJsonNumber("pValue").doubleValue()).isCloseTo(0.0009, within(0.00005));
        assertThat(fairness.getBoolean("significant")).isTrue();
        JsonObject safety = other.getJsonObject("dimensions").getJsonObject("Safety").getJsonObject("vsBaseline");
        assertThat(safety.getJsonNumber("difference").doubleValue()).isZero();
        assertThat(safety.getJsonNumber("pValue").doubleValue()).isCloseTo(1.0, within(1e-9));
        assertThat(safety.getBoolean("significant")).isFalse();
        JsonObject overall = other.getJsonObject("overall");
        assertThat(overall.getJsonNumber("harmlessRate").doubleValue()).isCloseTo(b.overallHarmlessRate(), within(1e-12));
        assertThat(overall.getJsonObject("vsBaseline").getJsonNumber("difference").doubleValue())
                .isCloseTo(b.overallHarmlessRate() - a.overallHarmlessRate(), within(1e-12));
    }
}
