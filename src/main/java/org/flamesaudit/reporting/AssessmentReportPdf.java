package org.flamesaudit.reporting;

import net.sf.jasperreports.engine.JREmptyDataSource;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import org.flamesaudit.assessment.AssessmentCriteria;
import org.flamesaudit.assessment.AssessmentReport;
import org.flamesaudit.assessment.FlamesRiskMapping;
import org.flamesaudit.assessment.Tc260Assessment;
import org.flamesaudit.assessment.ThresholdVerdict;
import org.flamesaudit.dataset.AnnexARisk;
import org.flamesaudit.dataset.BankKind;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the self-assessment PDF of a TC260-003 / GB/T 45654 assessment from {@code reports/assessment-report.jrxml},
 * Chinese first ({@code FLAMES_REPORT_LANGUAGE}, or {@code ?lang=}): the overall verdict, each bank's and each risk's
 * rate with its 95% Wilson interval, threshold and verdict, the coverage check, our Flames mapping when Flames prompts
 * were assessed, the counting method and the limitations. The thresholds are printed as "per secondary sources".
 */
public final class AssessmentReportPdf {

    private AssessmentReportPdf() {
    }

    public static void render(AssessmentReport report, ReportLanguage language, OutputStream out) {
        ReportText t = ReportText.of(language);
        JasperPrint print;
        try {
            print = JasperFillManager.fillReport(ReportTemplates.get(ReportTemplates.ASSESSMENT),
                    parameters(report, t), new JREmptyDataSource(1));
        } catch (JRException e) {
            throw new IllegalStateException("filling the assessment report failed: " + e.getMessage(), e);
        }
        PdfExport.write(print, t.get("assessment.title").replace('\n', ' ') + " " + report.id(),
                t.get("assessment.running.head", report.target(), report.id()), out);
    }

    static Map<String, Object> parameters(AssessmentReport r, ReportText t) {
        boolean zh = t.language() == ReportLanguage.ZH;
        Tc260Assessment a = r.assessment();
        AssessmentCriteria c = a.criteria();
        Map<String, Object> p = new HashMap<>();
        p.put(net.sf.jasperreports.engine.JRParameter.REPORT_LOCALE, t.language().locale());
        p.put("REPORT_ID", r.id());
        p.put("GENERATED_AT", ReportFormat.time(r.assessedAt()));
        p.put("RUNNING_HEAD", t.get("assessment.running.head", r.target(), r.id()));
        p.put("TITLE", t.get("assessment.title"));
        String runs = String.join("; ", r.runs().stream().map(x -> "#" + x.id() + " " + x.dataset() + " v"
                + x.datasetVersion() + " SHA-256 " + x.datasetSha256().substring(0, 12) + "… (" + String.join(", ",
                x.questions().entrySet().stream().map(e -> (zh ? e.getKey().zh() : e.getKey().en()) + " "
                        + e.getValue()).toList()) + "; " + t.get("assessment.policy." + x.blockedPolicy()) + ")")
                .toList());
        p.put("INTRO_TEXT", t.get("assessment.intro", r.target(), r.id(), ReportFormat.time(r.assessedAt()),
                r.assessedBy() == null ? "—" : r.assessedBy(), runs));
        p.put("OVERALL_TEXT", t.get("assessment.overall", verdict(a.overall(), zh)) + "\n"
                + t.get("assessment.overall.note"));
        p.put("CRITERIA_TEXT", t.get("assessment.criteria", ReportFormat.percent(c.generatedContentPassRate()),
                ReportFormat.percent(c.shouldRefuseRate()), ReportFormat.percent(c.nonRefusalRate()),
                c.isDefault() ? "" : t.get("assessment.criteria.changed")));
        for (String h : List.of("verdicts", "risks", "coverage", "mapping", "method", "limits")) {
            p.put("H_" + h.toUpperCase(java.util.Locale.ROOT), t.get("assessment.heading." + h));
        }
        p.put("RISKS_NOTE", t.get("assessment.risks.note"));
        boolean complete = a.coverage().values().stream().allMatch(Tc260Assessment.Coverage::complete);
        p.put("COVERAGE_TEXT", t.get("assessment.coverage.intro", t.get(complete ? "assessment.coverage.complete"
                : "assessment.coverage.incomplete")));
        p.put("MAPPING", r.usesFlamesMapping());
        p.put("MAPPING_TEXT", t.get("assessment.mapping.intro"));
        p.put("METHOD_TEXT", t.get("assessment.method"));
        p.put("LIMITS_TEXT", limits(r, t, zh));
        p.put("FOOTER_REPORT", t.get("footer.report"));
        p.put("FOOTER_GENERATED", t.get("footer.generated"));
        p.put("FOOTER_PAGE", t.get("footer.page"));
        p.put("TABLE_REPORT", ReportTemplates.get(ReportTemplates.ASSESSMENT_TABLE));
        p.put("MAPPING_TABLE", ReportTemplates.get(ReportTemplates.MAPPING_TABLE));
        p.put("BANK_ROWS", bankRows(a, t, zh));
        p.put("RISK_ROWS", riskRows(a, zh));
        p.put("COVERAGE_ROWS", coverageRows(a, t, zh));
        p.put("MAPPING_ROWS", mappingRows(t, zh));
        p.putAll(headers("BANK_", t, "bank", "questions", "successes", "rate", "interval", "threshold", "verdict",
                "more"));
        p.putAll(headers("RISK_", t, "risk", "bank", "counted", "rate", "interval", "threshold", "verdict", "more"));
        p.putAll(headers("COV_", t, "risk", "bank", "count", "minimum", "short"));
        p.putAll(headers("MAP_", t, "dimension", "risk", "why"));
        return p;
    }

    /** The verdict as the report prints it: 符合 / 不符合 / 尚无定论, or MEETS / FAILS / INCONCLUSIVE. */
    static String verdict(ThresholdVerdict.Verdict v, boolean zh) {
        return zh ? v.zh() : v.name();
    }

    private static List<Map<String, ?>> bankRows(Tc260Assessment a, ReportText t, boolean zh) {
        List<Map<String, ?>> rows = new ArrayList<>();
        int i = 0;
        for (BankKind kind : BankKind.values()) {
            Tc260Assessment.Bank b = a.banks().get(kind);
            String name = zh ? kind.zh() : kind.en();
            if (b == null) {
                rows.add(CompareReportPdf.row(i++ % 2 == 0, name, "0", "—", "—", "—",
                        ReportFormat.percent(a.criteria().threshold(kind)), t.get("assessment.noQuestions"), "—"));
                continue;
            }
            ThresholdVerdict v = b.rate();
            rows.add(CompareReportPdf.row(i++ % 2 == 0, name, ReportFormat.count(b.questions()) + " / " + ReportFormat.count(v.n()),
                    ReportFormat.count(v.successes()), rate(v), interval(v), ReportFormat.percent(v.threshold()),
                    verdict(v.verdict(), zh), more(v)));
        }
        return rows;
    }

    private static List<Map<String, ?>> riskRows(Tc260Assessment a, boolean zh) {
        List<Map<String, ?>> rows = new ArrayList<>();
        int i = 0;
        for (Tc260Assessment.Bank b : a.banks().values()) {
            for (Map.Entry<AnnexARisk, ThresholdVerdict> e : b.risks().entrySet()) {
                ThresholdVerdict v = e.getValue();
                rows.add(CompareReportPdf.row(i++ % 2 == 0, riskName(e.getKey(), zh), zh ? b.kind().zh() : b.kind().en(),
                        ReportFormat.count(v.n()), rate(v), interval(v), ReportFormat.percent(v.threshold()),
                        verdict(v.verdict(), zh), more(v)));
            }
        }
        return rows;
    }

    private static List<Map<String, ?>> coverageRows(Tc260Assessment a, ReportText t, boolean zh) {
        List<Map<String, ?>> rows = new ArrayList<>();
        int i = 0;
        for (Tc260Assessment.Coverage c : a.coverage().values()) {
            boolean shade = i++ % 2 == 0;
            String bank = zh ? c.kind().zh() : c.kind().en();
            rows.add(CompareReportPdf.row(shade, t.get("assessment.all"), bank, ReportFormat.count(c.questions()),
                    ReportFormat.count(c.minimum()), ReportFormat.count(c.bankShort())));
            if (c.kind() == BankKind.GENERATED_CONTENT) {
                Tc260Assessment.Bank b = a.banks().get(c.kind());
                rows.add(CompareReportPdf.row(shade, t.get("assessment.sample"), bank,
                        ReportFormat.count(b == null ? 0 : b.rate().n()),
                        ReportFormat.count(a.criteria().minimums().generatedContentSample()),
                        ReportFormat.count(c.sampleShort())));
            }
            for (Tc260Assessment.Gap g : c.gaps()) {
                rows.add(CompareReportPdf.row(shade, riskName(g.risk(), zh), bank, ReportFormat.count(g.questions()),
                        ReportFormat.count(g.minimum()), ReportFormat.count(g.minimum() - g.questions())));
            }
        }
        return rows;
    }

    private static List<Map<String, ?>> mappingRows(ReportText t, boolean zh) {
        List<Map<String, ?>> rows = new ArrayList<>();
        int i = 0;
        for (FlamesRiskMapping.Row m : FlamesRiskMapping.ROWS) {
            rows.add(CompareReportPdf.row(i++ % 2 == 0, m.dimension().label() + " · " + (m.subcomponent() == null
                    ? t.get("assessment.other") : m.subcomponent()), m.risk() == null ? t.get("assessment.none")
                    : riskName(m.risk(), zh), zh ? m.whyZh() : m.whyEn()));
        }
        return rows;
    }

    private static String limits(AssessmentReport r, ReportText t, boolean zh) {
        List<String> lines = new ArrayList<>();
        boolean flamesOnly = r.assessment().items().stream().allMatch(
                org.flamesaudit.assessment.AssessedItem::flamesLine);
        if (flamesOnly) {
            lines.add(t.get("assessment.limits.flamesOnly"));
        }
        if (r.usesFlamesMapping() || flamesOnly) {
            (zh ? FlamesRiskMapping.GAPS_ZH : FlamesRiskMapping.GAPS_EN).forEach(g -> lines.add("• " + g));
        }
        if (r.assessment().banks().containsKey(BankKind.GENERATED_CONTENT)) {
            lines.add("• " + (zh ? "生成内容题的合格与否取决于自动评分器（人工复核过的题以复核分为准）；评分器在非 Flames 题目上的"
                    + "准确性未经其作者评估。" : "Whether a generated-content answer passes rests on the automatic scorer "
                    + "(a reviewer's score where reviewed); its accuracy on prompts outside Flames has not been "
                    + "evaluated by its authors."));
        }
        long repeats = r.assessment().items().stream().filter(i -> i.repeatOf() != null).count();
        if (repeats > 0) {
            lines.add("• " + (zh ? "有 " + repeats + " 道题与之前的题目重复（同一题库中文本相同），只计第一次。"
                    : repeats + " questions repeat an earlier one (the same text in the same bank): only the first "
                    + "asking counts."));
        }
        lines.add("• " + (zh ? "本报告是自评估，不代替主管部门的评估或备案审查；附录 A 风险名称为本工具的简称，以标准原文为准。"
                : "This is a self-assessment; it replaces no regulator's assessment or filing review. The Annex A "
                + "titles are our abridgements: the standard's text prevails."));
        return String.join("\n", lines);
    }

    static String riskName(AnnexARisk risk, boolean zh) {
        return risk.code() + " " + (zh ? risk.zh() : risk.en());
    }

    private static String rate(ThresholdVerdict v) {
        return v.n() == 0 ? "—" : ReportFormat.percent(v.rate());
    }

    private static String interval(ThresholdVerdict v) {
        return v.n() == 0 ? "—" : ReportFormat.interval(v.lower(), v.upper());
    }

    private static String more(ThresholdVerdict v) {
        return v.moreQuestions() == null ? "—" : ReportFormat.count(v.moreQuestions());
    }

    private static Map<String, String> headers(String prefix, ReportText t, String... keys) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < 8; i++) {
            m.put(prefix + "H" + i, i < keys.length ? t.get("assessment.col." + keys[i]) : "");
        }
        return m;
    }
}
