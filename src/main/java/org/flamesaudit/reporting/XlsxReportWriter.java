package org.flamesaudit.reporting;

import org.flamesaudit.scoring.ScorerCard;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.metrics.DimensionStats;
import org.flamesaudit.metrics.FlamesMetrics;

import java.io.IOException;
import java.io.OutputStream;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes a run's workbook with POI's streaming SXSSF, so memory stays flat however many items the run has: a summary
 * sheet with the Flames metrics, then one sheet per dimension with every item. Numbers are stored as numbers; every
 * text that a spreadsheet would read as a formula (it starts with =, +, -, @, TAB, CR or LF) is stored as quote-prefixed
 * text (OWASP CSV/formula injection). Items may arrive in any order; within a dimension they keep their order.
 */
public final class XlsxReportWriter {

    /** Excel's limit on the characters of one cell. */
    static final int MAX_CELL_CHARS = 32_767;
    static final String CELL_CUT_MARKER = "\n[... cut: Excel cells hold at most 32,767 characters; "
            + "the full text is in the PDF report and GET /api/runs/{id}/items]";
    /** Widest column, in characters, before a long text is simply left to overflow. */
    static final int MAX_COLUMN_CHARS = 80;
    /** Rows kept in memory per sheet before SXSSF flushes them to its temporary file. */
    private static final int ROW_WINDOW = 200;

    static final String[] ITEM_COLUMNS = {"Line 行号", "Subcomponent 子类", "Prompt 提示", "Answer 回复",
            "Score 分数", "Status 状态", "Scorer 评分器", "Rationale 理由", "Latency ms 延迟",
            "Prompt tokens", "Completion tokens", "Error 错误", "Answered at (UTC) 回复时间", "Outcome 回答结果",
            "Provider block 服务方拦截", "Reasoning, not scored 推理过程（不评分）"};

    private XlsxReportWriter() {
    }

    /** The columns of the reviews sheet: every human review of the run, oldest first. */
    static final String[] REVIEW_COLUMNS = {"Line 行号", "Dimension 维度", "Scorer's verdict 评分器结论",
            "Score before 复核前分数", "Reviewer's score 复核分数", "Change 变化", "Reviewer 复核人",
            "Reviewed at (UTC) 复核时间", "Justification 复核理由"};

    /** A workbook without reviews (fixtures, benchmarks). */
    public static void write(ReportHeader header, ScorerCard card, FlamesMetrics.Result metrics,
                             Iterator<ReportItem> items, OutputStream out) throws IOException {
        write(header, card, metrics, items, java.util.List.of(), java.util.List.of(), null, out);
    }

    /**
     * The workbook: a summary sheet (metrics, review counts and the rates before and after review), one sheet of
     * items per dimension, and a sheet of every human review with the scorer's verdict, the reviewer, the time and
     * the justification; for a run with several scorers ({@code verdicts} not empty), a sheet of every scorer's
     * verdict on every answer, and their agreement in the summary; with a blind review sample ({@code blind}, else
     * null), each scorer's accuracy on it and the corrected rates in the summary.
     */
    public static void write(ReportHeader header, ScorerCard card, FlamesMetrics.Result metrics,
                             Iterator<ReportItem> items, java.util.List<ReviewRow> reviews,
                             java.util.List<ScorerVerdictRow> verdicts, org.flamesaudit.review.BlindReviews.Results blind,
                             OutputStream out) throws IOException {
        SXSSFWorkbook wb = new SXSSFWorkbook(ROW_WINDOW);
        wb.setCompressTempFiles(true);
        try {
            Styles styles = new Styles(wb);
            writeSummary(wb.createSheet("Summary 摘要"), styles, header, card, metrics, blind);
            Map<Dimension, ItemSheet> sheets = new EnumMap<>(Dimension.class);
            for (Dimension d : Dimension.values()) {
                sheets.put(d, new ItemSheet(wb.createSheet(DimensionNames.bilingual(d)), styles));
            }
            while (items.hasNext()) {
                ReportItem item = items.next();
                sheets.get(item.dimension()).add(item);
            }
            for (ItemSheet s : sheets.values()) {
                s.finish();
            }
            writeReviews(wb.createSheet("Reviews 复核记录"), styles, reviews);
            if (!verdicts.isEmpty() && metrics.agreement() != null) {
                writeVerdicts(wb.createSheet("Scorers 评分器"), styles, metrics.agreement().scorers(), verdicts);
            }
            wb.write(out);
        } finally {
            wb.close(); // also deletes SXSSF's temporary files
        }
    }

    private static void writeSummary(SXSSFSheet sheet, Styles st, ReportHeader h, ScorerCard card,
                                     FlamesMetrics.Result m, org.flamesaudit.review.BlindReviews.Results blind) {
        Widths widths = new Widths(10);
        int r = 0;
        r = pair(sheet, st, widths, r, "Report 报告编号", h.reportId());
        if (h.gate() != null) {
            r = pair(sheet, st, widths, r, "Gate 回归门禁", GateText.of(h.gate(), ReportText.of(ReportLanguage.EN))
                    + " / " + GateText.of(h.gate(), ReportText.of(ReportLanguage.ZH)));
        }
        if (h.signOff() != null) {
            r = pair(sheet, st, widths, r, "Sign-off 报告状态", switch (h.signOff().status()) {
                case DRAFT -> "draft 草稿";
                case REVIEWED -> "reviewed by " + h.signOff().step(SignOffStep.REVIEWED).user() + ", awaiting approval"
                        + " 已审核，待批准";
                case APPROVED -> "approved by " + h.signOff().step(SignOffStep.APPROVED).user() + " 已批准";
            });
        }
        r = pair(sheet, st, widths, r, "Run 运行", h.runId());
        r = pair(sheet, st, widths, r, "Target model 被测模型", h.targetLabel());
        r = pair(sheet, st, widths, r, "Dataset 数据集", h.datasetName() + " v" + h.datasetVersion()
                + " (" + h.datasetPrompts() + " prompts)");
        r = pair(sheet, st, widths, r, "Dataset SHA-256", h.datasetSha256());
        r = pair(sheet, st, widths, r, "Scorer 评分器", card.name() + " [" + h.scorerKey() + "]");
        r = pair(sheet, st, widths, r, "Official Flames scorer 官方评分器", card.official() ? "yes 是" : "no 否");
        r = pair(sheet, st, widths, r, "Generated 生成时间", h.generatedAt().toString());
        if (h.auditLog() != null) {
            r = pair(sheet, st, widths, r, "Audit log anchor 审计日志锚点", h.auditLogAnchor());
        }
        r++;
        String[] cols = {"Dimension 维度", "n", "Score 1", "Score 2", "Score 3", "Harmless rate 无害率",
                "95% CI low", "95% CI high", "Harmless score 无害分"};
        Row head = sheet.createRow(r++);
        for (int c = 0; c < cols.length; c++) {
            text(head, c, cols[c], st.header, st, widths);
        }
        int firstMetricRow = r;
        for (Dimension d : Dimension.values()) {
            DimensionStats s = m.dimensions().get(d);
            Row row = sheet.createRow(r++);
            text(row, 0, DimensionNames.bilingual(d), st.text, st, widths);
            if (s == null) {
                text(row, 1, "no scored answers 无已评分回复", st.text, st, widths);
                continue;
            }
            number(row, 1, s.n(), st.integer);
            number(row, 2, s.count1(), st.integer);
            if (d.isThreeLevel()) {
                number(row, 3, s.count2(), st.integer);
            } else {
                text(row, 3, "n/a", st.text, st, widths);
            }
            number(row, 4, s.count3(), st.integer);
            number(row, 5, s.harmlessRate(), st.percent);
            number(row, 6, s.ci95Low(), st.percent);
            number(row, 7, s.ci95High(), st.percent);
            number(row, 8, s.harmlessScore(), st.decimal);
        }
        Row overall = sheet.createRow(r++);
        text(overall, 0, "Overall 总体 (mean of " + m.dimensions().size() + " dimensions)", st.header, st, widths);
        if (!m.dimensions().isEmpty()) {
            number(overall, 5, m.overallHarmlessRate(), st.percent);
            number(overall, 8, m.overallHarmlessScore(), st.decimal);
        }
        r++;
        r = pair(sheet, st, widths, r, "Unscorable 无法评分", m.unscorable());
        r = pair(sheet, st, widths, r, "Failed (no answer) 失败", m.failed());
        r = pair(sheet, st, widths, r, "Pending 未完成", m.pending());
        r = pair(sheet, st, widths, r, "Reviewed by a human 人工复核", m.reviewed());
        if (m.reviewed() > 0) {
            r = pair(sheet, st, widths, r, "  changed the score 改分", m.reviewChanged());
            r = pair(sheet, st, widths, r, "  confirmed the score 确认", m.reviewConfirmed());
        }
        if (m.beforeReview() != null) {
            Row reviewHead = sheet.createRow(r++);
            text(reviewHead, 0, "Harmless rate before and after review 复核前后无害率", st.header, st, widths);
            text(reviewHead, 1, "Before 复核前", st.header, st, widths);
            text(reviewHead, 2, "After 复核后", st.header, st, widths);
            text(reviewHead, 3, "n before", st.header, st, widths);
            text(reviewHead, 4, "n after", st.header, st, widths);
            for (Dimension d : Dimension.values()) {
                var before = m.beforeReview().dimensions().get(d);
                var after = m.dimensions().get(d);
                if (before == null && after == null) {
                    continue;
                }
                Row row = sheet.createRow(r++);
                text(row, 0, DimensionNames.bilingual(d), st.text, st, widths);
                if (before != null) {
                    number(row, 1, before.harmlessRate(), st.percent);
                    number(row, 3, before.n(), st.integer);
                }
                if (after != null) {
                    number(row, 2, after.harmlessRate(), st.percent);
                    number(row, 4, after.n(), st.integer);
                }
            }
            Row overallRow = sheet.createRow(r++);
            text(overallRow, 0, "Overall 总体", st.header, st, widths);
            number(overallRow, 1, m.beforeReview().overallHarmlessRate(), st.percent);
            number(overallRow, 2, m.overallHarmlessRate(), st.percent);
        }
        if (m.agreement() != null) {
            r++;
            for (int i = 0; i < m.agreement().scorers().size(); i++) {
                r = pair(sheet, st, widths, r, "Scorer " + (i + 1) + " 评分器 " + (i + 1),
                        m.agreement().scorers().get(i));
            }
            r = pair(sheet, st, widths, r, "Decision rule 判定规则", ReportFormat.decisionRule(m.agreement().rule()));
            r = pair(sheet, st, widths, r, "Agreement between scorers 评分器间一致性",
                    ReportFormat.agreement(m.agreement().overall()));
            for (Dimension d : Dimension.values()) {
                if (m.agreement().dimensions().containsKey(d)) {
                    r = pair(sheet, st, widths, r, "  " + DimensionNames.bilingual(d),
                            ReportFormat.agreement(m.agreement().dimensions().get(d)));
                }
            }
        }
        if (blind != null) {
            r++;
            r = pair(sheet, st, widths, r, "Blind review sample 盲评抽样", ReportFormat.blindSample(blind.status()));
            for (org.flamesaudit.review.BlindReviews.ScorerAccuracy a : blind.scorers()) {
                r = pair(sheet, st, widths, r, "  " + a.scorer(), (a.counts() ? "counts 计分 · " : "")
                        + ReportFormat.blindAccuracy(a.overall()));
            }
            if (blind.correction() != null && blind.correction().overall() != null) {
                Row corrHead = sheet.createRow(r++);
                text(corrHead, 0, "Harmless rate corrected for the scorer's errors 误差校正后无害率", st.header, st,
                        widths);
                text(corrHead, 1, "Raw 原始", st.header, st, widths);
                text(corrHead, 2, "Corrected 校正后", st.header, st, widths);
                text(corrHead, 3, "95% low", st.header, st, widths);
                text(corrHead, 4, "95% high", st.header, st, widths);
                for (Dimension d : Dimension.values()) {
                    if (blind.correction().dimensions().containsKey(d)) {
                        r = correctedRow(sheet, st, widths, r, DimensionNames.bilingual(d),
                                blind.correction().dimensions().get(d));
                    }
                }
                r = correctedRow(sheet, st, widths, r, "Overall 总体", blind.correction().overall());
            }
        }
        r = outcomes(sheet, st, widths, r, m);
        sheet.createFreezePane(0, firstMetricRow);
        widths.apply(sheet);
    }

    /** The counting policy, the figures under the other policy, and the outcomes of every dimension. */
    private static int outcomes(SXSSFSheet sheet, Styles st, Widths widths, int r, FlamesMetrics.Result m) {
        if (m.policy() == null || m.totals() == null) {
            return r;
        }
        r++;
        r = pair(sheet, st, widths, r, "Counting policy 计分口径", ReportFormat.countingPolicy(m.policy()));
        if (m.other() != null && !Double.isNaN(m.other().overallHarmlessRate())) {
            Row other = sheet.createRow(r++);
            text(other, 0, ReportFormat.otherPolicyLabel(m.other().policy()), st.header, st, widths);
            number(other, 5, m.other().overallHarmlessRate(), st.percent);
            number(other, 8, m.other().overallHarmlessScore(), st.decimal);
        }
        if (m.warnsNotAnswered()) {
            r = pair(sheet, st, widths, r, "Warning 注意", ReportFormat.notAnsweredWarning(m));
        }
        for (org.flamesaudit.metrics.RunWarning w : m.warnings()) {
            r = pair(sheet, st, widths, r, "Warning 注意", w.message());
        }
        r++;
        String[] cols = {"Outcomes 回答结果", "Answered 已回答", "Refused 明确拒答", "Truncated 被截断",
                "Blocked 被拦截", "Empty 空回答", "Failed 失败", "Harmless by refusal 无害（拒答）",
                "Harmless and helpful 无害且有帮助", "Refusal rate 拒答率"};
        Row head = sheet.createRow(r++);
        for (int c = 0; c < cols.length; c++) {
            text(head, c, cols[c], st.header, st, widths);
        }
        for (Dimension d : Dimension.values()) {
            org.flamesaudit.metrics.OutcomeCounts o = m.outcomes().get(d);
            if (o == null) {
                continue;
            }
            Row row = sheet.createRow(r++);
            text(row, 0, DimensionNames.bilingual(d), st.text, st, widths);
            long[] values = {o.answered(), o.refused(), o.truncated(), o.blocked(), o.empty(), o.failed(),
                    o.harmlessByRefusal(), m.harmlessAndHelpful(d)};
            for (int c = 0; c < values.length; c++) {
                number(row, c + 1, values[c], st.integer);
            }
            if (!Double.isNaN(o.refusalRate())) {
                number(row, values.length + 1, o.refusalRate(), st.percent);
            }
        }
        return r;
    }

    private static int correctedRow(SXSSFSheet sheet, Styles st, Widths widths, int r, String label,
                                    org.flamesaudit.metrics.BlindAccuracy.Corrected c) {
        Row row = sheet.createRow(r);
        text(row, 0, label, st.text, st, widths);
        double[] values = {c.raw(), c.corrected(), c.low(), c.high()};
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                number(row, i + 1, values[i], st.percent);
            }
        }
        return r + 1;
    }

    /** Every scorer's verdict on every answer a scorer saw, the score that counts and whether they disagree. */
    private static void writeVerdicts(SXSSFSheet sheet, Styles st, java.util.List<String> scorers,
                                      java.util.List<ScorerVerdictRow> rows) {
        int n = scorers.size();
        Widths widths = new Widths(n + 4);
        Row head = sheet.createRow(0);
        text(head, 0, "Line 行号", st.header, st, widths);
        text(head, 1, "Dimension 维度", st.header, st, widths);
        for (int i = 0; i < n; i++) {
            text(head, 2 + i, "Scorer " + (i + 1) + " 评分器 " + (i + 1) + ": " + scorers.get(i), st.header, st,
                    widths);
        }
        text(head, 2 + n, "Counted 计分结论", st.header, st, widths);
        text(head, 3 + n, "Scorers disagree 评分器分歧", st.header, st, widths);
        int r = 1;
        for (ScorerVerdictRow v : rows) {
            Row row = sheet.createRow(r++);
            number(row, 0, v.lineNumber(), st.integer);
            text(row, 1, v.dimension(), st.text, st, widths);
            for (int i = 0; i < n; i++) {
                String verdict = v.verdicts().get(i);
                if (verdict.length() == 1 && Character.isDigit(verdict.charAt(0))) {
                    number(row, 2 + i, Integer.parseInt(verdict), st.integer);
                } else {
                    text(row, 2 + i, verdict, st.text, st, widths);
                }
            }
            if (v.counted().length() == 1 && Character.isDigit(v.counted().charAt(0))) {
                number(row, 2 + n, Integer.parseInt(v.counted()), st.integer);
            } else {
                text(row, 2 + n, v.counted(), st.text, st, widths);
            }
            text(row, 3 + n, v.disagree() ? "yes 是" : "no 否", st.text, st, widths);
        }
        sheet.createFreezePane(0, 1);
        widths.apply(sheet);
    }

    private static void writeReviews(SXSSFSheet sheet, Styles st, java.util.List<ReviewRow> reviews) {
        Widths widths = new Widths(REVIEW_COLUMNS.length);
        Row head = sheet.createRow(0);
        for (int c = 0; c < REVIEW_COLUMNS.length; c++) {
            text(head, c, REVIEW_COLUMNS[c], st.header, st, widths);
        }
        int r = 1;
        for (ReviewRow v : reviews) {
            Row row = sheet.createRow(r++);
            number(row, 0, v.lineNumber(), st.integer);
            text(row, 1, v.dimension(), st.text, st, widths);
            if (v.scorerValue() != null) {
                number(row, 2, v.scorerValue(), st.integer);
            } else {
                text(row, 2, v.scorerStatus(), st.text, st, widths);
            }
            if (v.previousValue() != null) {
                number(row, 3, v.previousValue(), st.integer);
            }
            number(row, 4, v.newValue(), st.integer);
            text(row, 5, v.changesTheScorersVerdict() ? "changed 改分" : "confirmed 确认", st.text, st, widths);
            text(row, 6, v.reviewer(), st.text, st, widths);
            text(row, 7, v.reviewedAt() == null ? "" : v.reviewedAt().toString(), st.text, st, widths);
            text(row, 8, v.justification(), st.text, st, widths);
        }
        sheet.createFreezePane(0, 1);
        widths.apply(sheet);
    }

    private static int pair(SXSSFSheet sheet, Styles st, Widths widths, int r, String label, Object value) {
        Row row = sheet.createRow(r);
        text(row, 0, label, st.header, st, widths);
        if (value instanceof Number n) {
            number(row, 1, n.doubleValue(), st.integer);
        } else {
            text(row, 1, value == null ? "" : value.toString(), st.text, st, widths);
        }
        return r + 1;
    }

    private static void number(Row row, int col, double value, CellStyle style) {
        Cell cell = row.createCell(col);
        cell.setCellValue(value);
        cell.setCellStyle(style);
    }

    /** A text cell; one a spreadsheet could read as a formula gets the quote prefix. Null leaves the cell empty. */
    static void text(Row row, int col, String value, CellStyle style, Styles st, Widths widths) {
        if (value == null) {
            return;
        }
        String v = value.length() > MAX_CELL_CHARS
                ? value.substring(0, MAX_CELL_CHARS - CELL_CUT_MARKER.length()) + CELL_CUT_MARKER : value;
        Cell cell = row.createCell(col);
        cell.setCellValue(v);
        cell.setCellStyle(isFormulaLike(v) ? st.quoted(style) : style);
        widths.see(col, v);
    }

    /** True when a spreadsheet would treat the text as the start of a formula (OWASP CSV injection). */
    public static boolean isFormulaLike(String v) {
        if (v.isEmpty()) {
            return false;
        }
        char c = v.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '\n';
    }

    /** One dimension's sheet: header row, then items as they come. */
    private static final class ItemSheet {
        private final SXSSFSheet sheet;
        private final Styles st;
        private final Widths widths = new Widths(ITEM_COLUMNS.length);
        private int next = 1;

        ItemSheet(SXSSFSheet sheet, Styles st) {
            this.sheet = sheet;
            this.st = st;
            Row head = sheet.createRow(0);
            for (int c = 0; c < ITEM_COLUMNS.length; c++) {
                text(head, c, ITEM_COLUMNS[c], st.header, st, widths);
            }
            sheet.createFreezePane(0, 1);
        }

        void add(ReportItem it) {
            Row row = sheet.createRow(next++);
            number(row, 0, it.lineNumber(), st.integer);
            widths.see(0, Integer.toString(it.lineNumber()));
            text(row, 1, it.subcomponent(), st.text, st, widths);
            text(row, 2, it.prompt(), st.text, st, widths);
            text(row, 3, it.answer(), st.text, st, widths);
            if (it.score() != null) {
                number(row, 4, it.score(), st.integer);
            }
            text(row, 5, it.status(), st.text, st, widths);
            text(row, 6, it.scorer(), st.text, st, widths);
            text(row, 7, it.rationale(), st.text, st, widths);
            if (it.latencyMs() != null) {
                number(row, 8, it.latencyMs(), st.integer);
                widths.see(8, Long.toString(it.latencyMs()));
            }
            if (it.promptTokens() != null) {
                number(row, 9, it.promptTokens(), st.integer);
            }
            if (it.completionTokens() != null) {
                number(row, 10, it.completionTokens(), st.integer);
            }
            text(row, 11, it.error(), st.text, st, widths);
            if (it.answeredAt() != null) {
                // an Excel date-time (sortable, filterable) in UTC, to the millisecond
                Cell at = row.createCell(12);
                at.setCellValue(java.time.LocalDateTime.ofInstant(
                        it.answeredAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), java.time.ZoneOffset.UTC));
                at.setCellStyle(st.dateTime);
                widths.see(12, "2026-01-01 00:00:00.000");
            }
            text(row, 13, it.outcome(), st.text, st, widths);
            text(row, 14, it.block(), st.text, st, widths);
            text(row, 15, it.reasoning(), st.text, st, widths);
        }

        void finish() {
            sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, next - 1), 0, ITEM_COLUMNS.length - 1));
            widths.apply(sheet);
        }
    }

    /** Column widths from the widest text seen (CJK characters count double), capped at {@link #MAX_COLUMN_CHARS}. */
    static final class Widths {
        private final int[] chars;

        Widths(int columns) {
            chars = new int[columns];
        }

        void see(int col, String v) {
            if (col >= chars.length || chars[col] >= MAX_COLUMN_CHARS) {
                return;
            }
            int w = 0;
            int lineW = 0;
            for (int i = 0; i < v.length() && w < MAX_COLUMN_CHARS; i++) {
                char c = v.charAt(i);
                if (c == '\n') {
                    lineW = 0;
                    continue;
                }
                lineW += c >= 0x2E80 ? 2 : 1;
                w = Math.max(w, lineW);
            }
            chars[col] = Math.max(chars[col], Math.min(w, MAX_COLUMN_CHARS));
        }

        void apply(SXSSFSheet sheet) {
            for (int c = 0; c < chars.length; c++) {
                sheet.setColumnWidth(c, Math.max(6, chars[c] + 2) * 256);
            }
        }
    }

    static final class Styles {
        final CellStyle header;
        final CellStyle text;
        final CellStyle integer;
        final CellStyle decimal;
        final CellStyle percent;
        final CellStyle dateTime;
        private final CellStyle quotedText;
        private final CellStyle quotedHeader;

        Styles(SXSSFWorkbook wb) {
            DataFormat fmt = wb.createDataFormat();
            Font bold = wb.createFont();
            bold.setBold(true);
            header = wb.createCellStyle();
            header.setFont(bold);
            text = wb.createCellStyle();
            integer = wb.createCellStyle();
            integer.setDataFormat(fmt.getFormat("0"));
            decimal = wb.createCellStyle();
            decimal.setDataFormat(fmt.getFormat("0.00"));
            percent = wb.createCellStyle();
            percent.setDataFormat(fmt.getFormat("0.00%"));
            dateTime = wb.createCellStyle();
            dateTime.setDataFormat(fmt.getFormat("yyyy-mm-dd hh:mm:ss.000"));
            quotedText = wb.createCellStyle();
            quotedText.setQuotePrefixed(true);
            quotedHeader = wb.createCellStyle();
            quotedHeader.cloneStyleFrom(header);
            quotedHeader.setQuotePrefixed(true);
        }

        CellStyle quoted(CellStyle base) {
            return base == header ? quotedHeader : quotedText;
        }
    }
}
