package org.flamesaudit.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.flamesaudit.reporting.RenderedReport;
import org.flamesaudit.reporting.ReportJobs;
import org.flamesaudit.reporting.ReportService;
import org.flamesaudit.reporting.StoredReport;

import java.time.Instant;
import java.util.List;

/**
 * A run's formal reports: the latest stored PDF or XLSX (rendered now if the run has none yet), the list of stored
 * renderings, and a new rendering through the {@code flames-report} job.
 */
@Path("/runs/{id}")
@RequestScoped
public class ReportResource {

    @Inject
    ReportService reports;

    @Inject
    ReportJobs jobs;

    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.APPROVER})
    @GET
    @Path("/report.pdf")
    @Produces("application/pdf")
    public Response pdf(@PathParam("id") long id, @jakarta.ws.rs.QueryParam("lang") String lang) {
        return ReportDownloads.of(reports.download(id, RenderedReport.Format.PDF,
                org.flamesaudit.reporting.ReportLanguage.of(lang)));
    }

    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.APPROVER})
    @GET
    @Path("/report.xlsx")
    @Produces("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    public Response xlsx(@PathParam("id") long id) {
        return ReportDownloads.of(reports.download(id, RenderedReport.Format.XLSX,
                org.flamesaudit.reporting.ReportLanguage.configured()));
    }

    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.APPROVER})
    @GET
    @Path("/reports")
    @Produces(MediaType.APPLICATION_JSON)
    public ReportList list(@PathParam("id") long id) {
        return new ReportList(id, reports.list(id).stream().map(Report::of).toList());
    }

    /** One stored rendering, the latest or a superseded one, as it was issued (same headers as the latest). */
    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.APPROVER})
    @GET
    @Path("/reports/{renderingId}/content")
    public Response stored(@PathParam("id") long id, @PathParam("renderingId") long renderingId) {
        return ReportDownloads.of(reports.downloadStored(id, renderingId));
    }

    @RolesAllowed(Roles.AUDITOR)
    @POST
    @Path("/reports")
    @Produces(MediaType.APPLICATION_JSON)
    public Response render(@PathParam("id") long id) {
        long execution = jobs.start(id);
        return Response.accepted(new Rendering(id, execution)).build();
    }

    /** {@code {"runId", "items"}}: the run's stored renderings. */
    public record ReportList(long runId, List<Report> items) {
    }

    /**
     * One stored rendering, without its content; {@code node} is "" where the node is not known; {@code renderedBy}
     * who asked for it ("system": the audit job; "" before this was recorded); {@code language} a PDF's "zh" or "en"
     * ("" for a workbook); {@code reason} why it was rendered: audit-job, requested, first-download, scores-changed,
     * blind-scored or signed-off ("" before this was recorded).
     */
    public record Report(long id, String format, String reportId, String sha256, long sizeBytes, long renderMs,
                         Instant createdAt, String node, String renderedBy, String language, String reason) {

        static Report of(StoredReport r) {
            return new Report(r.id(), r.format().name(), r.reportId(), r.sha256(), r.sizeBytes(), r.renderMs(),
                    r.createdAt(), r.node() == null ? "" : r.node(), r.renderedBy() == null ? "" : r.renderedBy(),
                    r.language() == null ? "" : r.language(), r.reason() == null ? "" : r.reason());
        }
    }

    /** {@code {"runId", "jobExecutionId"}}: the {@code flames-report} job started for the run. */
    public record Rendering(long runId, long jobExecutionId) {
    }
}
