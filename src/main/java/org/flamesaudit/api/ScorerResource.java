package org.flamesaudit.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.flamesaudit.scoring.ScorerCards;
import org.flamesaudit.scoring.ScorerSpec;
import org.flamesaudit.scoring.djl.ScorerHeads;
import org.flamesaudit.scoring.training.HeadsTrainingService;
import org.flamesaudit.scoring.training.TrainedHeads;
import org.flamesaudit.scoring.training.TrainedHeadsStore;
import org.flamesaudit.support.Jsons;
import org.flamesaudit.scoring.imported.ImportedScorer;
import org.flamesaudit.scoring.judge.LlmJudgeScorer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Every scorer type this server offers, with its card (what it is, whether official, its measured agreement), and
 * the embedded scorer's heads trained by the scorer-train job.
 */
@Path("/scorers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ScorerResource {

    @Inject
    HeadsTrainingService training;

    @Inject
    TrainedHeadsStore heads;

    @Context
    SecurityContext security;

    /** Trains heads for the embedded scorer: {"name", "source": {"file": path} | {"reviews": true}} -> 202 {id}. */
    @POST
    @Path("/heads")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.AUDITOR)
    public Response train(JsonObject body) {
        long id = training.start(body, security.getUserPrincipal().getName());
        return Response.accepted(new Bodies.Id(id)).build();
    }

    @GET
    @Path("/heads")
    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.APPROVER})
    public Bodies.Items<HeadsBody> trained() {
        return new Bodies.Items<>(heads.list().stream().map(h -> HeadsBody.of(h, false)).toList());
    }

    @GET
    @Path("/heads/{id}")
    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.APPROVER})
    public HeadsBody trained(@PathParam("id") long id) {
        return HeadsBody.of(heads.require(id), true);
    }

    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.APPROVER})
    public Bodies.Items<JsonObject> list() {
        List<JsonObject> items = new ArrayList<>();
        for (JsonObject config : new JsonObject[]{ScorerSpec.DEFAULT.toJson(),
                Jsons.JSON.createObjectBuilder().add("type", LlmJudgeScorer.TYPE).add("model", "(the judge model)").build(),
                Jsons.JSON.createObjectBuilder().add("type", ImportedScorer.TYPE).build()}) {
            String type = config.getString("type");
            // each item stays JSON-P: the scorer's card (ScorerCards, shared with the metrics and the reports) with
            // "default" added at its top level, which a record cannot express without restating the card's fields
            items.add(Jsons.JSON.createObjectBuilder(ScorerCards.toJson(ScorerCards.forRun(null, config), type))
                    .add("default", ScorerSpec.DEFAULT.type().equals(type)).build());
        }
        return new Bodies.Items<>(items);
    }

    /**
     * Trained heads: where their labels came from ({@code source}), and once trained their row count, SHA-256 or
     * error; the detail adds the lines skipped ({@code skipped}) and the heads' card.
     */
    public record HeadsBody(long id, String name, String status, Source source, String createdBy, Instant createdAt,
                            Instant finishedAt, Integer rows, String sha256, String error, JsonArray skipped,
                            JsonObject card) {

        static HeadsBody of(TrainedHeads h, boolean detail) {
            Source source = h.getSourceKind() == TrainedHeads.SourceKind.FILE ? new Source(h.getSourceFile(), null)
                    : new Source(null, true);
            JsonArray skipped = detail && h.getSkippedJson() != null ? Jsons.parseArray(h.getSkippedJson()) : null;
            JsonObject card = detail && h.getHeadsJson() != null
                    ? ScorerHeads.fromJson(h.getHeadsJson(), "heads " + h.getId()).card() : null;
            return new HeadsBody(h.getId(), h.getName(), h.getStatus().name(), source, h.getCreatedBy(),
                    h.getCreatedAt(), h.getFinishedAt(), h.getLabeledRows(), h.getSha256(), h.getError(), skipped,
                    card);
        }
    }

    /** {@code {"file": path}} or {@code {"reviews": true}}. */
    public record Source(String file, Boolean reviews) {
    }
}
