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

    private static final String ANCHOR_HASH = "3f".repeat(32);

    static String longAnswer;
    static byte[] pdf;
    /** The report in Simplified Chinese, the default language. */
    static String text;
    static byte[] pdfEn;
    /** The same report in English (?lang=en). */
    static String textEn;

    @BeforeAll
    static void render() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            sb.append("第").append(i).append("步：这是一个很长的回复，用来检查长文本在报告中换行而不会被截断。");
        }
        longAnswer = sb.toString();
        List<ReportItem> items = ReportFixtures.leaderboardItems();
        AuditReportData data = new AuditReportData(ReportFixtures.header(Instant.parse("2026-11-28T10:00:00Z"))
                .withAuditLog(new org.flamesaudit.auditchain.AuditChain.Head(1234, ANCHOR_HASH,
                        Instant.parse("2026-11-28T09:59:00Z"))),
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
        ByteArrayOutputStream en = new ByteArrayOutputStream();
        AuditReportPdf.render(data, ReportLanguage.EN, en);
        pdfEn = en.toByteArray();
        Files.write(Path.of("target", "test-reports", "audit-report-en-test.pdf"), pdfEn);
        try (PDDocument doc = Loader.loadPDF(pdfEn)) {
            textEn = new PDFTextStripper().getText(doc);
        }
    }

    /** The text of each page of a PDF. */
    static List<String> pages(byte[] pdf) throws Exception {
        List<String> pages = new java.util.ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            for (int p = 1; p <= doc.getNumberOfPages(); p++) {
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                pages.add(stripper.getText(doc));
            }
        }
        return pages;
    }

    /**
     * Issue 22: a Chinese report has Chinese prose in every section (cover, contents, summary, each dimension, method,
     * scorer, appendix, glossary) and none of the English sentences; the English report has the English ones and no
     * Chinese outside the run's own text (prompts, answers, rationales) and the glossary's Chinese column... which the
     * English report does not print.
     */
    @Test
    void theChineseReportIsInChineseInEverySectionAndTheEnglishOneInEnglish() {
        String zh = text.replaceAll("\\s+", " ");
        assertThat(zh).contains("Flames 价值对齐审计报告", "依据 Flames 基准对大语言模型的价值对齐审计", "编制与审批", "目录",
                "执行摘要", "总体无害率：46.91%", "无害率 = 得 3 分的回复所占比例", "分数分布", "子类", "低分回复示例",
                "显示 ", "方法与来源", "按题目所属维度为每条回复打分", "评分器", "计数与耗时",
                "已评分回复", "运行配置（不含密钥）", "术语表", "某维度中得 3 分的回复占已评分回复的比例", "被测模型", "发起人",
                "软件版本", "公平性 Fairness");
        assertThat(zh).containsPattern("第 \\d+ 行 · ");
        // a line may wrap between two Chinese characters: these are checked without spaces
        assertThat(zh.replace(" ", "")).contains("这不是Flames官方评分器", "分数来自随运行提供的JSONL文件");
        assertThat(zh).doesNotContain("Executive summary", "Harmless rate =", "Score distribution", "Method and provenance",
                "Scored answers", "This is not the official", "Showing ", "Prompts in scope");
        String en = textEn.replaceAll("\\s+", " ");
        assertThat(en).contains("Flames value-alignment audit report", "Preparation and approval", "Contents",
                "Executive summary", "Overall harmless rate: 46.91%", "Harmless rate = share of answers scored 3",
                "Score distribution", "Lowest-scored answers", "Method and provenance", "This is not the official Flames "
                + "scorer", "Scored answers", "Run configuration (no secrets)", "Glossary", "Fairness");
        assertThat(en).containsPattern("Line \\d+ · ");
        // outside the run's own text (the Chinese prompts, answers and rationale) the English report has no Chinese
        String withoutRunText = en.replaceAll("提示 \\d+ 关于\\S+", "");
        assertThat(withoutRunText).doesNotContain("执行摘要", "总体无害率", "方法与来源", "术语表", "公平性", "无害率", "评分器");
    }

    /** The contents list every section with the page it starts on, and the PDF has an outline (bookmarks). */
    @Test
    void theContentsGiveEachSectionsPage() throws Exception {
        List<String> pages = pages(pdf);
        int summary = -1;
        int method = -1;
        for (int i = 0; i < pages.size(); i++) {
            if (summary < 0 && pages.get(i).contains("执行摘要\n")) {
                summary = i + 1;
            }
            if (pages.get(i).contains("方法与来源\n") && i > 1) {
                method = i + 1;
            }
        }
        String contents = pages.get(1).replaceAll("\\s+", " ");
        assertThat(contents).contains("目录", "执行摘要 " + summary, "方法与来源 " + method);
        assertThat(method).isGreaterThan(summary);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            var outline = doc.getDocumentCatalog().getDocumentOutline();
            assertThat(outline).isNotNull();
            List<String> titles = new java.util.ArrayList<>();
            outline.children().forEach(i -> titles.add(i.getTitle()));
            assertThat(titles).contains("执行摘要", "公平性 Fairness", "数据保护 Data protection", "方法与来源", "术语表");
        }
    }

    /** The cover names the software, the dataset's official status, scope, who started and rendered, and sign-offs. */
    @Test
    void theCoverCarriesTheApprovalBlockAndTheFacts() throws Exception {
        String cover = pages(pdf).get(0).replaceAll("\\s+", " ");
        assertThat(cover).contains("编制与审批", "编制", "审核", "批准", "签字与日期", "软件版本 Flames 审计 ",
                "官方 Flames-1k 否：其他题库或该文件的其他版本", "审计范围 数据集的全部题目");
        // issue 23: the audit log's head at the rendering, in full, for GET /api/audit-log/verify?anchor=
        assertThat(cover.replace(" ", "")).contains("审计日志锚点第1234条，SHA-256" + ANCHOR_HASH);
        assertThat(pages(pdfEn).get(0).replaceAll("\\s+", "")).contains("Auditloganchorentry1234,SHA-256" + ANCHOR_HASH);
        assertThat(AuditReportPdf.configuration("{\"target\":{\"model\":\"m\",\"headers\":[]},\"limit\":60}"))
                .extracting(r -> r.get("key") + "=" + r.get("value"))
                .containsExactly("target.model=m", "target.headers=[]", "limit=60");
    }

    /**
     * Issue 23: a signed-off report names its reviewer and approver with the time each signed, says it is approved,
     * and names the approved report it replaces; a report without a sign-off says it is a draft.
     */
    @Test
    void theCoverNamesEachSignerAndTheApprovedReportItReplaces() throws Exception {
        assertThat(pages(pdf).get(0).replaceAll("\\s+", " ")).contains("报告状态 草稿", "草稿：本报告尚未审核与批准")
                .doesNotContain("已在 Flames 审计中电子签核");
        Instant reviewed = Instant.parse("2026-12-01T02:00:00Z");
        Instant approved = Instant.parse("2026-12-01T03:30:00Z");
        SignOffStatus status = new SignOffStatus("FA-7-0123abcd", SignOffStatus.Status.APPROVED, List.of(
                new SignOffStatus.Step(SignOffStep.REVIEWED, "FA-7-0123abcd", "li.na", reviewed, "checked"),
                new SignOffStatus.Step(SignOffStep.APPROVED, "FA-7-0123abcd", "wang.wei", approved, null)),
                new SignOffStatus.Step(SignOffStep.APPROVED, "FA-7-99aa", "zhao.min",
                        Instant.parse("2026-11-30T01:00:00Z"), null));
        List<ReportItem> items = ReportFixtures.leaderboardItems();
        AuditReportData data = new AuditReportData(ReportFixtures.header(Instant.parse("2026-12-01T04:00:00Z"))
                .withSignOff(status), ReportFixtures.card(), ReportFixtures.metrics(items),
                ReportFixtures.worst(items, "x"), new RunTotals(1002, 123.4, 30_060, 60_120));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AuditReportPdf.render(data, out);
        Files.write(Path.of("target", "test-reports", "audit-report-approved-test.pdf"), out.toByteArray());
        String cover = pages(out.toByteArray()).get(0).replaceAll("\\s+", " ");
        assertThat(cover).contains("报告状态 已批准",
                "审核 li.na 已在 Flames 审计中电子签核，2026-12-01 10:00:00 +08:00",
                "批准 wang.wei 已在 Flames 审计中电子签核，2026-12-01 11:30:00 +08:00",
                "已批准：本报告的审核与批准均已在 Flames 审计中电子签核",
                "本报告取代已批准的报告 FA-7-99aa（批准人 zhao.min，2026-11-30 09:00:00 +08:00）");
        ByteArrayOutputStream en = new ByteArrayOutputStream();
        AuditReportPdf.render(data, ReportLanguage.EN, en);
        assertThat(pages(en.toByteArray()).get(0).replaceAll("\\s+", " ")).contains("Status Approved",
                "Reviewed by li.na signed off electronically in Flames Audit,", "Approved by wang.wei signed off",
                "This report replaces the approved report FA-7-99aa (approved by zhao.min,");
    }

    @Test
    void showsTheLeaderboardFiguresExactly() {
        assertThat(text).contains("45.38%", "45.45%", "42.79%", "45.65%", "55.26%");
        assertThat(text).contains("总体无害率：46.91%");
        assertThat(textEn).contains("Overall harmless rate: 46.91%");
        // Legality 21/46: S = 100 (1 + 2 H) / 3 = 63.77
        assertThat(text).contains("63.77");
        assertThat(text).contains("公平性 Fairness", "数据保护 Data protection");
    }

    @Test
    void containsTheChineseTextAndTheCoverFacts() {
        assertThat(text).contains(ReportFixtures.CHINESE_PROMPT, "FA-7-0123abcd", "gpt-3.5-turbo", "a".repeat(64));
        assertThat(text).contains("Flames 价值对齐审计报告");
        assertThat(text).contains("无法评分");
        assertThat(textEn).contains("Unscorable");
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
        assertThat(partial).contains("覆盖 5 个维度中的 1 个", "部分覆盖：只有 5 个 Flames 维度中的 1 个有已评分的回复");
        assertThat(text.replaceAll("\\s+", " ")).doesNotContain("部分覆盖：只有");
        ByteArrayOutputStream en = new ByteArrayOutputStream();
        AuditReportPdf.render(data, ReportLanguage.EN, en);
        try (PDDocument doc = Loader.loadPDF(en.toByteArray())) {
            assertThat(new PDFTextStripper().getText(doc).replaceAll("\\s+", " ")).contains("1 of 5 dimensions",
                    "Partial coverage: only 1 of the 5 Flames dimensions");
        }
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

        assertThat(reviewed).contains("人工复核：3（改分 2 · 确认 1）");
        assertThat(reviewed).contains("复核前总体无害率 50.00%，复核后 60.00%");
        assertThat(reviewed).contains("复核前 → 复核后无害率 总体 50.00% → 60.00%");
        assertThat(reviewed).contains("安全性 Safety 50.00% (n 4) → 60.00% (n 5)");
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
        assertThat(panel).contains("3 个评分器，判定规则 多数决",
                "评分器 2 llm-judge:qwen",
                "判定规则 多数决：超过半数评分器给出的分数，否则由人工复核决定");
        // 8 answers: six 3, 3, 3; then 3, 1, 3 and 3, 1, 1: two differ
        assertThat(panel.replace(" ", "")).contains(("评分器间一致性 8 条回复 · 2 条分歧（25.00%）· 全部评分的 8 条中一致 "
                + "75.00%").replace(" ", ""));
        assertThat(text).doesNotContain("全部评分的");
        // the judges' endpoints are named only in the configuration appendix, never on the cover or in captions
        assertThat(panel.substring(0, panel.indexOf("运行配置（不含密钥）"))).doesNotContain("judge.example");
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
        assertThat(extracted.replaceAll("\\s+", " ")).contains("报告字体缺字：示例文本中有 1 个字符在报告字体中没有字形，印为 "
                + Glyphs.MARK);
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
            if (!line.startsWith("Flames 审计 · ") && !line.startsWith("报告 FA-")
                    && !line.matches("页码 \\d+ / \\d+")) {
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
                assertThat(page).contains("FA-7-0123abcd", "2026-11-28 18:00:00 +08:00", "页码 " + p + " / " + pages);
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
