package org.flamesaudit.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.flamesaudit.bundle.BundleImporter;
import org.flamesaudit.bundle.ImportedBundle;
import org.flamesaudit.support.Jsons;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;

/**
 * Reproduction bundles imported here (issue 23). {@code POST} checks a bundle (every file against its manifest, the
 * manifest's signature, the metrics recomputed from its items) and stores it read-only, or refuses it naming the file
 * and line at fault; {@code GET} lists and shows them.
 */
@Path("/bundles")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class BundleResource {

    @Inject
    BundleImporter importer;

    @POST
    @Consumes(MediaType.WILDCARD) // the zip's bytes, whatever the client calls them
    @RolesAllowed(Roles.AUDITOR)
    public Response importBundle(InputStream body,
                                 @jakarta.ws.rs.QueryParam("acceptUnsigned") @jakarta.ws.rs.DefaultValue("false")
                                 boolean acceptUnsigned) {
        ImportedBundle b = importer.importBundle(body, acceptUnsigned);
        return Response.status(201).entity(Imported.of(b, true)).build();
    }

    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.APPROVER})
    public Bodies.Items<Imported> list() {
        return new Bodies.Items<>(importer.list().stream().map(b -> Imported.of(b, false)).toList());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.APPROVER})
    public Imported get(@PathParam("id") long id) {
        return Imported.of(importer.get(id), true);
    }

    /**
     * An imported bundle: where it came from ({@code sourceRunId}, {@code reportId}), its hashes, who signed its
     * manifest ({@code signer} and the certificate's {@code signerSha256}; absent for an unsigned bundle) and whether
     * that is this server's key or one of {@code FLAMES_TRUSTED_BUNDLE_SIGNERS} ({@code signerTrusted}), how many
     * items it holds, and (in the one-bundle answers) {@code metrics}, recomputed here, which equalled the bundle's
     * own, {@code rescored}, how many verdicts this server's embedded scorer reproduced, and {@code rescoreNote}, why
     * none were compared (another scorer, other heads).
     */
    public record Imported(long id, Instant importedAt, String importedBy, long sourceRunId, String reportId,
                           String manifestSha256, String bundleSha256, String signer, String signerSha256,
                           Boolean signerTrusted, int items,
                           String datasetName, String datasetSha256, String scorer, JsonObject metrics,
                           Integer rescored, String rescoreNote) {

        static Imported of(ImportedBundle b, boolean withMetrics) {
            return new Imported(b.getId(), b.getImportedAt(), b.getImportedBy(), b.getSourceRunId(), b.getReportId(),
                    b.getManifestSha256(), b.getBundleSha256(), b.getSigner(), b.getSignerSha256(),
                    b.getSignerTrusted(), b.getItems(),
                    b.getDatasetName(), b.getDatasetSha256(), b.getScorer(),
                    withMetrics ? Jsons.parseObject(b.getMetricsJson()) : null, b.getRescored(), b.getRescoreNote());
        }
    }
}
