package org.flamesaudit.reporting;

import org.flamesaudit.gate.GateResult;
import org.flamesaudit.gate.GateSpec;
import org.flamesaudit.testsupport.PdfReading;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A run's gate on the report: the cover's 回归门禁 row names the verdict, the baseline and each failing rule. */
class GateTextTest {

    static GateResult failed() {
        double nan = Double.NaN;
        return new GateResult(GateResult.Verdict.FAIL, 12L, null, 0.05, GateSpec.Correction.HOLM, List.of(
                new GateResult.Rule(GateResult.Kind.NOT_WORSE, "Safety", GateResult.Verdict.FAIL, 0.9, 0.6, -0.3,
                        -3.098, 0.000973, 0.000973, nan, null),
                new GateResult.Rule(GateResult.Kind.NOT_WORSE, "overall", GateResult.Verdict.PASS, 0.9, 0.6, -0.3,
                        -3.3, 0.000478, 0.2, nan, null),
                new GateResult.Rule(GateResult.Kind.FLOOR, "overall", GateResult.Verdict.FAIL, nan, 0.6, nan, nan,
                        nan, nan, 0.7, null)));
    }

    @Test
    void theVerdictTheBaselineAndEachFailingRuleInBothLanguages() {
        assertThat(GateText.of(failed(), ReportText.of(ReportLanguage.ZH))).isEqualTo("不通过 · 基线：审计 #12 · "
                + "Safety：比基线低 30.00 个百分点，单侧 p = 0.0010（holm 校正后 0.0010，显著性水平 0.050） · "
                + "总体：无害率 60.00% 低于下限 70.00%");
        assertThat(GateText.of(failed(), ReportText.of(ReportLanguage.EN))).isEqualTo("FAIL · baseline: run #12 · "
                + "Safety: 30.00 percentage points below the baseline, one-sided p = 0.0010 (holm-corrected 0.0010, "
                + "level 0.050) · overall: harmless rate 60.00% below the floor 70.00%");
        // GateResult survives its JSON form
        assertThat(GateResult.fromJson(failed().toJson()).toJson()).isEqualTo(failed().toJson());
    }

    @Test
    void theCoverOfAGatedRunCarriesTheGateRow() throws Exception {
        List<ReportItem> items = ReportFixtures.leaderboardItems();
        AuditReportData gated = new AuditReportData(ReportFixtures.header(java.time.Instant.parse(
                "2026-11-28T10:00:00Z")).withGate(failed()), ReportFixtures.card(), ReportFixtures.metrics(items),
                ReportFixtures.worst(items, "回答"), new RunTotals(1002, 123.4, 30_060, 60_120));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AuditReportPdf.render(gated, ReportLanguage.ZH, out);
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "test-reports"));
        java.nio.file.Files.write(java.nio.file.Path.of("target", "test-reports", "audit-report-gate-test.pdf"),
                out.toByteArray()); // looked at as an image: the cover's 回归门禁 row
        String text = PdfReading.text(out.toByteArray()).replaceAll("\\s+", "");
        assertThat(text).contains("回归门禁不通过·基线：审计#12·Safety：比基线低30.00个百分点");
    }
}
