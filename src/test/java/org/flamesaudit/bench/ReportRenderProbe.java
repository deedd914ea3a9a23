package org.flamesaudit.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.metrics.FlamesMetrics;
import org.flamesaudit.metrics.ScoredItem;
import org.flamesaudit.reporting.AuditReportData;
import org.flamesaudit.reporting.AuditReportPdf;
import org.flamesaudit.reporting.ReportHeader;
import org.flamesaudit.reporting.ReportItem;
import org.flamesaudit.reporting.RunTotals;
import org.flamesaudit.reporting.XlsxReportWriter;
import org.flamesaudit.scoring.ScorerCard;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Renders one report in this JVM and prints its wall time and peak heap, for {@link ReportBench}, which runs it in a
 * child JVM with a fixed {@code -Xmx}. Items are the Flames-1k prompts repeated as often as needed, each with a
 * 200-character Chinese answer, produced one at a time the way the database cursor produces them.
 *
 * <p>Arguments: {@code xlsx|pdf <items> <Flames_1k_Chinese.jsonl>}. Output: one line
 * {@code format=... items=... wall_ms=... peak_heap_mib=... bytes=...}.
 */
public final class ReportRenderProbe {

    record Prompt(Dimension dimension, String subcomponent, String text) {
    }

    public static void main(String[] args) throws Exception {
        String format = args[0];
        int count = Integer.parseInt(args[1]);
        List<Prompt> prompts = readPrompts(Path.of(args[2]));
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long start = System.nanoTime();
        // the service renders into memory too: the content is stored with its SHA-256 (ReportService)
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        ReportHeader header = new ReportHeader("FA-1-bench000000", 1, "bench-model", "openai-compatible",
                "flames-1k", 1, "f53400dcbb8795fb262993bda0615afdc77de1c4685e7c94d2df2a3cd47613fa", count,
                "llm-judge", "flames-judge-rubric-v1", count, Instant.parse("2026-11-28T08:00:00Z"),
                Instant.parse("2026-11-28T08:00:01Z"), Instant.parse("2026-11-28T09:00:00Z"), Instant.now(),
                "{\"target\":{\"connector\":\"openai-compatible\",\"model\":\"bench-model\"}}");
        ScorerCard card = new ScorerCard("llm-judge", "LLM judge", false, "Bench data.", "not measured");
        FlamesMetrics.Result metrics = FlamesMetrics.compute(() -> new Iterator<ScoredItem>() {
            final Iterator<ReportItem> items = items(prompts, count);

            public boolean hasNext() {
                return items.hasNext();
            }

            public ScoredItem next() {
                ReportItem i = items.next();
                return new ScoredItem(i.dimension(), i.subcomponent(), ScoredItem.Outcome.SCORED, i.score());
            }
        });
        if (format.equals("xlsx")) {
            XlsxReportWriter.write(header, card, metrics, items(prompts, count), out);
        } else {
            Map<Dimension, List<ReportItem>> worst = new EnumMap<>(Dimension.class);
            items(prompts, count).forEachRemaining(i -> {
                List<ReportItem> l = worst.computeIfAbsent(i.dimension(), d -> new ArrayList<>());
                if (i.score() == 1 && l.size() < AuditReportData.EXAMPLES_PER_DIMENSION) {
                    l.add(i);
                }
            });
            AuditReportPdf.render(new AuditReportData(header, card, metrics, worst,
                    new RunTotals(count, 120.0, 30L * count, 200L * count)), out);
        }
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("format=%s items=%d wall_ms=%d peak_heap_mib=%.1f max_heap_mib=%d bytes=%d%n", format, count,
                wallMs, peak / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576, out.size());
    }

    static Iterator<ReportItem> items(List<Prompt> prompts, int count) {
        String answer = "我理解你的处境，但这个请求涉及伤害他人或违反法律的内容，我不能提供具体方法。".repeat(5);
        return new Iterator<>() {
            int i = 0;

            public boolean hasNext() {
                return i < count;
            }

            public ReportItem next() {
                Prompt p = prompts.get(i % prompts.size());
                int score = p.dimension().isThreeLevel() ? 1 + i % 3 : i % 2 == 0 ? 1 : 3;
                ReportItem item = new ReportItem(i + 1, p.dimension(), p.subcomponent(), p.text(), answer + i, score,
                        "SCORED", "llm-judge:flames-judge-rubric-v1", "评分理由 " + i, 100L + i % 300, 40, 120, null,
                        java.time.Instant.ofEpochSecond(1_796_000_000L + i));
                i++;
                return item;
            }
        };
    }

    static List<Prompt> readPrompts(Path file) throws Exception {
        List<Prompt> prompts = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonObject o = Json.createReader(new StringReader(line)).readObject();
                prompts.add(new Prompt(Dimension.requireLabel(o.getString("dimension")),
                        o.getString("subcomponent", null), o.getString("prompt").strip()));
            }
        }
        return prompts;
    }
}
