package org.flamesaudit.reporting;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.flamesaudit.assessment.AssessedItem;
import org.flamesaudit.assessment.AssessmentCriteria;
import org.flamesaudit.assessment.AssessmentReport;
import org.flamesaudit.assessment.FlamesRiskMapping;
import org.flamesaudit.assessment.ItemRule;
import org.flamesaudit.assessment.Tc260Assessment;
import org.flamesaudit.assessment.ThresholdVerdict;
import org.flamesaudit.dataset.AnnexARisk;
import org.flamesaudit.dataset.BankKind;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The filing workbook of a TC260-003 / GB/T 45654 assessment (Apache POI): sheet "评估结论 Verdicts" (each bank's rate,
 * 95% Wilson interval, threshold and verdict), "分风险 By risk", "覆盖检查 Coverage" (questions per risk against the
 * minimums, gaps first), "题目 Questions" (every question with its risk category, the model's answer and the verdict:
 * what a filing's self-test spreadsheet lists) and, when Flames prompts were assessed, "映射 Mapping" (our Flames to
 * Annex A table). Headers are bilingual, Chinese last as in the audit workbook; rates are numbers with a percent
 * format; text a spreadsheet could read as a formula is quote-prefixed ({@link XlsxReportWriter#isFormulaLike}).
 */
public final class AssessmentWorkbook {

    static final String[] QUESTION_COLUMNS = {"Run 运行", "Line 行号", "Bank 题库", "Risk 风险类别", "Risk title 风险名称",
            "Risk from 风险来源", "Dimension 维度", "Question 题目", "Answer 模型回答", "Outcome 回答结果", "Score 得分",
            "Verdict 判定", "Why 说明"};

    private AssessmentWorkbook() {
    }

    public static void write(AssessmentReport report, OutputStream out) {
        SXSSFWorkbook wb = new SXSSFWorkbook(200);
        try {
            XlsxReportWriter.Styles st = new XlsxReportWriter.Styles(wb);
            verdicts(wb.createSheet("评估结论 Verdicts"), st, report);
            byRisk(wb.createSheet("分风险 By risk"), st, report.assessment());
            coverage(wb.createSheet("覆盖检查 Coverage"), st, report.assessment());
            questions(wb.createSheet("题目 Questions"), st, report.assessment());
            if (report.usesFlamesMapping()) {
                mapping(wb.createSheet("映射 Mapping"), st);
            }
            wb.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the assessment workbook failed", e);
        } finally {
            wb.dispose();
        }
    }

    private static void verdicts(SXSSFSheet sheet, XlsxReportWriter.Styles st, AssessmentReport r) {
        XlsxReportWriter.Widths w = new XlsxReportWriter.Widths(11);
        int n = 0;
        Tc260Assessment a = r.assessment();
        AssessmentCriteria c = a.criteria();
        n = pair(sheet, st, w, n, "Assessment 评估编号", r.id());
        n = pair(sheet, st, w, n, "Standard 标准", "TC260-003 / GB/T 45654-2025");
        n = pair(sheet, st, w, n, "Target 被测服务", r.target());
        n = pair(sheet, st, w, n, "Runs 运行", String.join("; ", r.runs().stream().map(x -> x.id() + " (" + x.dataset()
                + " v" + x.datasetVersion() + ", SHA-256 " + x.datasetSha256() + ", blocked prompts 拦截题: "
                + x.blockedPolicy() + ")").toList()));
        n = pair(sheet, st, w, n, "Assessed at 评估时间", ReportFormat.time(r.assessedAt()));
        n = pair(sheet, st, w, n, "Assessed by 评估人", r.assessedBy());
        n = pair(sheet, st, w, n, "Overall 总体结论", a.overall().zh() + " " + a.overall().name());
        n = pair(sheet, st, w, n, "Criteria 判定标准", "阈值与题库规模取自二手资料（非标准原文），请对照标准核实。"
                + "Thresholds and bank sizes per secondary sources, not the standard's text: check them."
                + (c.isDefault() ? "" : " 本服务器已修改默认值 This server changed the defaults."));
        n++;
        Row head = sheet.createRow(n++);
        String[] cols = {"Bank 题库", "Questions 题目数", "Not counted 不计入", "Counted 计入", "Successes 通过",
                "Rate 比率", "95% low 下限", "95% high 上限", "Threshold 阈值", "Verdict 结论",
                "Further questions 还需题数"};
        for (int i = 0; i < cols.length; i++) {
            XlsxReportWriter.text(head, i, cols[i], st.header, st, w);
        }
        for (BankKind kind : BankKind.values()) {
            Tc260Assessment.Bank b = a.banks().get(kind);
            Row row = sheet.createRow(n++);
            XlsxReportWriter.text(row, 0, kind.zh() + " " + kind.label(), st.text, st, w);
            if (b == null) {
                XlsxReportWriter.text(row, 9, "无题目 no questions", st.text, st, w);
                continue;
            }
            number(row, 1, b.questions(), st);
            number(row, 2, b.notCounted(), st);
            verdictCells(row, 3, b.rate(), st, w);
        }
        w.apply(sheet);
    }

    /** n, successes, rate, low, high, threshold, verdict, further questions from column {@code c}. */
    private static void verdictCells(Row row, int c, ThresholdVerdict v, XlsxReportWriter.Styles st,
                                     XlsxReportWriter.Widths w) {
        number(row, c, v.n(), st);
        number(row, c + 1, v.successes(), st);
        if (v.n() > 0) {
            percent(row, c + 2, v.rate(), st);
            percent(row, c + 3, v.lower(), st);
            percent(row, c + 4, v.upper(), st);
        }
        percent(row, c + 5, v.threshold(), st);
        XlsxReportWriter.text(row, c + 6, v.verdict().zh() + " " + v.verdict().name(), st.text, st, w);
        if (v.moreQuestions() != null) {
            number(row, c + 7, v.moreQuestions(), st);
        }
    }

    private static void byRisk(SXSSFSheet sheet, XlsxReportWriter.Styles st, Tc260Assessment a) {
        XlsxReportWriter.Widths w = new XlsxReportWriter.Widths(11);
        Row head = sheet.createRow(0);
        String[] cols = {"Bank 题库", "Risk 风险类别", "Risk title 风险名称", "Counted 计入", "Successes 通过", "Rate 比率",
                "95% low 下限", "95% high 上限", "Threshold 阈值", "Verdict 结论", "Further questions 还需题数"};
        for (int i = 0; i < cols.length; i++) {
            XlsxReportWriter.text(head, i, cols[i], st.header, st, w);
        }
        int n = 1;
        for (Map.Entry<BankKind, Tc260Assessment.Bank> e : a.banks().entrySet()) {
            for (Map.Entry<AnnexARisk, ThresholdVerdict> r : e.getValue().risks().entrySet()) {
                Row row = sheet.createRow(n++);
                XlsxReportWriter.text(row, 0, e.getKey().zh(), st.text, st, w);
                XlsxReportWriter.text(row, 1, r.getKey().code(), st.text, st, w);
                XlsxReportWriter.text(row, 2, r.getKey().zh(), st.text, st, w);
                verdictCells(row, 3, r.getValue(), st, w);
            }
        }
        sheet.createFreezePane(0, 1);
        w.apply(sheet);
    }

    private static void coverage(SXSSFSheet sheet, XlsxReportWriter.Styles st, Tc260Assessment a) {
        XlsxReportWriter.Widths w = new XlsxReportWriter.Widths(6);
        Row head = sheet.createRow(0);
        String[] cols = {"Bank 题库", "Risk 风险类别", "Risk title 风险名称", "Questions 题目数", "Minimum 最低要求",
                "Short by 缺口"};
        for (int i = 0; i < cols.length; i++) {
            XlsxReportWriter.text(head, i, cols[i], st.header, st, w);
        }
        int n = 1;
        for (Tc260Assessment.Coverage c : a.coverage().values()) {
            Row total = sheet.createRow(n++);
            XlsxReportWriter.text(total, 0, c.kind().zh(), st.text, st, w);
            XlsxReportWriter.text(total, 1, "全部 all", st.text, st, w);
            number(total, 3, c.questions(), st);
            number(total, 4, c.minimum(), st);
            number(total, 5, c.bankShort(), st);
            if (c.kind() == BankKind.GENERATED_CONTENT) {
                Row sample = sheet.createRow(n++);
                XlsxReportWriter.text(sample, 0, c.kind().zh(), st.text, st, w);
                XlsxReportWriter.text(sample, 1, "计入合格率的回答 answers counted", st.text, st, w);
                number(sample, 3, a.banks().containsKey(c.kind()) ? a.banks().get(c.kind()).rate().n() : 0, st);
                number(sample, 4, a.criteria().minimums().generatedContentSample(), st);
                number(sample, 5, c.sampleShort(), st);
            }
            for (Tc260Assessment.Gap g : c.gaps()) {
                Row row = sheet.createRow(n++);
                XlsxReportWriter.text(row, 0, c.kind().zh(), st.text, st, w);
                XlsxReportWriter.text(row, 1, g.risk().code(), st.text, st, w);
                XlsxReportWriter.text(row, 2, g.risk().zh(), st.text, st, w);
                number(row, 3, g.questions(), st);
                number(row, 4, g.minimum(), st);
                number(row, 5, g.minimum() - g.questions(), st);
            }
        }
        sheet.createFreezePane(0, 1);
        w.apply(sheet);
    }

    private static void questions(SXSSFSheet sheet, XlsxReportWriter.Styles st, Tc260Assessment a) {
        XlsxReportWriter.Widths w = new XlsxReportWriter.Widths(QUESTION_COLUMNS.length);
        Row head = sheet.createRow(0);
        for (int i = 0; i < QUESTION_COLUMNS.length; i++) {
            XlsxReportWriter.text(head, i, QUESTION_COLUMNS[i], st.header, st, w);
        }
        int n = 1;
        for (AssessedItem i : a.items()) {
            Row row = sheet.createRow(n++);
            number(row, 0, i.runId(), st);
            number(row, 1, i.line(), st);
            XlsxReportWriter.text(row, 2, i.kind().zh(), st.text, st, w);
            XlsxReportWriter.text(row, 3, i.risk() == null ? null : i.risk().code(), st.text, st, w);
            XlsxReportWriter.text(row, 4, i.risk() == null ? null : i.risk().zh(), st.text, st, w);
            XlsxReportWriter.text(row, 5, i.riskSource().zh(), st.text, st, w);
            XlsxReportWriter.text(row, 6, i.dimension().label(), st.text, st, w);
            XlsxReportWriter.text(row, 7, i.prompt(), st.text, st, w);
            XlsxReportWriter.text(row, 8, i.answer(), st.text, st, w);
            XlsxReportWriter.text(row, 9, i.outcome() == null ? null : i.outcome().name(), st.text, st, w);
            if (i.score() != null) {
                number(row, 10, i.score(), st);
            }
            XlsxReportWriter.text(row, 11, verdict(i.judgement().counted()), st.text, st, w);
            XlsxReportWriter.text(row, 12, i.judgement().zh(), st.text, st, w);
        }
        sheet.createFreezePane(0, 1);
        sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, n - 1), 0, QUESTION_COLUMNS.length - 1));
        w.apply(sheet);
    }

    /** The verdict cell of a question: 通过 (passed, refused or answered as the bank asks), 未通过, 不计入. */
    static String verdict(ItemRule.Counted counted) {
        return switch (counted) {
            case SUCCESS -> "通过";
            case FAILURE -> "未通过";
            case NOT_COUNTED -> "不计入";
        };
    }

    private static void mapping(SXSSFSheet sheet, XlsxReportWriter.Styles st) {
        XlsxReportWriter.Widths w = new XlsxReportWriter.Widths(5);
        Row head = sheet.createRow(0);
        String[] cols = {"Flames dimension 维度", "Subcomponent 子类", "Risk 风险类别", "Risk title 风险名称", "Why 理由"};
        for (int i = 0; i < cols.length; i++) {
            XlsxReportWriter.text(head, i, cols[i], st.header, st, w);
        }
        int n = 1;
        for (FlamesRiskMapping.Row m : FlamesRiskMapping.ROWS) {
            Row row = sheet.createRow(n++);
            XlsxReportWriter.text(row, 0, m.dimension().label(), st.text, st, w);
            XlsxReportWriter.text(row, 1, m.subcomponent() == null ? "（其他 other）" : m.subcomponent(), st.text, st, w);
            XlsxReportWriter.text(row, 2, m.risk() == null ? "—" : m.risk().code(), st.text, st, w);
            XlsxReportWriter.text(row, 3, m.risk() == null ? "无对应风险" : m.risk().zh(), st.text, st, w);
            XlsxReportWriter.text(row, 4, m.whyZh(), st.text, st, w);
        }
        Row note = sheet.createRow(n + 1);
        XlsxReportWriter.text(note, 0, "本映射为 Flames Audit 自行制定，非标准或 Flames 作者发布。This mapping is ours, not the "
                + "standard's or Flames' authors'.", st.text, st, w);
        w.apply(sheet);
    }

    private static int pair(SXSSFSheet sheet, XlsxReportWriter.Styles st, XlsxReportWriter.Widths w, int r,
                            String label, String value) {
        Row row = sheet.createRow(r);
        XlsxReportWriter.text(row, 0, label, st.header, st, w);
        XlsxReportWriter.text(row, 1, value == null ? "" : value, st.text, st, w);
        return r + 1;
    }

    private static void number(Row row, int col, double value, XlsxReportWriter.Styles st) {
        Cell cell = row.createCell(col);
        cell.setCellValue(value);
        cell.setCellStyle(st.integer);
    }

    private static void percent(Row row, int col, double value, XlsxReportWriter.Styles st) {
        Cell cell = row.createCell(col);
        cell.setCellValue(value);
        cell.setCellStyle(st.percent);
    }
}
