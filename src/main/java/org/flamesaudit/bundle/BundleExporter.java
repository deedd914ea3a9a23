package org.flamesaudit.bundle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.flamesaudit.actionlog.Action;
import org.flamesaudit.actionlog.ActionLog;
import org.flamesaudit.metrics.FlamesMetrics;
import org.flamesaudit.metrics.MetricsJson;
import org.flamesaudit.metrics.RunMetricsService;
import org.flamesaudit.reporting.RenderedReport;
import org.flamesaudit.reporting.ReportDataLoader;
import org.flamesaudit.reporting.ReportHeader;
import org.flamesaudit.reporting.ReportLanguage;
import org.flamesaudit.reporting.ReportService;
import org.flamesaudit.reporting.ReportSigning;
import org.flamesaudit.run.AuditRun;
import org.flamesaudit.run.RunStore;
import org.flamesaudit.scoring.RunItem;
import org.flamesaudit.support.AppConfig;
import org.flamesaudit.support.CurrentUser;
import org.flamesaudit.support.Jsons;
import org.flamesaudit.support.Sha256;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a completed run's reproduction bundle ({@link BundleFormat}): everything needed to check, without this
 * server, that its numbers follow from its answers and verdicts, with a signed manifest of SHA-256 hashes.
 */
@ApplicationScoped
@Transactional
public class BundleExporter {

    @PersistenceContext(unitName = "flames")
    EntityManager em;

    @Inject
    RunStore runs;

    @Inject
    RunMetricsService metrics;

    @Inject
    ReportDataLoader loader;

    @Inject
    ReportService reports;

    @Inject
    ReportSigning signing;

    @Inject
    ActionLog actions;

    /** The bundle's zip and its report id. */
    public record Bundle(String reportId, byte[] zip) {
    }

    /**
     * The run's bundle, with its current reports (rendered now where they are stale, as a download would).
     *
     * @throws org.flamesaudit.support.NotFoundException (404) for an unknown run
     * @throws org.flamesaudit.support.ConflictException (409) for a run whose metrics are not final or whose formal
     *                                                   report is withheld
     */
    public Bundle export(long runId) {
        AuditRun run = runs.requireAggregated(runId, "its reproduction bundle can be written");
        String withheld = reports.withheld(runId);
        if (withheld != null) {
            throw new org.flamesaudit.support.ConflictException("run " + runId + " has no formal report, so no "
                    + "bundle: " + withheld);
        }
        RenderedReport pdf = reports.latestOrRender(runId, RenderedReport.Format.PDF, ReportLanguage.ZH);
        RenderedReport xlsx = reports.latestOrRender(runId, RenderedReport.Format.XLSX, ReportLanguage.ZH);
        FlamesMetrics.Result m = metrics.compute(runId);
        Instant now = Instant.now();
        ReportHeader h = loader.header(run, m, now, CurrentUser.name());

        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(BundleFormat.RUN, bytes(runJson(run, h)));
        JsonArrayBuilder lineHashes = Jsons.JSON.createArrayBuilder();
        ByteArrayOutputStream items = new ByteArrayOutputStream(1 << 20);
        em.createQuery("select i from RunItem i where i.runId = :run order by i.line, i.responseId", RunItem.class)
                .setParameter("run", runId).setHint("org.hibernate.fetchSize", 500).getResultStream()
                .forEach(i -> {
                    String line = BundleFormat.item(i).toString();
                    lineHashes.add(Sha256.of(line));
                    items.writeBytes(line.getBytes(StandardCharsets.UTF_8));
                    items.write('\n');
                    em.detach(i);
                });
        files.put(BundleFormat.ITEMS, items.toByteArray());
        files.put(BundleFormat.METRICS, bytes(MetricsJson.toJson(m)));
        files.put(BundleFormat.REVIEWS, jsonl(loader.reviews(runId).stream().map(r -> Jsons.JSON
                .createObjectBuilder().add("line", r.lineNumber()).add("dimension", r.dimension())
                .add("scorerScore", r.scorerValue() == null ? jakarta.json.JsonValue.NULL
                        : Jsons.JSON.createValue(r.scorerValue()))
                .add("scorerStatus", r.scorerStatus())
                .add("previousScore", r.previousValue() == null ? jakarta.json.JsonValue.NULL
                        : Jsons.JSON.createValue(r.previousValue()))
                .add("score", r.newValue()).add("reviewer", r.reviewer()).add("at", r.reviewedAt().toString())
                .add("justification", r.justification()).build()).toList()));
        java.util.List<org.flamesaudit.reporting.ScorerVerdictRow> verdicts = loader.scorerVerdicts(runId);
        if (!verdicts.isEmpty()) {
            files.put(BundleFormat.VERDICTS, jsonl(verdicts.stream().map(v -> Jsons.JSON.createObjectBuilder()
                    .add("line", v.lineNumber()).add("dimension", v.dimension())
                    .add("verdicts", Jsons.JSON.createArrayBuilder(v.verdicts()))
                    .add("counted", v.counted() == null ? jakarta.json.JsonValue.NULL : Jsons.JSON.createValue(
                            v.counted())).add("disagree", v.disagree()).build()).toList()));
        }
        org.flamesaudit.scoring.ScorerCard card = loader.cardOf(run);
        JsonObjectBuilder cardJson = Jsons.JSON.createObjectBuilder().add("key", card.key())
                .add("name", card.name()).add("official", card.official())
                .add("description", String.valueOf(card.description()))
                .add("agreement", String.valueOf(card.agreement()));
        if (card.figures() != null) {
            cardJson.add("figures", card.figures());
        }
        files.put(BundleFormat.CARD, bytes(cardJson.build()));
        files.put("reports/" + fileName(run, pdf, "pdf"), pdf.getContent());
        files.put("reports/" + fileName(run, xlsx, "xlsx"), xlsx.getContent());

        JsonArrayBuilder listed = Jsons.JSON.createArrayBuilder();
        var lineHashArray = lineHashes.build();
        files.forEach((path, content) -> {
            JsonObjectBuilder f = Jsons.JSON.createObjectBuilder().add("path", path).add("bytes", content.length)
                    .add("sha256", Sha256.of(content));
            if (path.equals(BundleFormat.ITEMS)) {
                f.add("lineSha256", lineHashArray);
            }
            listed.add(f);
        });
        byte[] manifest = bytes(Jsons.JSON.createObjectBuilder().add("format", BundleFormat.FORMAT)
                .add("runId", runId).add("reportId", h.reportId()).add("createdAt", now.toString())
                .add("createdBy", CurrentUser.name()).add("software", "Flames Audit " + AppConfig.version())
                .add("node", AppConfig.nodeName()).add("files", listed).build());
        byte[] signature = signing.signDetached(manifest);

        ByteArrayOutputStream zip = new ByteArrayOutputStream(1 << 20);
        try (ZipOutputStream out = new ZipOutputStream(zip, StandardCharsets.UTF_8)) {
            put(out, BundleFormat.MANIFEST, manifest);
            if (signature != null) {
                put(out, BundleFormat.SIGNATURE, signature);
            }
            for (var f : files.entrySet()) {
                put(out, f.getKey(), f.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing the bundle of run " + runId + " failed", e);
        }
        actions.run(Action.BUNDLE_EXPORTED, runId, h.reportId() + " · SHA-256 of the manifest "
                + Sha256.of(manifest) + (signature == null ? " · unsigned" : " · signed"));
        return new Bundle(h.reportId(), zip.toByteArray());
    }

    private static JsonObject runJson(AuditRun run, ReportHeader h) {
        JsonObjectBuilder b = Jsons.JSON.createObjectBuilder()
                .add("runId", run.getId())
                .add("reportId", h.reportId())
                .add("datasetName", h.datasetName())
                .add("datasetVersion", h.datasetVersion())
                .add("datasetSha256", h.datasetSha256())
                .add("datasetPrompts", h.datasetPrompts())
                .add("total", run.getTotal())
                .add("scorer", h.scorerKey())
                .add("scorerVersion", h.scorerVersion())
                .add("blockedPolicy", run.getBlockedPolicy().name())
                .add("configuration", Jsons.parseObject(h.configuration()))
                .add("createdBy", String.valueOf(h.createdBy()))
                .add("createdAt", String.valueOf(h.createdAt()))
                .add("metricsAt", String.valueOf(h.metricsAt()));
        if (run.getName() != null) {
            b.add("name", run.getName());
        }
        if (run.getTicket() != null) {
            b.add("ticket", run.getTicket());
        }
        return b.build();
    }

    private static String fileName(AuditRun run, RenderedReport r, String extension) {
        return "flames-audit-run-" + run.getId() + "-" + r.getReportId() + "." + extension;
    }

    private static byte[] jsonl(java.util.List<JsonObject> lines) {
        StringBuilder sb = new StringBuilder();
        lines.forEach(l -> sb.append(l).append('\n'));
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(JsonObject json) {
        return (json.toString() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void put(ZipOutputStream out, String name, byte[] content) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(0); // no wall-clock time in the zip's own metadata; the manifest says when
        out.putNextEntry(e);
        out.write(content);
        out.closeEntry();
    }
}
