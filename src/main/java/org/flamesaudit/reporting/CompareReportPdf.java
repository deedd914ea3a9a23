package org.flamesaudit.reporting;

import net.sf.jasperreports.engine.JREmptyDataSource;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.metrics.DimensionStats;
import org.flamesaudit.metrics.FlamesMetrics;
import org.flamesaudit.metrics.RateDifference;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the comparison report of several runs on one dataset version from {@code reports/compare-report.jrxml}: the
 * runs, one table and one chart of every run by dimension with each difference from the baseline (the first run)
 * tested at the 5% level ({@link RateDifference}), and a trend view when all runs audit the same target.
 */
public final class CompareReportPdf {

    private CompareReportPdf() {
    }

    /** Renders the comparison in the configured language ({@code FLAMES_REPORT_LANGUAGE}). */
    public static void render(CompareReportData data, OutputStream out) {
        render(data, ReportLanguage.configured(), out);
    }

    public static void render(CompareReportData data, ReportLanguage language, OutputStream out) {
        ReportText t = ReportText.of(language);
        PdfExport.write(fill(data, t), t.get("compare.title") + " " + data.reportId(), t.get("compare.running.head",
                data.runs().size(), data.datasetName(), data.datasetVersion()), out);
    }

    static JasperPrint fill(CompareReportData data, ReportText t) {
        try {
            return JasperFillManager.fillReport(ReportTemplates.get(ReportTemplates.COMPARE), parameters(data, t),
                    new JREmptyDataSource(1));
        } catch (JRException e) {
            throw new IllegalStateException("filling the comparison report failed: " + e.getMessage(), e);
        }
    }

    static Map<String, Object> parameters(CompareReportData data, ReportText t) {
        Map<String, Object> p = new HashMap<>();
        p.put(net.sf.jasperreports.engine.JRParameter.REPORT_RESOURCE_BUNDLE, t);
        p.put(net.sf.jasperreports.engine.JRParameter.REPORT_LOCALE, t.language().locale());
        p.put("REPORT_ID", data.reportId());
        p.put("GENERATED_AT", ReportFormat.time(data.generatedAt()));
        p.put("RUNNING_HEAD", t.get("compare.running.head", data.runs().size(), data.datasetName(),
                data.datasetVersion()));
        p.put("INTRO_TEXT", intro(data, t));
        p.put("RUN_ROWS", runRows(data, t));
        p.put("COMPARE_ROWS", compareRows(data, t));
        p.put("CHART", chart(data, t));
        p.put("COMPARE_NOTE", t.get("compare.note"));
        boolean trend = data.sameTarget();
        p.put("TREND", trend);
        p.put("TREND_TEXT", trend ? t.get("compare.trend", data.runs().get(0).header().targetLabel())
                : t.get("compare.noTrend"));
        p.put("TREND_ROWS", trend ? trendRows(data, t) : List.of());
        p.put("TREND_CHART", trend ? trendChart(data, t) : null);
        p.put("METHOD_TEXT", t.get("compare.method"));
        p.put("TABLE_REPORT", ReportTemplates.get(ReportTemplates.COMPARE_TABLE));
        // the scorer in the widest column: its key and version wrapped by word, not letter by letter; the report id
        // under the target, where it fits on one line
        p.putAll(headers("RUN_", t.get("compare.col.target"), t.get("compare.col.metricsAt"), t.get("compare.col.run"),
                t.get("compare.col.overallRate"), t.get("compare.col.scorer"), t.get("compare.col.overallScore"),
                t.get("compare.col.scored"), t.get("compare.col.scope")));
        p.putAll(headers("CMP_", t.get("compare.col.dimension"), t.get("compare.col.run"), "n",
                t.get("compare.col.rate"), t.get("compare.col.interval"), t.get("compare.col.delta"), "p",
                t.get("compare.col.significant")));
        List<String> trendHeads = new ArrayList<>(List.of(t.get("compare.col.aggregated"), t.get("compare.col.run"),
                t.get("compare.col.overall")));
        for (Dimension d : Dimension.values()) {
            trendHeads.add(AuditReportPdf.dimensionName(d, t));
        }
        p.putAll(headers("TREND_", trendHeads.toArray(String[]::new)));
        return p;
    }

    private static String intro(CompareReportData data, ReportText t) {
        String s = t.get("compare.intro", data.datasetName(), data.datasetVersion(), data.datasetSha256());
        if (!data.sameScorer()) {
            s += "\n" + t.get("compare.caution");
        }
        if (!data.sameScope()) {
            s += "\n" + t.get("compare.cautionScope");
        }
        if (!data.samePolicy()) {
            s += "\n" + t.get("compare.cautionPolicy");
        }
        return s;
    }

    private static List<Map<String, ?>> runRows(CompareReportData data, ReportText t) {
        List<Map<String, ?>> rows = new ArrayList<>();
        for (int i = 0; i < data.runs().size(); i++) {
            CompareReportData.Run r = data.runs().get(i);
            ReportHeader h = r.header();
            long scored = r.metrics().scoredAnswers();
            rows.add(row(i % 2 == 0, CompareReportData.label(i) + " · " + h.targetLabel() + "\n" + h.reportId(),
                    ReportFormat.time(h.metricsAt()), Long.toString(h.runId()),
                    ReportFormat.percent(r.metrics().overallHarmlessRate()),
                    ReportFormat.scorerName(h.scorerKey()) + "\n" + h.scorerVersion(),
                    ReportFormat.score(r.metrics().overallHarmlessScore()), ReportFormat.count(scored),
                    h.promptLimit() == null ? t.get("compare.scopeAll") : t.get("compare.scopeLimit",
                            ReportFormat.count(h.promptLimit()))));
        }
        return rows;
    }

    static List<Map<String, ?>> compareRows(CompareReportData data, ReportText t) {
        List<Map<String, ?>> rows = new ArrayList<>();
        FlamesMetrics.Result base = data.runs().get(0).metrics();
        Dimension[] dims = Dimension.values();
        for (int d = 0; d < dims.length; d++) {
            DimensionStats b = base.dimensions().get(dims[d]);
            for (int i = 0; i < data.runs().size(); i++) {
                DimensionStats s = data.runs().get(i).metrics().dimensions().get(dims[d]);
                String name = i == 0 ? AuditReportPdf.dimensionName(dims[d], t) : "";
                String run = runLabel(data, i, t);
                if (s == null) {
                    rows.add(row(d % 2 == 0, name, run, "0", "n/a", "—", "—", "—", "—"));
                } else if (i == 0 || b == null) {
                    rows.add(row(d % 2 == 0, name, run, ReportFormat.count(s.n()),
                            ReportFormat.percent(s.harmlessRate()), ReportFormat.interval(s.ci95Low(), s.ci95High()),
                            "—", "—", i == 0 ? t.get("compare.baseline") : "—"));
                } else {
                    RateDifference diff = RateDifference.twoProportion(b.count3(), b.n(), s.count3(), s.n());
                    rows.add(row(d % 2 == 0, name, run, ReportFormat.count(s.n()),
                            ReportFormat.percent(s.harmlessRate()), ReportFormat.interval(s.ci95Low(), s.ci95High()),
                            points(diff.difference()), pValue(diff.pValue()), significance(diff, t)));
                }
            }
        }
        for (int i = 0; i < data.runs().size(); i++) {
            FlamesMetrics.Result m = data.runs().get(i).metrics();
            String name = i == 0 ? t.get("compare.col.overall") : "";
            if (i == 0) {
                rows.add(row(dims.length % 2 == 0, name, runLabel(data, i, t), "", ReportFormat.percent(
                        m.overallHarmlessRate()), "—", "—", "—", t.get("compare.baseline")));
                continue;
            }
            RateDifference diff = CompareReportData.overallDifference(base, m);
            rows.add(row(dims.length % 2 == 0, name, runLabel(data, i, t), "",
                    ReportFormat.percent(m.overallHarmlessRate()), "—", points(diff.difference()),
                    pValue(diff.pValue()), significance(diff, t)));
        }
        return rows;
    }

    private static List<Map<String, ?>> trendRows(CompareReportData data, ReportText t) {
        List<Map<String, ?>> rows = new ArrayList<>();
        List<Integer> order = timeOrder(data);
        for (int k = 0; k < order.size(); k++) {
            int i = order.get(k);
            CompareReportData.Run r = data.runs().get(i);
            List<String> cells = new ArrayList<>();
            cells.add(ReportFormat.time(r.header().metricsAt()));
            cells.add(runLabel(data, i, t));
            cells.add(ReportFormat.percent(r.metrics().overallHarmlessRate()));
            for (Dimension d : Dimension.values()) {
                DimensionStats s = r.metrics().dimensions().get(d);
                cells.add(s == null ? "n/a" : ReportFormat.percent(s.harmlessRate()));
            }
            rows.add(row(k % 2 == 0, cells.toArray(String[]::new)));
        }
        return rows;
    }

    private static List<Integer> timeOrder(CompareReportData data) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < data.runs().size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing((Integer i) -> data.runs().get(i).header().metricsAt())
                .thenComparing(i -> data.runs().get(i).header().runId()));
        return order;
    }

    private static RateChart chart(CompareReportData data, ReportText t) {
        Dimension[] dims = Dimension.values();
        String[] series = new String[data.runs().size()];
        for (int i = 0; i < series.length; i++) {
            series[i] = runLabel(data, i, t);
        }
        return RateChart.of(t.get("compare.chart"),
                Arrays.stream(dims).map(d -> t.term(d.glossaryKey())).toArray(String[]::new), series,
                (run, g) -> data.runs().get(run).metrics().dimensions().get(dims[g]));
    }

    private static RateChart trendChart(CompareReportData data, ReportText t) {
        Dimension[] dims = Dimension.values();
        List<Integer> order = timeOrder(data);
        String[] groups = order.stream().map(i -> CompareReportData.label(i) + " "
                + ReportFormat.date(data.runs().get(i).header().metricsAt())).toArray(String[]::new);
        return RateChart.of(t.get("compare.trendChart"), groups,
                Arrays.stream(dims).map(d -> t.term(d.glossaryKey())).toArray(String[]::new),
                (d, k) -> data.runs().get(order.get(k)).metrics().dimensions().get(dims[d]));
    }

    private static String runLabel(CompareReportData data, int i, ReportText t) {
        return t.get("compare.run", CompareReportData.label(i), Long.toString(data.runs().get(i).header().runId()));
    }

    static String points(double difference) {
        return Double.isNaN(difference) ? "n/a" : String.format(Locale.ROOT, "%+.2f", 100 * difference);
    }

    static String pValue(double p) {
        if (Double.isNaN(p)) {
            return "n/a";
        }
        return p < 0.0001 ? "< 0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }

    static String significance(RateDifference d, ReportText t) {
        if (Double.isNaN(d.pValue())) {
            return t.get("compare.notTested");
        }
        if (!d.significant()) {
            return t.get("compare.no");
        }
        return t.get(d.difference() > 0 ? "compare.higher" : "compare.lower");
    }

    /** A row of the eight-column table ({@code reports/compare-table.jrxml}): cells c0.., shaded or not. */
    static Map<String, String> row(boolean shade, String... cells) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < cells.length; i++) {
            m.put("c" + i, cells[i]);
        }
        m.put("shade", shade ? "1" : "0");
        return m;
    }

    private static Map<String, String> headers(String prefix, String... names) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            m.put(prefix + "H" + i, names[i]);
        }
        return m;
    }
}
