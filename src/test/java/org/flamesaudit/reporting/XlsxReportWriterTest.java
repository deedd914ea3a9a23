package org.flamesaudit.reporting;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.flamesaudit.dataset.Dimension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.zip.ZipEntry;

import static org.assertj.core.api.Assertions.assertThat;

class XlsxReportWriterTest {

    static byte[] xlsx;
    static List<ReportItem> items;

    @BeforeAll
    static void write() throws Exception {
        items = ReportFixtures.leaderboardItems();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxReportWriter.write(ReportFixtures.header(Instant.parse("2026-11-28T10:00:00Z")), ReportFixtures.card(),
                ReportFixtures.metrics(items), items.iterator(), out);
        xlsx = out.toByteArray();
    }

    @Test
    void summarySheetHoldsTheMetricsAsNumbers() throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertThat(wb.getNumberOfSheets()).isEqualTo(7);
            assertThat(wb.getSheetAt(6).getSheetName()).isEqualTo("Reviews 复核记录");
            assertThat(wb.getSheetAt(6).getLastRowNum()).as("header only: no review").isZero();
            Sheet s = wb.getSheetAt(0);
            assertThat(s.getSheetName()).isEqualTo("Summary 摘要");
            Row fairness = findRow(s, "Fairness 公平性");
            assertThat(fairness.getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(fairness.getCell(1).getNumericCellValue()).isEqualTo(249.0);
            assertThat(fairness.getCell(4).getNumericCellValue()).isEqualTo(113.0);
            assertThat(fairness.getCell(5).getNumericCellValue()).isEqualTo(113.0 / 249.0);
            assertThat(fairness.getCell(5).getCellStyle().getDataFormatString()).isEqualTo("0.00%");
            Row legality = findRow(s, "Legality 合法性");
            assertThat(legality.getCell(3).getStringCellValue()).isEqualTo("n/a");
            assertThat(legality.getCell(5).getNumericCellValue()).isEqualTo(21.0 / 46.0);
            Row overall = findRow(s, "Overall 总体 (mean of 5 dimensions)");
            assertThat(overall.getCell(5).getNumericCellValue())
                    .isCloseTo((113.0 / 249 + 195.0 / 429 + 86.0 / 201 + 21.0 / 46 + 42.0 / 76) / 5,
                            org.assertj.core.data.Offset.offset(1e-15));
            assertThat(String.format(java.util.Locale.ROOT, "%.2f%%", 100 * overall.getCell(5).getNumericCellValue()))
                    .isEqualTo("46.91%");
            assertThat(findRow(s, "Unscorable 无法评分").getCell(1).getNumericCellValue()).isEqualTo(1.0);
            assertThat(findRow(s, "Failed (no answer) 失败").getCell(1).getNumericCellValue()).isEqualTo(1.0);
            assertThat(findRow(s, "Report 报告编号").getCell(1).getStringCellValue()).isEqualTo("FA-7-0123abcd");
        }
    }

    @Test
    void oneSheetPerDimensionWithEveryItem() throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            int[] expected = {249, 429 + 1, 201 + 1, 46, 76};
            Dimension[] dims = Dimension.values();
            for (int i = 0; i < dims.length; i++) {
                Sheet s = wb.getSheet(DimensionNames.bilingual(dims[i]));
                assertThat(s).as(dims[i].label()).isNotNull();
                assertThat(s.getLastRowNum()).as(dims[i].label()).isEqualTo(expected[i]);
                assertThat(s.getPaneInformation().isFreezePane()).isTrue();
                assertThat(s.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
                assertThat(s.getColumnWidth(2)).as("prompt column width").isGreaterThan(20 * 256);
            }
            Sheet fairness = wb.getSheet("Fairness 公平性");
            Row head = fairness.getRow(0);
            for (int c = 0; c < XlsxReportWriter.ITEM_COLUMNS.length; c++) {
                assertThat(head.getCell(c).getStringCellValue()).isEqualTo(XlsxReportWriter.ITEM_COLUMNS[c]);
            }
            Row first = fairness.getRow(1);
            assertThat(first.getCell(0).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(first.getCell(0).getNumericCellValue()).isEqualTo(1.0);
            assertThat(first.getCell(1).getStringCellValue()).isEqualTo("Bias and discrimination");
            assertThat(first.getCell(2).getStringCellValue()).isEqualTo(ReportFixtures.CHINESE_PROMPT);
            assertThat(first.getCell(3).getStringCellValue()).isEqualTo(ReportFixtures.CHINESE_ANSWER);
            assertThat(first.getCell(4).getNumericCellValue()).isEqualTo(3.0);
            assertThat(first.getCell(5).getStringCellValue()).isEqualTo("SCORED");
            assertThat(first.getCell(6).getStringCellValue()).isEqualTo("imported:v1");
            assertThat(first.getCell(7).getStringCellValue()).isEqualTo("理由 1");
            assertThat(first.getCell(8).getNumericCellValue()).isEqualTo(101.0);
            assertThat(first.getCell(9).getNumericCellValue()).isEqualTo(30.0);
            assertThat(first.getCell(10).getNumericCellValue()).isEqualTo(60.0);
            // when the answer was stored: an Excel date-time in UTC, shown to the millisecond
            assertThat(first.getCell(12).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(first.getCell(12).getLocalDateTimeCellValue())
                    .isEqualTo(java.time.LocalDateTime.of(2026, 11, 29, 8, 0, 0, 125_000_000));
            assertThat(first.getCell(12).getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd hh:mm:ss.000");
            assertThat(new org.apache.poi.ss.usermodel.DataFormatter().formatCellValue(first.getCell(12)))
                    .isEqualTo("2026-11-29 08:00:00.125");
            long scored1 = 0;
            for (int r = 1; r <= fairness.getLastRowNum(); r++) {
                Cell score = fairness.getRow(r).getCell(4);
                if (score.getNumericCellValue() == 1.0) {
                    scored1++;
                }
            }
            assertThat(scored1).isEqualTo(56);
        }
    }

    @Test
    void formulaLikeTextIsQuotePrefixedInTheXml() throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet safety = wb.getSheet("Safety 安全性");
            Row failed = safety.getRow(safety.getLastRowNum());
            Cell prompt = failed.getCell(2);
            assertThat(prompt.getCellType()).isEqualTo(CellType.STRING);
            assertThat(prompt.getStringCellValue()).isEqualTo("=HYPERLINK(\"http://evil\")");
            assertThat(prompt.getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(failed.getCell(4)).isNull();
            assertThat(failed.getCell(11).getStringCellValue()).isEqualTo("HTTP 500 from provider");
            assertThat(failed.getCell(12).getLocalDateTimeCellValue()).isEqualTo(java.time.LocalDateTime.ofInstant(
                    ReportFixtures.answeredAt((int) failed.getCell(0).getNumericCellValue()), java.time.ZoneOffset.UTC));
            Row unscorable = wb.getSheet("Morality 道德性").getRow(202);
            assertThat(unscorable.getCell(2).getStringCellValue()).isEqualTo("+1+1");
            assertThat(unscorable.getCell(2).getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(unscorable.getCell(3).getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(unscorable.getCell(7).getStringCellValue()).isEqualTo("@SUM(A1)");
            assertThat(unscorable.getCell(7).getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(safety.getRow(1).getCell(2).getCellStyle().getQuotePrefixed()).isFalse();
        }
        String styles = entry("xl/styles.xml");
        assertThat(styles).containsPattern("quotePrefix=\"(1|true)\"");
        String safetyXml = entry("xl/worksheets/sheet3.xml");
        assertThat(safetyXml).doesNotContain("<f>").contains("=HYPERLINK(&quot;http://evil&quot;)");
    }

    @Test
    void sheetsHaveAnAutofilterOverEveryRow() throws Exception {
        String fairness = entry("xl/worksheets/sheet2.xml");
        assertThat(fairness).contains("<autoFilter ref=\"A1:P250\"/>");
        String workbook = entry("xl/workbook.xml");
        assertThat(workbook).contains("_xlnm._FilterDatabase");
    }

    @Test
    void formulaLikeDetection() {
        for (String s : new String[]{"=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "\nx"}) {
            assertThat(XlsxReportWriter.isFormulaLike(s)).as(s).isTrue();
        }
        for (String s : new String[]{"", "1", "a=b", " =1", "中文"}) {
            assertThat(XlsxReportWriter.isFormulaLike(s)).as(s).isFalse();
        }
    }

    @Test
    void reviewsAreCountedApartWithTheRatesBeforeAndAfterAndListedWithReviewerTimeAndJustification() throws Exception {
        List<org.flamesaudit.metrics.ScoredItem> scored = ReportFixtures.reviewedSafetyItems();
        List<ReviewRow> reviews = List.of(
                new ReviewRow(12, "Safety", 1, "SCORED", 1, 3, "rita", Instant.parse("2026-11-28T09:00:00Z"),
                        "拒绝并劝导，应为 3"),
                new ReviewRow(40, "Safety", null, "UNSCORABLE", null, 2, "rita", Instant.parse("2026-11-28T09:05:00Z"),
                        "部分有害"),
                new ReviewRow(77, "Safety", 3, "SCORED", 3, 3, "sam", Instant.parse("2026-11-28T09:10:00Z"),
                        "confirmed"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxReportWriter.write(ReportFixtures.header(Instant.parse("2026-11-28T10:00:00Z")), ReportFixtures.card(),
                org.flamesaudit.metrics.FlamesMetrics.compute(scored), List.<ReportItem>of().iterator(), reviews,
                List.of(), null, out);

        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            Sheet summary = wb.getSheetAt(0);
            assertThat(findRow(summary, "Reviewed by a human 人工复核").getCell(1).getNumericCellValue()).isEqualTo(3.0);
            assertThat(findRow(summary, "  changed the score 改分").getCell(1).getNumericCellValue()).isEqualTo(2.0);
            assertThat(findRow(summary, "  confirmed the score 确认").getCell(1).getNumericCellValue()).isEqualTo(1.0);
            assertThat(findRow(summary, "Harmless rate before and after review 复核前后无害率").getCell(1)
                    .getStringCellValue()).isEqualTo("Before 复核前");
            // rows after that header: Safety before 2 of 4, after 3 of 5
            Row safety = null;
            for (Row r : summary) {
                if (r.getRowNum() > findRow(summary, "Harmless rate before and after review 复核前后无害率").getRowNum()
                        && r.getCell(0) != null && "Safety 安全性".equals(r.getCell(0).getStringCellValue())) {
                    safety = r;
                    break; // the first Safety row below the header (the outcomes table has another)
                }
            }
            assertThat(safety).isNotNull();
            assertThat(safety.getCell(1).getNumericCellValue()).isEqualTo(0.5);
            assertThat(safety.getCell(2).getNumericCellValue()).isEqualTo(0.6);
            assertThat(safety.getCell(3).getNumericCellValue()).isEqualTo(4.0);
            assertThat(safety.getCell(4).getNumericCellValue()).isEqualTo(5.0);

            Sheet sheet = wb.getSheet("Reviews 复核记录");
            assertThat(sheet.getLastRowNum()).isEqualTo(3);
            Row first = sheet.getRow(1);
            assertThat(first.getCell(0).getNumericCellValue()).isEqualTo(12.0);
            assertThat(first.getCell(2).getNumericCellValue()).isEqualTo(1.0);
            assertThat(first.getCell(4).getNumericCellValue()).isEqualTo(3.0);
            assertThat(first.getCell(5).getStringCellValue()).isEqualTo("changed 改分");
            assertThat(first.getCell(6).getStringCellValue()).isEqualTo("rita");
            assertThat(first.getCell(7).getStringCellValue()).isEqualTo("2026-11-28T09:00:00Z");
            assertThat(first.getCell(8).getStringCellValue()).isEqualTo("拒绝并劝导，应为 3");
            assertThat(sheet.getRow(2).getCell(2).getStringCellValue()).isEqualTo("UNSCORABLE");
            assertThat(sheet.getRow(2).getCell(5).getStringCellValue()).isEqualTo("changed 改分");
            assertThat(sheet.getRow(3).getCell(5).getStringCellValue()).isEqualTo("confirmed 确认");
        }
    }

    @Test
    void aRunWithSeveralScorersHasTheirAgreementInTheSummaryAndEachVerdictInASheet() throws Exception {
        List<org.flamesaudit.metrics.ScorerAgreement.ItemVerdicts> judged = List.of(
                new org.flamesaudit.metrics.ScorerAgreement.ItemVerdicts(Dimension.SAFETY, new Integer[] {3, 3}),
                new org.flamesaudit.metrics.ScorerAgreement.ItemVerdicts(Dimension.SAFETY, new Integer[] {1, 3}),
                new org.flamesaudit.metrics.ScorerAgreement.ItemVerdicts(Dimension.SAFETY, new Integer[] {1, null}));
        var metrics = org.flamesaudit.metrics.FlamesMetrics.compute(ReportFixtures.reviewedSafetyItems())
                .withAgreement(org.flamesaudit.metrics.ScorerAgreement.of("unanimous", List.of("djl:embedded",
                        "llm-judge:qwen"), judged));
        List<ScorerVerdictRow> verdicts = List.of(
                new ScorerVerdictRow(3, "Safety", List.of("3", "3"), "3", false),
                new ScorerVerdictRow(4, "Safety", List.of("1", "3"), "UNSCORABLE", true),
                new ScorerVerdictRow(5, "Safety", List.of("1", "UNSCORABLE (UNREADABLE_VERDICT)"), "2", true));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxReportWriter.write(ReportFixtures.header(Instant.parse("2026-11-28T10:00:00Z")), ReportFixtures.card(),
                metrics, List.<ReportItem>of().iterator(), List.of(), verdicts, null, out);

        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            Sheet summary = wb.getSheetAt(0);
            assertThat(findRow(summary, "Scorer 2 评分器 2").getCell(1).getStringCellValue()).isEqualTo("llm-judge:qwen");
            assertThat(findRow(summary, "Decision rule 判定规则").getCell(1).getStringCellValue())
                    .startsWith("unanimous: the score every scorer gave");
            // 3 answers judged by both, 2 differ; 2 scored by both, 1 alike; Cohen's kappa over (3,3), (1,3): 0
            assertThat(findRow(summary, "Agreement between scorers 评分器间一致性").getCell(1).getStringCellValue())
                    .isEqualTo("3 answers 回复 · 2 disagree 分歧 (66.67%) · agree on 2 scored by all 全部评分一致 "
                            + "50.00% · Fleiss' kappa -0.333 · Cohen's kappa 1–2 0.000 (n 2)");
            Sheet sheet = wb.getSheet("Scorers 评分器");
            assertThat(sheet.getRow(0).getCell(2).getStringCellValue()).isEqualTo("Scorer 1 评分器 1: djl:embedded");
            assertThat(sheet.getRow(0).getCell(4).getStringCellValue()).isEqualTo("Counted 计分结论");
            assertThat(sheet.getLastRowNum()).isEqualTo(3);
            Row split = sheet.getRow(3);
            assertThat(split.getCell(0).getNumericCellValue()).isEqualTo(5.0);
            assertThat(split.getCell(2).getNumericCellValue()).isEqualTo(1.0);
            assertThat(split.getCell(3).getStringCellValue()).isEqualTo("UNSCORABLE (UNREADABLE_VERDICT)");
            assertThat(split.getCell(4).getNumericCellValue()).isEqualTo(2.0);
            assertThat(split.getCell(5).getStringCellValue()).isEqualTo("yes 是");
            assertThat(sheet.getRow(2).getCell(4).getStringCellValue()).isEqualTo("UNSCORABLE");
        }
    }

    /** Issue 23: the workbook says where the report stands in its sign-off and prints the audit log's anchor. */
    @Test
    void theSummaryGivesTheSignOffAndTheAuditLogAnchor() throws Exception {
        ReportHeader h = ReportFixtures.header(Instant.parse("2026-11-28T10:00:00Z"))
                .withAuditLog(new org.flamesaudit.auditchain.AuditChain.Head(77, "ab".repeat(32), null))
                .withSignOff(new SignOffStatus("FA-7-0123abcd", SignOffStatus.Status.APPROVED, List.of(
                        new SignOffStatus.Step(SignOffStep.REVIEWED, "FA-7-0123abcd", "li.na", Instant.EPOCH, null),
                        new SignOffStatus.Step(SignOffStep.APPROVED, "FA-7-0123abcd", "wang.wei", Instant.EPOCH,
                                null)), null));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxReportWriter.write(h, ReportFixtures.card(), ReportFixtures.metrics(items), items.iterator(), out);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            Sheet s = wb.getSheetAt(0);
            assertThat(findRow(s, "Sign-off 报告状态").getCell(1).getStringCellValue())
                    .isEqualTo("approved by wang.wei 已批准");
            assertThat(findRow(s, "Audit log anchor 审计日志锚点").getCell(1).getStringCellValue())
                    .isEqualTo("77:" + "ab".repeat(32));
        }
    }

    private static Row findRow(Sheet s, String label) {
        for (Row r : s) {
            Cell c = r.getCell(0);
            if (c != null && c.getCellType() == CellType.STRING && label.equals(c.getStringCellValue())) {
                return r;
            }
        }
        throw new AssertionError("no row " + label);
    }

    private static String entry(String name) throws Exception {
        // read through the central directory, the way spreadsheet programs do
        java.nio.file.Path tmp = java.nio.file.Files.createTempFile("report", ".xlsx");
        try {
            java.nio.file.Files.write(tmp, xlsx);
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(tmp.toFile())) {
                ZipEntry e = zip.getEntry(name);
                if (e == null) {
                    throw new AssertionError("no entry " + name);
                }
                return new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8);
            }
        } finally {
            java.nio.file.Files.delete(tmp);
        }
    }
}
