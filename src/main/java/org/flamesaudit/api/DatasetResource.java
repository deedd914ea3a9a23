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
import jakarta.ws.rs.DefaultValue;
import java.util.List;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import org.flamesaudit.dataset.DatasetImportService;
import org.flamesaudit.dataset.RepeatedPrompts;
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
        JsonFields f = new JsonFields(body, null).allowOnly("name", "source", "sha256", "repeatedPrompts");
        return submitted(importService.submit(f.requiredString("name"), f.requiredString("source"),
                f.optionalString("sha256"), RepeatedPrompts.parse(f.optionalString("repeatedPrompts"),
                        "repeatedPrompts")));
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
                           @QueryParam("sha256") String sha256, @QueryParam("repeatedPrompts") String repeated,
                           InputStream content) {
        return submitted(importService.submitUpload(name, fileName, content, sha256,
                RepeatedPrompts.parse(repeated, "repeatedPrompts")));
    }

    private static Response submitted(DatasetImportService.Submission submission) {
        return Response.status(submission.existing() ? Response.Status.OK : Response.Status.ACCEPTED)
                .entity(new Submitted(submission.id(), submission.existing())).build();
    }

    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.APPROVER})
    @GET
    @Path("/{id}")
    public DatasetDetail get(@PathParam("id") long id) {
        PromptSet set = store.require(id);
        return DatasetDetail.of(set, store.countsByDimension(id), rejectedLines(store.rejected(id, 0, REJECTED_SHOWN)),
                set.getStatus() != PromptSet.Status.READY ? new DatasetStore.Duplicates(0, List.of())
                        : set.getRepeatedPrompts() == RepeatedPrompts.DROP
                        ? new DatasetStore.Duplicates(store.countDroppedRepeats(id), List.of())
                        : store.duplicates(id, 20));
    }

    /** How many rejected lines the dataset view holds; the rest are paged at {@code /rejected}. */
    static final int REJECTED_SHOWN = 100;

    private static List<Rejected> rejectedLines(List<RejectedLine> lines) {
        return lines.stream().map(r -> new Rejected(r.getLineNumber(), r.getReason())).toList();
    }

    /** Every rejected line of a dataset, a page at a time, in line order. */
    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.APPROVER})
    @GET
    @Path("/{id}/rejected")
    public Bodies.Counted<Rejected> rejected(@PathParam("id") long id, @QueryParam("page") @DefaultValue("0") int page,
                                             @QueryParam("size") @DefaultValue("100") int size) {
        store.require(id);
        Paging.check(page, size);
        return new Bodies.Counted<>(store.countRejected(id), rejectedLines(store.rejected(id, page, size)));
    }

    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.APPROVER})
    @GET
    public Bodies.Items<DatasetSummary> list() {
        return new Bodies.Items<>(store.list().stream().map(s -> new DatasetSummary(s.getId(), s.getName(),
                s.getVersion(), s.getSha256(), s.getStatus().name(), s.getPromptCount(),
                org.flamesaudit.dataset.KnownDatasets.isOfficialFlames1k(s.getSha256()),
                s.getCreatedBy() == null ? "" : s.getCreatedBy(), s.getCreatedAt())).toList());
    }

    /** {@code {"id", "existing"}}: the dataset, and whether it was there before (the same file imported again). */
    public record Submitted(long id, boolean existing) {
    }

    /**
     * A dataset in the list; {@code official} is true when its SHA-256 is that of the released Flames-1k file
     * ({@link org.flamesaudit.dataset.KnownDatasets#isOfficialFlames1k}); {@code createdBy} who imported it ("system": the
     * inbox; "" before this was recorded).
     */
    public record DatasetSummary(long id, String name, int version, String sha256, String status, int promptCount,
                                 boolean official, String createdBy, Instant createdAt) {
    }

    /**
     * A dataset with its prompt counts per dimension (in the official order), its first rejected lines and its
     * repeated prompts ({@code importedAt} once imported, {@code error} if its import failed).
     */
    public record DatasetDetail(long id, String name, int version, String sha256, String source, String status,
                                int promptCount, int rejectedCount, Map<String, Long> countsByDimension,
                                List<Rejected> rejected, Duplicates duplicatePrompts, Instant createdAt,
                                Instant importedAt, String error, String repeatedPrompts, boolean official,
                                String createdBy) {

        static DatasetDetail of(PromptSet set, Map<String, Long> counts, List<Rejected> rejected,
                                DatasetStore.Duplicates duplicates) {
            return new DatasetDetail(set.getId(), set.getName(), set.getVersion(), set.getSha256(), set.getSource(),
                    set.getStatus().name(), set.getPromptCount(), set.getRejectedCount(), counts, rejected,
                    Duplicates.of(duplicates, set.getRepeatedPrompts()), set.getCreatedAt(), set.getImportedAt(),
                    set.getError(), set.getRepeatedPrompts().label(),
                    org.flamesaudit.dataset.KnownDatasets.isOfficialFlames1k(set.getSha256()),
                    set.getCreatedBy() == null ? "" : set.getCreatedBy());
        }
    }

    /** A line of the file that was not imported, and why. */
    public record Rejected(int line, String reason) {
    }

    /**
     * Lines whose prompt text an earlier line already has: kept (each is audited; the first groups listed) or, for a
     * set imported with {@code repeatedPrompts: drop}, dropped (each is a rejected line naming the line it repeats).
     */
    public record Duplicates(long repeatedLines, List<Group> groups, boolean kept) {

        static Duplicates of(DatasetStore.Duplicates d, RepeatedPrompts policy) {
            return new Duplicates(d.repeatedLines(), d.groups().stream().map(Group::new).toList(),
                    policy == RepeatedPrompts.KEEP);
        }
    }

    /** The line numbers of one repeated text. */
    public record Group(List<Integer> lines) {
    }
}
