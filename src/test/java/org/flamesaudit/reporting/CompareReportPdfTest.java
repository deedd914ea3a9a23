package org.flamesaudit.reporting;

import org.flamesaudit.metrics.FlamesMetrics;
import org.flamesaudit.metrics.RateDifference;
import org.flamesaudit.testsupport.PdfReading;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The comparison report of three runs of one target on the leaderboard's item counts: a baseline with the published
 * GPT-3.5 counts, a run that is better on Fairness only by a margin the test calls significant, and a run equal to
 * the baseline.
 */
class CompareReportPdfTest {

    static String text;
    static String textEn;
    static byte[] pdf;

    @BeforeAll
    static void render() throws Exception {
        List<ReportItem> base = ReportFixtures.leaderboardItems();
        FlamesMetrics.Result a = ReportFixtures.metrics(base);
        // Fairness 150 of 249 harmless instead of 113: +14.86 pp, z = 3.32, p = 0.0009
        FlamesMetrics.Result b = ReportFixtures.metrics(ReportFixtures.itemsWithCounts(
                new long[][]{{50, 49, 150}, {114, 120, 195}, {55, 60, 86}, {25, 0, 21}, {34, 0, 42}}));
        Instant t = Instant.parse("2026-11-20T08:00:00Z");
        CompareReportData data = new CompareReportData("FC-0123456789", Instant.parse("2026-11-28T10:00:00Z"),
                "flames-1k", 2, "a".repeat(64), List.of(
                new CompareReportData.Run(ReportFixtures.header(7, "FA-7-aaaaaaaaaa", t.plusSeconds(3600)), a),
                new CompareReportData.Run(ReportFixtures.header(9, "FA-9-bbbbbbbbbb", t.plusSeconds(86_400 * 3)), b),
                new CompareReportData.Run(ReportFixtures.header(8, "FA-8-cccccccccc", t.plusSeconds(86_400)), a)));
        ByteArrayOutputStream en = new ByteArrayOutputStream();
        CompareReportPdf.render(data, ReportLanguage.EN, en);
        textEn = PdfReading.text(en.toByteArray());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompareReportPdf.render(data, out);
        pdf = out.toByteArray();
        Path dump = Path.of("target", "test-reports", "compare-report-test.pdf");
        Files.createDirectories(dump.getParent());
        Files.write(dump, pdf);
        text = PdfReading.text(pdf);
    }

    @Test
    void tableShowsEveryRunsRateWithTheDifferenceAndItsTest() {
        String flat = text.replaceAll("\\s+", " ");
        // baseline row, then the better run: 60.24% vs 45.38%, +14.86 pp, p 0.0009, significant and higher
        assertThat(flat).contains("公平性 Fairness A · 运行 7 249 45.38%");
        assertThat(flat).contains("B · 运行 9 249 60.24%");
        assertThat(flat).contains("+14.86 0.0009 是 ▲");
        // Safety unchanged: +0.00, p = 1
        assertThat(flat).contains("B · 运行 9 429 45.45%");
        assertThat(flat).contains("+0.00 1.0000 否");
        assertThat(flat).contains("基线", "总体 A · 运行 7 46.91%").doesNotContain("baseline", "Overall");
        String en = textEn.replaceAll("\\s+", " ");
        assertThat(en).contains("Fairness A · run 7 249 45.38%", "+14.86 0.0009 yes ▲", "+0.00 1.0000 no",
                "baseline", "Overall A · run 7 46.91%").doesNotContain("基线", "总体");
    }

    @Test
    void differencesAreComputedByThePooledTwoProportionTest() {
        RateDifference d = RateDifference.twoProportion(113, 249, 150, 249);
        assertThat(CompareReportPdf.points(d.difference())).isEqualTo("+14.86");
        assertThat(CompareReportPdf.pValue(d.pValue())).isEqualTo("0.0009");
        ReportText en = ReportText.of(ReportLanguage.EN);
        assertThat(CompareReportPdf.significance(d, en)).isEqualTo("yes ▲");
        assertThat(CompareReportPdf.significance(d, ReportText.of(ReportLanguage.ZH))).isEqualTo("是 ▲");
        assertThat(CompareReportPdf.pValue(1e-9)).isEqualTo("< 0.0001");
        assertThat(CompareReportPdf.significance(RateDifference.twoProportion(150, 249, 113, 249), en))
                .isEqualTo("yes ▼");
    }

    @Test
    void sameTargetRunsGetATrendOrderedByTime() {
        assertThat(textEn.replaceAll("\\s+", " "))
                .contains("Every run audits gpt-3.5-turbo (openai), so the runs below form a trend");
        String flat = text.replaceAll("\\s+", " ");
        assertThat(flat).contains("每次运行审计的都是 gpt-3.5-turbo (openai)，因此以下运行构成时间趋势");
        int a = flat.indexOf("2026-11-20 17:00:00 +08:00 A · 运行 7");
        int c = flat.indexOf("2026-11-21 16:00:00 +08:00 C · 运行 8");
        int b = flat.indexOf("2026-11-23 16:00:00 +08:00 B · 运行 9");
        assertThat(a).isPositive();
        assertThat(c).isGreaterThan(a);
        assertThat(b).isGreaterThan(c);
    }

    @Test
    void everyPageCarriesTheReportIdAndEveryFontIsEmbedded() throws Exception {
        assertThat(text).contains("FC-0123456789", "生成于 2026-11-28 18:00:00 +08:00", "页码 1 / ",
                "a".repeat(64), "FA-9-bbbbbbbbbb", "Flames 模型对比报告");
        assertThat(PdfReading.fonts(pdf)).isNotEmpty().allSatisfy(f -> assertThat(f.embedded()).isTrue());
    }

    /** Issue 22: runs of different scope (a prompt limit) or counting policy are flagged, not silently compared. */
    @Test
    void runsOfDifferentScopeOrPolicyAreFlagged() {
        Instant t = Instant.parse("2026-11-20T08:00:00Z");
        ReportHeader full = ReportFixtures.header(7, "FA-7-aaaaaaaaaa", t.plusSeconds(3600));
        ReportHeader limited = new ReportHeader("FA-8-bbbbbbbbbb", 8, full.targetModel(), full.connector(),
                full.datasetName(), full.datasetVersion(), full.datasetSha256(), full.datasetPrompts(),
                full.scorerKey(), full.scorerVersion(), 60, full.createdAt(), full.startedAt(), t.plusSeconds(7200),
                full.generatedAt(), full.configuration(), "auditor", 60, "auditor", null, null, null, null);
        FlamesMetrics.Result m = ReportFixtures.metrics(ReportFixtures.leaderboardItems());
        CompareReportData same = new CompareReportData("FC-1", t, "flames-1k", 2, "a".repeat(64), List.of(
                new CompareReportData.Run(full, m), new CompareReportData.Run(full, m)));
        CompareReportData mixed = new CompareReportData("FC-2", t, "flames-1k", 2, "a".repeat(64), List.of(
                new CompareReportData.Run(full, m), new CompareReportData.Run(limited, m)));
        assertThat(same.sameScope()).isTrue();
        assertThat(mixed.sameScope()).isFalse();
        assertThat(mixed.samePolicy()).isTrue();
        String intro = (String) CompareReportPdf.parameters(mixed, ReportText.of(ReportLanguage.ZH)).get("INTRO_TEXT");
        assertThat(intro).contains("注意：这些运行审计的题目不同").doesNotContain("计分口径不同");
        assertThat((String) CompareReportPdf.parameters(same, ReportText.of(ReportLanguage.ZH)).get("INTRO_TEXT"))
                .doesNotContain("注意");
        assertThat(CompareJson.toJson(mixed).getBoolean("sameScope")).isFalse();
        assertThat(CompareJson.toJson(mixed).getJsonArray("runs").getJsonObject(1).getInt("limit")).isEqualTo(60);
    }
}
