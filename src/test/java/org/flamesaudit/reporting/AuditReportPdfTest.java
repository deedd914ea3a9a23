package org.flamesaudit.reporting;

import org.flamesaudit.dataset.Dimension;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.flamesaudit.testsupport.PdfReading;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AuditReportPdfTest {

    static String longAnswer;
    static byte[] pdf;
    static String text;

    @BeforeAll
    static void render() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            sb.append("第").append(i).append("步：这是一个很长的回复，用来检查长文本在报告中换行而不会被截断。");
        }
        longAnswer = sb.toString();
        List<ReportItem> items = ReportFixtures.leaderboardItems();
        AuditReportData data = new AuditReportData(ReportFixtures.header(Instant.parse("2026-11-28T10:00:00Z")),
                ReportFixtures.card(), ReportFixtures.metrics(items), ReportFixtures.worst(items, longAnswer),
                new RunTotals(1002, 123.4, 30_060, 60_120));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AuditReportPdf.render(data, out);
        pdf = out.toByteArray();
        Path dump = Path.of("target", "test-reports", "audit-report-test.pdf");
        Files.createDirectories(dump.getParent());
        Files.write(dump, pdf);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            text = new PDFTextStripper().getText(doc);
        }
    }

    @Test
    void showsTheLeaderboardFiguresExactly() {
        assertThat(text).contains("45.38%", "45.45%", "42.79%", "45.65%", "55.26%");
        assertThat(text).contains("Overall harmless rate 总体无害率: 46.91%");
        // Legality 21/46: S = 100 (1 + 2 H) / 3 = 63.77
        assertThat(text).contains("63.77");
        assertThat(text).contains("Fairness 公平性", "Data protection 数据保护");
    }

    @Test
    void containsTheChineseTextAndTheCoverFacts() {
        assertThat(text).contains(ReportFixtures.CHINESE_PROMPT, "FA-7-0123abcd", "gpt-3.5-turbo", "a".repeat(64));
        assertThat(text).contains("Flames 价值对齐审计报告");
        assertThat(text).contains("Unscorable 无法评分");
        // times in Beijing time by default, each with its offset, and the zone named on the cover
        assertThat(text).contains("2026-11-28 18:00:00 +08:00", "Asia/Shanghai (UTC+08:00)").doesNotContain(" UTC\n");
    }

    @Test
    void aRunCoveringFewerThanFiveDimensionsSaysSoBesideItsOverallRate() throws Exception {
        List<ReportItem> fairnessOnly = ReportFixtures.leaderboardItems().stream()
                .filter(i -> i.dimension() == Dimension.FAIRNESS).toList();
        AuditReportData data = new AuditReportData(ReportFixtures.header(Instant.parse("2026-11-28T10:00:00Z")),
                ReportFixtures.card(), ReportFixtures.metrics(fairnessOnly), java.util.Map.of(),
                new RunTotals(5, 100, 50, 50));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AuditReportPdf.render(data, out);
        String partial;
        try (PDDocument doc = Loader.loadPDF(out.toByteArray())) {
            partial = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
        assertThat(partial).contains("1 of 5 dimensions", "Partial coverage: only 1 of the 5 Flames dimensions");
        assertThat(text.replaceAll("\\s+", " ")).doesNotContain("Partial coverage");
    }

    @Test
    void anUnknownReportZoneFailsWithTheSettingsName() {
        System.setProperty("flames.report.zone", "Mars/Olympus");
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReportFormat.time(Instant.EPOCH))
                    .hasMessageContaining("-Dflames.report.zone").hasMessageContaining("Mars/Olympus");
            System.setProperty("flames.report.zone", "UTC");
            assertThat(ReportFormat.time(Instant.parse("2026-11-28T10:00:00Z"))).isEqualTo("2026-11-28 10:00:00 +00:00");
            assertThat(ReportFormat.zoneLabel(Instant.EPOCH)).isEqualTo("UTC (UTC+00:00)");
        } finally {
            System.clearProperty("flames.report.zone");
        }
    }

    @Test
    void reviewsAreCountedApartAndTheRatesBeforeAndAfterReviewArePrinted() throws Exception {
        List<org.flamesaudit.metrics.ScoredItem> scored = ReportFixtures.reviewedSafetyItems();
        List<ReportItem> items = ReportFixtures.leaderboardItems();
        AuditReportData data = new AuditReportData(ReportFixtures.header(Instant.parse("2026-11-28T10:00:00Z")),
                ReportFixtures.card(), org.flamesaudit.metrics.FlamesMetrics.compute(scored),
                ReportFixtures.worst(items, "短"), new RunTotals(5, 100, 50, 50));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AuditReportPdf.render(data, out);
        Files.write(Path.of("target", "test-reports", "audit-report-reviewed-test.pdf"), out.toByteArray());
        String reviewed;
        try (PDDocument doc = Loader.loadPDF(out.toByteArray())) {
            reviewed = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }

        assertThat(reviewed).contains("Scores reviewed by a human 人工复核: 3 (2 changed 改分 · 1 confirmed 确认)");
        assertThat(reviewed).contains("Overall harmless rate before review 复核前 50.00%, after 复核后 60.00%");
        assertThat(reviewed).contains("Harmless rate before → after review 复核前 → 复核后 overall 总体 50.00% → 60.00%");
        assertThat(reviewed).contains("Safety 安全性 50.00% (n 4) → 60.00% (n 5)");
        assertThat(text).doesNotContain("复核前");
    }

    @Test
    void aRunWithSeveralScorersNamesThemItsRuleAndTheirAgreement() throws Exception {
        List<org.flamesaudit.metrics.ScorerAgreement.ItemVerdicts> judged = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            judged.add(new org.flamesaudit.metrics.ScorerAgreement.ItemVerdicts(
                    org.flamesaudit.dataset.Dimension.SAFETY, new Integer[] {3, i < 6 ? 3 : 1, i < 7 ? 3 : 1}));
        }
        var metrics = org.flamesaudit.metrics.FlamesMetrics.compute(ReportFixtures.reviewedSafetyItems())
                .withAgreement(org.flamesaudit.metrics.ScorerAgreement.of("majority", List.of("djl:embedded",
                        "llm-judge:qwen@https://judge.example/v1", "llm-judge:deepseek@https://judge2.example/v1"),
                        judged));
        List<ReportItem> items = ReportFixtures.leaderboardItems();
        AuditReportData data = new AuditReportData(ReportFixtures.header(Instant.parse("2026-11-28T10:00:00Z")),
                ReportFixtures.card(), metrics, ReportFixtures.worst(items, "短"), new RunTotals(5, 100, 50, 50));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AuditReportPdf.render(data, out);
        Files.write(Path.of("target", "test-reports", "audit-report-panel-test.pdf"), out.toByteArray());
        String panel;
        try (PDDocument doc = Loader.loadPDF(out.toByteArray())) {
            panel = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
        assertThat(panel).contains("3 scorers, decision rule majority",
                "Scorer 2 评分器 2 llm-judge:qwen@https://judge.example/v1",
                "Decision rule 判定规则 majority: the score more than half of the scorers gave");
        // 8 answers: six 3, 3, 3; then 3, 1, 3 and 3, 1, 1: two differ
        assertThat(panel.replace(" ", "")).contains(("Agreement between scorers 评分器间一致性 8 answers 回复 · 2 disagree "
                + "分歧 (25.00%) · agree on 8 scored by all 全部评分一致 75.00%").replace(" ", ""));
        assertThat(text).doesNotContain("Agreement between scorers");
    }

    /**
     * Issue 22: an answer with CJK Extension B and D characters and emoji, and one character no report font has (a
     * Tangut ideograph, U+17000): every character extracts from the PDF as it was written, except the Tangut one,
     * which is printed as the replacement mark with a note; every font in the PDF is embedded.
     */
    @Test
    void rareCharactersAndEmojiArePrintedAndACharacterNoFontHasIsMarkedWithANote() throws Exception {
        String rare = "你好😀！关于𠮷野家，还有𡈽、𪚥、𫝀和🔥👍🙈。";
        String answer = rare + "西夏文\uD81C\uDC00结束";
        ReportItem item = new ReportItem(7, Dimension.FAIRNESS, "Bias and discrimination", "请介绍𠮷野家", answer, 1,
                "SCORED", "llm-judge", "含有 😀", 100L, 1, 2, null, Instant.parse("2026-11-28T09:00:00Z"));
        List<ReportItem> items = ReportFixtures.leaderboardItems();
        AuditReportData data = new AuditReportData(ReportFixtures.header(Instant.parse("2026-11-28T10:00:00Z")),
                ReportFixtures.card(), ReportFixtures.metrics(items), java.util.Map.of(Dimension.FAIRNESS, List.of(item)),
                new RunTotals(5, 100, 50, 50));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AuditReportPdf.render(data, out);
        Files.write(Path.of("target", "test-reports", "audit-report-glyphs-test.pdf"), out.toByteArray());
        String extracted;
        try (PDDocument doc = Loader.loadPDF(out.toByteArray())) {
            extracted = new PDFTextStripper().getText(doc);
            for (var page : doc.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    var font = page.getResources().getFont(name);
                    assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                }
            }
        }
        assertThat(extracted).contains(rare + "西夏文" + Glyphs.MARK + "结束", "请介绍𠮷野家", "含有 😀");
        assertThat(extracted.replaceAll("\\s+", " ")).contains("Characters no report font has 报告字体缺字: 1 character "
                + "of the examples' text is printed as " + Glyphs.MARK);
        assertThat(Glyphs.missing(answer)).isEqualTo(1);
        assertThat(Glyphs.printable("👍🏻 ❤️ 👨‍👩‍👧")).isEqualTo("👍🏻 ❤️ 👨‍👩‍👧"); // modifiers, selectors, joiners kept
    }

    @Test
    void textFromTheRunIsPrintedAsDataNeverEvaluated() {
        assertThat(text.replaceAll("\\s+", " ")).contains(ReportFixtures.RATIONALE_WITH_EXPRESSIONS);
    }

    @Test
    void longAnswersAreWrappedNeverCut() {
        // page headers and footers interrupt a text that runs over a page break: drop them, then compare
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!line.startsWith("Flames Audit · ") && !line.startsWith("Report 报告 FA-")
                    && !line.matches("Page \\d+ / \\d+")) {
                body.append(line);
            }
        }
        String flat = body.toString().replaceAll("\\s+", "");
        assertThat(flat).contains(longAnswer);
    }

    @Test
    void everyPageCarriesReportIdAndPageNumber() throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            int pages = doc.getNumberOfPages();
            assertThat(pages).isGreaterThan(6);
            PDFTextStripper stripper = new PDFTextStripper();
            for (int p = 1; p <= pages; p++) {
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                String page = stripper.getText(doc);
                assertThat(page).contains("FA-7-0123abcd", "2026-11-28 18:00:00 +08:00", "Page " + p + " / " + pages);
            }
        }
    }

    @Test
    void everyFontIsEmbedded() throws Exception {
        List<PdfReading.FontUse> fonts = PdfReading.fonts(pdf);
        assertThat(fonts).allSatisfy(f -> assertThat(f.embedded()).as("font %s embedded", f.name()).isTrue());
        assertThat(fonts).anyMatch(f -> f.name().contains("Droid")).anyMatch(f -> f.name().contains("DejaVu"));
    }

    @Test
    void renderedPagesShowText() throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFRenderer renderer = new PDFRenderer(doc);
            for (int p : new int[]{0, 1, 2}) {
                BufferedImage img = renderer.renderImageWithDPI(p, 60);
                ImageIO.write(img, "png", Path.of("target", "test-reports", "audit-page-" + (p + 1) + ".png").toFile());
                long dark = 0;
                for (int y = 0; y < img.getHeight(); y++) {
                    for (int x = 0; x < img.getWidth(); x++) {
                        int rgb = img.getRGB(x, y);
                        int lum = ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff);
                        if (lum < 300) {
                            dark++;
                        }
                    }
                }
                assertThat(dark).as("dark pixels on page %d", p + 1).isGreaterThan(2000);
            }
        }
    }
}
