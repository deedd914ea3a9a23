package org.flamesaudit.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.flamesaudit.bundle.BundleExporter;
import org.flamesaudit.support.Sha256;

/**
 * A completed run's reproduction bundle (issue 23): a zip of its run facts, every answer with its outcome, verdict
 * and review, its metrics and its current reports, with a manifest of SHA-256 hashes signed with the organisation's
 * key ({@code bundle.BundleFormat}). {@code POST /api/bundles} on any Flames Audit checks and imports it.
 */
@Path("/runs/{id}/bundle")
@RequestScoped
public class RunBundleResource {

    @Inject
    BundleExporter exporter;

    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.APPROVER})
    public Response bundle(@PathParam("id") long id) {
        BundleExporter.Bundle b = exporter.export(id);
        return ReportDownloads.file(b.zip(), "application/zip", "flames-audit-run-" + id + "-" + b.reportId()
                + "-bundle.zip", b.reportId(), Sha256.of(b.zip()));
    }
}
