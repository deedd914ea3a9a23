package org.flamesaudit.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.DefaultValue;
import java.util.List;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;
import org.flamesaudit.support.Jsons;
import org.flamesaudit.dataset.DatasetImportService;
import org.flamesaudit.dataset.DatasetStore;
import org.flamesaudit.dataset.PromptSet;
import org.flamesaudit.dataset.RejectedLine;
import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.support.JsonFields;

/** Prompt sets: import (asynchronous, a batch job) and inspection. */
@Path("/datasets")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class DatasetResource {

    @Inject
    DatasetImportService importService;

    @Inject
    DatasetStore store;

    @RolesAllowed(Roles.AUDITOR)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonObject body) {
        if (body == null) {
            throw new ConfigurationException(null, "a JSON body {\"name\", \"source\", \"sha256\"?} is required");
        }
        JsonFields f = new JsonFields(body, null).allowOnly("name", "source", "sha256");
        return submitted(importService.submit(f.requiredString("name"), f.requiredString("source"),
                f.optionalString("sha256")));
    }

    /**
     * Imports the JSONL file sent as the request body (the web console's upload); {@code name} and optional
     * {@code filename} and {@code sha256} come as query parameters. The server's HTTP listener refuses a body over
     * 10 MB (its {@code max-post-size}) before it reaches here; larger files are imported from a path or URL with
     * {@code POST /api/datasets}.
     */
    @RolesAllowed(Roles.AUDITOR)
    @POST
    @Path("/upload")
    @Consumes(MediaType.WILDCARD) // the bytes are the file, whatever type the client names
    public Response upload(@QueryParam("name") String name, @QueryParam("filename") String fileName,
                           @QueryParam("sha256") String sha256, InputStream content) {
        return submitted(importService.submitUpload(name, fileName, content, sha256));
    }

    private static Response submitted(DatasetImportService.Submission submission) {
        JsonObject entity = Jsons.JSON.createObjectBuilder().add("id", submission.id())
                .add("existing", submission.existing()).build();
        return Response.status(submission.existing() ? Response.Status.OK : Response.Status.ACCEPTED)
                .entity(entity).build();
    }

    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR})
    @GET
    @Path("/{id}")
    public JsonObject get(@PathParam("id") long id) {
        PromptSet set = store.require(id);
        JsonObjectBuilder counts = Jsons.JSON.createObjectBuilder();
        store.countsByDimension(id).forEach(counts::add);
        JsonArrayBuilder rejected = rejectedLines(store.rejected(id, 0, REJECTED_SHOWN));
        JsonObjectBuilder b = Jsons.JSON.createObjectBuilder()
                .add("id", set.getId())
                .add("name", set.getName())
                .add("version", set.getVersion())
                .add("sha256", set.getSha256())
                .add("source", set.getSource())
                .add("status", set.getStatus().name())
                .add("promptCount", set.getPromptCount())
                .add("rejectedCount", set.getRejectedCount())
                .add("countsByDimension", counts)
                .add("rejected", rejected)
                .add("duplicatePrompts", duplicates(set.getStatus() == PromptSet.Status.READY
                        ? store.duplicates(id, 20) : new DatasetStore.Duplicates(0, List.of())))
                .add("createdAt", set.getCreatedAt().toString());
        if (set.getImportedAt() != null) {
            b.add("importedAt", set.getImportedAt().toString());
        }
        if (set.getError() != null) {
            b.add("error", set.getError());
        }
        return b.build();
    }

    private static JsonObjectBuilder duplicates(DatasetStore.Duplicates d) {
        JsonArrayBuilder groups = Jsons.JSON.createArrayBuilder();
        d.groups().forEach(lines -> groups.add(Jsons.JSON.createObjectBuilder()
                .add("lines", Jsons.JSON.createArrayBuilder(lines))));
        return Jsons.JSON.createObjectBuilder().add("repeatedLines", d.repeatedLines()).add("groups", groups)
                .add("kept", true);
    }

    /** How many rejected lines the dataset view holds; the rest are paged at {@code /rejected}. */
    static final int REJECTED_SHOWN = 100;

    private static JsonArrayBuilder rejectedLines(java.util.List<RejectedLine> lines) {
        JsonArrayBuilder rejected = Jsons.JSON.createArrayBuilder();
        for (RejectedLine r : lines) {
            rejected.add(Jsons.JSON.createObjectBuilder().add("line", r.getLineNumber()).add("reason", r.getReason()));
        }
        return rejected;
    }

    /** Every rejected line of a dataset, a page at a time, in line order. */
    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR})
    @GET
    @Path("/{id}/rejected")
    public JsonObject rejected(@PathParam("id") long id, @QueryParam("page") @DefaultValue("0") int page,
                               @QueryParam("size") @DefaultValue("100") int size) {
        store.require(id);
        Paging.check(page, size);
        return Jsons.JSON.createObjectBuilder().add("total", store.countRejected(id))
                .add("items", rejectedLines(store.rejected(id, page, size))).build();
    }

    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR})
    @GET
    public JsonObject list() {
        JsonArrayBuilder items = Jsons.JSON.createArrayBuilder();
        for (PromptSet s : store.list()) {
            items.add(Jsons.JSON.createObjectBuilder().add("id", s.getId()).add("name", s.getName())
                    .add("version", s.getVersion()).add("sha256", s.getSha256()).add("status", s.getStatus().name())
                    .add("promptCount", s.getPromptCount()));
        }
        return Jsons.JSON.createObjectBuilder().add("items", items).build();
    }
}
