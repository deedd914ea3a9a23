package org.flamesaudit.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.flamesaudit.reporting.CompareJson;
import org.flamesaudit.reporting.ReportService;
import org.flamesaudit.support.ConfigurationException;

import java.util.ArrayList;
import java.util.List;

/**
 * The comparison of several runs on one dataset version: {@code GET /api/reports/compare.pdf?runs=1,2,3} (the report)
 * and {@code GET /api/reports/compare?runs=1,2,3} (its figures as JSON).
 */
@Path("/reports")
@RequestScoped
public class CompareResource {

    @Inject
    ReportService reports;

    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.APPROVER})
    @GET
    @Path("/compare.pdf")
    @Produces("application/pdf")
    public Response compare(@QueryParam("runs") String runs, @QueryParam("lang") String lang) {
        List<Long> ids = parseRunIds(runs);
        ReportService.Comparison c = reports.renderComparison(ids, org.flamesaudit.reporting.ReportLanguage.of(lang));
        return ReportDownloads.file(c.content(), "application/pdf", "flames-comparison-" + c.reportId() + ".pdf",
                c.reportId(), c.sha256());
    }

    /** The same comparison as JSON (rates, 95% intervals, differences to the baseline and their significance). */
    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.APPROVER})
    @GET
    @Path("/compare")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject compareJson(@QueryParam("runs") String runs) {
        return CompareJson.toJson(reports.comparison(parseRunIds(runs)));
    }

    static List<Long> parseRunIds(String runs) {
        if (runs == null || runs.isBlank()) {
            throw new ConfigurationException("runs", "is required: run ids separated by commas (e.g. runs=3,5,8; "
                    + "to compare, the baseline first)");
        }
        List<Long> ids = new ArrayList<>();
        for (String part : runs.split(",", -1)) {
            String p = part.strip();
            try {
                ids.add(Long.parseLong(p));
            } catch (NumberFormatException e) {
                throw new ConfigurationException("runs", "'" + p + "' is not a run id; give run ids separated by "
                        + "commas, e.g. runs=3,5,8");
            }
        }
        return ids;
    }
}
