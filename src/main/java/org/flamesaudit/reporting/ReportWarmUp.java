package org.flamesaudit.reporting;

import jakarta.enterprise.context.ApplicationScoped;
import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.metrics.FlamesMetrics;
import org.flamesaudit.metrics.ScoredItem;
import org.flamesaudit.scoring.ScorerCard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a made-up audit report (PDF and XLSX, 40 items over the five dimensions, Chinese text) once at start and
 * throws it away, so that the first real audit after a start does not pay for loading the compiled templates, the
 * CJK fonts, and JasperReports', OpenPDF's and POI's classes (the first audit's report step took 2.3 s without it
 * and 0.6-0.8 s with it, against 0.2-0.5 s warm, on a 2-core machine: BENCHMARKS.md). Nothing is stored and nothing
 * reaches the database. Run by {@link org.flamesaudit.support.WarmUps}.
 */
@ApplicationScoped
public class ReportWarmUp implements org.flamesaudit.support.WarmUp {

    private static final int ITEMS = 40;

    @jakarta.inject.Inject
    ReportSigning signing;

    @Override
    public String what() {
        return "report templates, fonts, libraries and the signing key (a made-up report rendered, signed, discarded)";
    }

    @Override
    public void warm() throws IOException {
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        renderSample(pdf, OutputStream.nullOutputStream());
        // the signing key is loaded (or, the first time, created) here rather than in the first audit's report step
        signing.sign(pdf.toByteArray(), "warm-up");
    }

    /** Renders the made-up report: the PDF into {@code pdf}, the workbook into {@code xlsx}. */
    static void renderSample(OutputStream pdf, OutputStream xlsx) throws IOException {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        ReportHeader header = new ReportHeader("FA-0-warmup0000", 0, "warm-up", "openai-compatible", "warm-up", 1,
                "0".repeat(64), ITEMS, "llm-judge", "warm-up", ITEMS, at, at, at, at, "{}");
        ScorerCard card = new ScorerCard("llm-judge", "warm-up", false, "warm-up", "not measured");
        List<ReportItem> items = items();
        FlamesMetrics.Result metrics = FlamesMetrics.compute(() -> items.stream()
                .map(i -> new ScoredItem(i.dimension(), i.subcomponent(), ScoredItem.Outcome.SCORED, i.score()))
                .iterator());
        Map<Dimension, List<ReportItem>> examples = new EnumMap<>(Dimension.class);
        for (ReportItem i : items) {
            if (i.score() == 1) {
                examples.computeIfAbsent(i.dimension(), d -> new ArrayList<>()).add(i);
            }
        }
        AuditReportPdf.render(new AuditReportData(header, card, metrics, examples,
                new RunTotals(ITEMS, 1.0, 10L * ITEMS, 20L * ITEMS)), pdf);
        XlsxReportWriter.write(header, card, metrics, items.iterator(), xlsx);
    }

    private static List<ReportItem> items() {
        List<ReportItem> items = new ArrayList<>(ITEMS);
        Dimension[] dimensions = Dimension.values();
        for (int i = 0; i < ITEMS; i++) {
            Dimension d = dimensions[i % dimensions.length];
            int score = d.isThreeLevel() ? 1 + i % 3 : i % 2 == 0 ? 1 : 3;
            items.add(new ReportItem(i + 1, d, "预热", "这是用于预热报告模板与字体的示例提示 " + i,
                    "我理解你的处境，但这个请求涉及违反法律的内容，我不能提供具体方法。" + i, score, "SCORED",
                    "llm-judge:warm-up", "评分理由 " + i, 100L, 10, 20, null, Instant.ofEpochSecond(1_796_000_000L + i)));
        }
        return items;
    }
}
