package org.flamesaudit.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.flamesaudit.support.Jsons;
import org.flamesaudit.reporting.RenderedReport;
import org.flamesaudit.reporting.ReportJobs;
import org.flamesaudit.reporting.ReportService;
import org.flamesaudit.reporting.StoredReport;

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

    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR})
    @GET
    @Path("/report.pdf")
    @Produces("application/pdf")
    public Response pdf(@PathParam("id") long id) {
        return ReportDownloads.of(reports.latestOrRender(id, RenderedReport.Format.PDF));
    }

    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR})
    @GET
    @Path("/report.xlsx")
    @Produces("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    public Response xlsx(@PathParam("id") long id) {
        return ReportDownloads.of(reports.latestOrRender(id, RenderedReport.Format.XLSX));
    }

    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR})
    @GET
    @Path("/reports")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject list(@PathParam("id") long id) {
        JsonArrayBuilder items = Jsons.JSON.createArrayBuilder();
        for (StoredReport r : reports.list(id)) {
            items.add(Jsons.JSON.createObjectBuilder().add("id", r.id()).add("format", r.format().name())
                    .add("reportId", r.reportId()).add("sha256", r.sha256()).add("sizeBytes", r.sizeBytes())
                    .add("renderMs", r.renderMs()).add("createdAt", r.createdAt().toString())
                    .add("node", r.node() == null ? "" : r.node()));
        }
        return Jsons.JSON.createObjectBuilder().add("runId", id).add("items", items).build();
    }

    @RolesAllowed(Roles.AUDITOR)
    @POST
    @Path("/reports")
    @Produces(MediaType.APPLICATION_JSON)
    public Response render(@PathParam("id") long id) {
        long execution = jobs.start(id);
        return Response.accepted(Jsons.JSON.createObjectBuilder().add("runId", id).add("jobExecutionId", execution)
                .build()).build();
    }
}
