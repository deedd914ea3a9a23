package org.flamesaudit.reporting;

import org.flamesaudit.support.CurrentUser;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.flamesaudit.run.AuditRun;
import org.flamesaudit.run.RunStore;
import org.flamesaudit.metrics.FlamesMetrics;
import org.flamesaudit.metrics.RunMetricsService;
import org.flamesaudit.support.Sha256;
import org.jboss.logging.Logger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Renders a run's PDF and XLSX reports and keeps every rendering with its SHA-256. The report job calls it after
 * aggregation; the API calls it on demand when a run has no stored report yet. Every method runs in one transaction
 * (the loader streams items over a database cursor, which must stay open while the workbook is written).
 */
@ApplicationScoped
@Transactional
public class ReportService {

    private static final ReportingLogger LOG = Logger.getMessageLogger(MethodHandles.lookup(), ReportingLogger.class,
            ReportService.class.getName());

    @PersistenceContext(unitName = "flames")
    EntityManager em;

    @Inject
    ReportDataLoader loader;

    @Inject
    org.flamesaudit.auditchain.AuditChain chain;

    @Inject
    RunStore runs;

    @Inject
    RunMetricsService metrics;

    @Inject
    org.flamesaudit.actionlog.ActionLog actions;

    @Inject
    ReportSigning signing;

    /** Lays out the PDF while the workbook is written ({@link #renderAll}). */
    @jakarta.annotation.Resource
    jakarta.enterprise.concurrent.ManagedExecutorService executor;

    /** Why no formal report of the run may be issued now ({@link org.flamesaudit.run.Completion}), or null. */
    public String withheld(long runId) {
        AuditRun run = runs.require(runId);
        return run.completionWithheld() ? run.getWithheldReason() : null;
    }

    private static void refuseWithheld(AuditRun run) {
        if (run.completionWithheld()) {
            throw new org.flamesaudit.support.ConflictException("run " + run.getId() + " has no formal report: "
                    + run.getWithheldReason());
        }
    }

    /**
     * Renders both formats from one reading of the run's metrics and stores them; returns them, PDF first. The PDF is
     * laid out on another thread from data read beforehand while this one streams the workbook's items from the
     * database (the cursor must stay in this transaction), so the two renderings overlap (issue 20: reports off the
     * audit's critical path).
     */
    public List<RenderedReport> renderAll(long runId, RenderReason reason) {
        return renderAll(runId, reason, CurrentUser.name());
    }

    /**
     * {@link #renderAll(long, RenderReason)} for {@code renderedBy}: the user who asked for it when a job renders on
     * their behalf (the job itself runs as "system").
     */
    public List<RenderedReport> renderAll(long runId, RenderReason reason, String renderedBy) {
        refuseWithheld(runs.lock(runId)); // a download rendering the same report waits, then finds this one
        AuditRun run = runs.requireAggregated(runId, "its reports can be rendered");
        FlamesMetrics.Result m = metrics.compute(runId);
        Instant now = Instant.now();
        ReportHeader header = loader.header(run, m, now, renderedBy).withAuditLog(chain.head());
        AuditReportData pdfData = loader.auditReport(run, m, header);
        ReportLanguage language = ReportLanguage.configured();
        long pdfStart = System.nanoTime();
        java.util.concurrent.Future<byte[]> pdf = executor.submit(() -> pdfBytes(pdfData, language));
        long xlsxStart = System.nanoTime();
        byte[] xlsx = xlsxBytes(run, m, header, pdfData.blind());
        long xlsxMs = (System.nanoTime() - xlsxStart) / 1_000_000;
        byte[] pdfContent;
        try {
            pdfContent = pdf.get();
        } catch (InterruptedException e) {
            pdf.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the PDF of run " + runId + " was rendered", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("rendering the PDF of run " + runId + " failed: " + e.getCause(),
                    e.getCause());
        }
        pdfContent = signing.sign(pdfContent, header.reportId()); // PAdES: the stored SHA-256 is of the signed file
        long pdfMs = (System.nanoTime() - pdfStart) / 1_000_000;
        return List.of(store(run, RenderedReport.Format.PDF, header, pdfContent, pdfMs, now, language, reason),
                store(run, RenderedReport.Format.XLSX, header, xlsx, xlsxMs, now, null, reason));
    }

    /**
     * The report id the run's data gives now (the run, its dataset, scorer versions, metrics, reviews and blind
     * scores): what a new rendering would carry, and the report a sign-off must name.
     */
    public String currentReportId(long runId) {
        AuditRun run = runs.requireAggregated(runId, "its report can be signed off");
        refuseWithheld(run);
        return loader.header(run, metrics.compute(runId), Instant.now(), CurrentUser.name()).reportId();
    }

    /** Renders one format of a run's report now (a PDF in {@code language}) and stores it; needs aggregated metrics. */
    public RenderedReport render(long runId, RenderedReport.Format format, ReportLanguage language,
                                 RenderReason reason) {
        AuditRun run = runs.requireAggregated(runId, "its reports can be rendered");
        FlamesMetrics.Result m = metrics.compute(runId);
        long start = System.nanoTime();
        Instant now = Instant.now();
        ReportHeader header = loader.header(run, m, now, CurrentUser.name()).withAuditLog(chain.head());
        boolean pdf = format == RenderedReport.Format.PDF;
        byte[] content = pdf ? signing.sign(pdfBytes(loader.auditReport(run, m, header), language), header.reportId())
                : xlsxBytes(run, m, header, loader.blind(runId));
        return store(run, format, header, content, (System.nanoTime() - start) / 1_000_000, now,
                pdf ? language : null, reason);
    }

    private static byte[] pdfBytes(AuditReportData data, ReportLanguage language) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        AuditReportPdf.render(data, language, out);
        return out.toByteArray();
    }

    private byte[] xlsxBytes(AuditRun run, FlamesMetrics.Result m, ReportHeader header,
                             org.flamesaudit.review.BlindReviews.Results blind) {
        long runId = run.getId();
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        try (Stream<ReportItem> items = loader.items(runId)) {
            XlsxReportWriter.write(header, loader.cardOf(run), m, items.iterator(), loader.reviews(runId),
                    loader.scorerVerdicts(runId), blind, out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the workbook of run " + runId + " failed", e);
        }
        return out.toByteArray();
    }

    private RenderedReport store(AuditRun run, RenderedReport.Format format, ReportHeader header, byte[] content,
                                 long ms, Instant now, ReportLanguage language, RenderReason reason) {
        long runId = run.getId();
        RenderedReport report = new RenderedReport(runId, format, header.reportId(), Sha256.of(content), content, ms,
                now, org.flamesaudit.support.AppConfig.nodeName())
                .by(header.renderedBy(), language == null ? null : language.code())
                .anchoredAt(header.auditLog()).because(reason);
        em.persist(report);
        actions.report(org.flamesaudit.actionlog.Action.REPORT_RENDERED, runId, report.getId(), format
                + (language == null ? "" : " " + language.code()) + " · " + reason.code() + " · " + header.reportId()
                + " · SHA-256 "
                + report.getSha256());
        LOG.reportRendered(runId, format, header.reportId(), content.length, ms, report.getSha256());
        return report;
    }

    /** A comparison report: rendered on demand from the runs' current metrics, not stored. */
    public record Comparison(String reportId, String sha256, byte[] content) {
    }

    /** What a comparison of these runs (the first is the baseline) shows, without rendering it. */
    public CompareReportData comparison(List<Long> runIds) {
        return loader.compareReport(runIds, Instant.now());
    }

    /** Renders the comparison report of these runs (the first is the baseline) in a language. */
    public Comparison renderComparison(List<Long> runIds, ReportLanguage language) {
        long start = System.nanoTime();
        CompareReportData data = comparison(runIds);
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        CompareReportPdf.render(data, language, out);
        byte[] content = out.toByteArray();
        LOG.comparisonRendered(data.reportId(), runIds, content.length, (System.nanoTime() - start) / 1_000_000);
        return new Comparison(data.reportId(), Sha256.of(content), content);
    }

    /**
     * The latest stored rendering of a run's report in this format (a PDF: in this language; a workbook has one
     * language, its labels bilingual), if any.
     */
    public Optional<RenderedReport> latest(long runId, RenderedReport.Format format, ReportLanguage language) {
        boolean pdf = format == RenderedReport.Format.PDF;
        var query = em.createQuery("select r from RenderedReport r where r.runId = :run and r.format = :f "
                        + (pdf ? "and r.language = :lang " : "") + "order by r.id desc", RenderedReport.class)
                .setParameter("run", runId).setParameter("f", format);
        if (pdf) {
            query.setParameter("lang", language.code());
        }
        return query.setMaxResults(1).getResultStream().findFirst().map(r -> {
                    r.getContent(); // load the lazy content inside the transaction
                    return r;
                });
    }

    /**
     * The latest stored rendering, or a new one rendered now when there is none or when the run's metrics changed
     * after it was rendered (a reviewer overrode a score), or a blind score was given since (the report shows what
     * the blind sample measured). One rendering per report id: the run's row is locked first, so concurrent requests
     * (on any node) wait for the one rendering in progress and then get it.
     */
    public RenderedReport latestOrRender(long runId, RenderedReport.Format format, ReportLanguage language) {
        AuditRun run = runs.lock(runId);
        refuseWithheld(run);
        Instant blindScored = loader.lastBlindScore(runId);
        Optional<RenderedReport> latest = latest(runId, format, language);
        if (latest.isEmpty()) {
            return render(runId, format, language, RenderReason.FIRST_DOWNLOAD);
        }
        Instant renderedAt = latest.get().getCreatedAt();
        if (run.getMetricsAt() != null && renderedAt.isBefore(run.getMetricsAt())) {
            return render(runId, format, language, RenderReason.SCORES_CHANGED);
        }
        if (blindScored != null && renderedAt.isBefore(blindScored)) {
            return render(runId, format, language, RenderReason.BLIND_SCORED);
        }
        return latest.get();
    }

    /**
     * A download of the run's current report ({@link #latestOrRender}), recorded in the audit log with the user.
     *
     * @param language the PDF's language; ignored for the workbook
     */
    public RenderedReport download(long runId, RenderedReport.Format format, ReportLanguage language) {
        RenderedReport r = latestOrRender(runId, format, language);
        actions.report(org.flamesaudit.actionlog.Action.REPORT_DOWNLOADED, runId, r.getId(), format
                + (r.getLanguage() == null ? "" : " " + r.getLanguage()) + " · " + r.getReportId());
        return r;
    }

    /** A download of one stored rendering ({@link #stored}), recorded in the audit log with the user. */
    public RenderedReport downloadStored(long runId, long renderingId) {
        RenderedReport r = stored(runId, renderingId);
        actions.report(org.flamesaudit.actionlog.Action.REPORT_DOWNLOADED, runId, r.getId(), r.getFormat()
                + (r.getLanguage() == null ? "" : " " + r.getLanguage()) + " · " + r.getReportId()
                + " · stored rendering " + renderingId);
        return r;
    }

    /** Every stored rendering of a run (metadata only), newest first. */
    public List<StoredReport> list(long runId) {
        runs.require(runId);
        return em.createQuery("select new org.flamesaudit.reporting.StoredReport(r.id, r.format, r.reportId, "
                        + "r.sha256, r.sizeBytes, r.renderMs, r.createdAt, r.nodeName, r.renderedBy, r.language, "
                        + "r.reason) "
                        + "from RenderedReport r where r.runId = :run order by r.id desc", StoredReport.class)
                .setParameter("run", runId).getResultList();
    }

    /**
     * One stored rendering of the run's report, the latest or a superseded one, with its content.
     *
     * @throws org.flamesaudit.support.NotFoundException when the run has no rendering with that id
     */
    public RenderedReport stored(long runId, long renderingId) {
        runs.require(runId);
        RenderedReport r = em.find(RenderedReport.class, renderingId);
        if (r == null || r.getRunId() != runId) {
            throw new org.flamesaudit.support.NotFoundException("run " + runId + " has no stored report " + renderingId
                    + "; GET /api/runs/" + runId + "/reports lists them");
        }
        r.getContent();
        return r;
    }

    /**
     * What was issued with this SHA-256 (hex, any case): every stored rendering with exactly these bytes, each with
     * whether it is still the latest of its run and format (a later rendering supersedes it). Empty: not a report
     * this server issued, or a changed copy of one.
     */
    public List<Verified> verify(String sha256) {
        String hex = sha256 == null ? "" : sha256.strip().toLowerCase(java.util.Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new org.flamesaudit.support.ConfigurationException("sha256", "must be the 64 hexadecimal digits of a "
                    + "SHA-256 (sha256sum report.pdf)");
        }
        return em.createQuery("select r from RenderedReport r where r.sha256 = :h order by r.id", RenderedReport.class)
                .setParameter("h", hex).getResultStream().map(r -> {
                    Long latest = em.createQuery("select max(x.id) from RenderedReport x where x.runId = :run "
                                    + "and x.format = :f", Long.class).setParameter("run", r.getRunId())
                            .setParameter("f", r.getFormat()).getSingleResult();
                    return new Verified(r.getRunId(), r.getId(), r.getFormat(), r.getReportId(), r.getCreatedAt(),
                            latest != null && latest == r.getId().longValue(), r.getChainSeq() == null ? null
                            : r.getChainSeq() + ":" + r.getChainHash());
                }).toList();
    }

    /**
     * A stored rendering whose bytes match: its run, rendering, format, report id, time, whether it is current, and
     * the audit-log anchor it printed ({@code <entry>:<sha256>}, null for renderings before the chain existed).
     */
    public record Verified(long runId, long renderingId, RenderedReport.Format format, String reportId,
                           Instant createdAt, boolean current, String auditLogAnchor) {
    }
}
