package org.flamesaudit.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.flamesaudit.assessment.AssessmentJson;
import org.flamesaudit.assessment.AssessmentReport;
import org.flamesaudit.assessment.AssessmentService;
import org.flamesaudit.reporting.AssessmentRendering;
import org.flamesaudit.reporting.ReportLanguage;
import org.flamesaudit.support.Sha256;

/**
 * The assessment of one service against TC260-003 / GB/T 45654-2025 from completed runs of it (one per question bank):
 * {@code GET /api/assessments/tc260?runs=1,2,3} (figures as JSON), {@code .../tc260.pdf} (the signed self-assessment,
 * {@code ?lang=zh|en}) and {@code .../tc260.xlsx} (the filing workbook, every question with its risk, answer and
 * verdict).
 */
@Path("/assessments")
@RequestScoped
public class AssessmentResource {

    @Inject
    AssessmentService assessments;

    @Inject
    AssessmentRendering rendering;

    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.APPROVER})
    @GET
    @Path("/tc260")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject tc260(@QueryParam("runs") String runs) {
        return AssessmentJson.toJson(assessments.assess(CompareResource.parseRunIds(runs)));
    }

    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.APPROVER})
    @GET
    @Path("/tc260.pdf")
    @Produces("application/pdf")
    public Response pdf(@QueryParam("runs") String runs, @QueryParam("lang") String lang) {
        AssessmentReport r = assessments.assess(CompareResource.parseRunIds(runs));
        byte[] content = rendering.pdf(r, ReportLanguage.of(lang));
        return ReportDownloads.file(content, "application/pdf", "flames-tc260-" + r.id() + ".pdf", r.id(),
                Sha256.of(content));
    }

    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.APPROVER})
    @GET
    @Path("/tc260.xlsx")
    @Produces("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    public Response workbook(@QueryParam("runs") String runs) {
        AssessmentReport r = assessments.assess(CompareResource.parseRunIds(runs));
        byte[] content = rendering.workbook(r);
        return ReportDownloads.file(content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "flames-tc260-" + r.id() + ".xlsx", r.id(), Sha256.of(content));
    }
}
