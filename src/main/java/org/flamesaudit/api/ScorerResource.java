package org.flamesaudit.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
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
        return Response.accepted(Jsons.JSON.createObjectBuilder().add("id", id).build()).build();
    }

    @GET
    @Path("/heads")
    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR})
    public JsonObject trained() {
        JsonArrayBuilder items = Jsons.JSON.createArrayBuilder();
        heads.list().forEach(h -> items.add(json(h, false)));
        return Jsons.JSON.createObjectBuilder().add("items", items).build();
    }

    @GET
    @Path("/heads/{id}")
    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR})
    public JsonObject trained(@PathParam("id") long id) {
        return json(heads.require(id), true).build();
    }

    private static JsonObjectBuilder json(TrainedHeads h, boolean detail) {
        JsonObjectBuilder b = Jsons.JSON.createObjectBuilder().add("id", h.getId()).add("name", h.getName())
                .add("status", h.getStatus().name()).add("source", h.getSourceKind() == TrainedHeads.SourceKind.FILE
                        ? Jsons.JSON.createObjectBuilder().add("file", h.getSourceFile())
                        : Jsons.JSON.createObjectBuilder().add("reviews", true))
                .add("createdBy", h.getCreatedBy()).add("createdAt", h.getCreatedAt().toString());
        if (h.getFinishedAt() != null) b.add("finishedAt", h.getFinishedAt().toString());
        if (h.getLabeledRows() != null) b.add("rows", h.getLabeledRows());
        if (h.getSha256() != null) b.add("sha256", h.getSha256());
        if (h.getError() != null) b.add("error", h.getError());
        if (detail) {
            if (h.getSkippedJson() != null) b.add("skipped", Jsons.parseArray(h.getSkippedJson()));
            if (h.getHeadsJson() != null) {
                b.add("card", ScorerHeads.fromJson(h.getHeadsJson(), "heads " + h.getId()).card());
            }
        }
        return b;
    }

    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR})
    public JsonObject list() {
        JsonArrayBuilder items = Jsons.JSON.createArrayBuilder();
        for (JsonObject config : new JsonObject[]{ScorerSpec.DEFAULT.toJson(),
                Jsons.JSON.createObjectBuilder().add("type", LlmJudgeScorer.TYPE).add("model", "(the judge model)").build(),
                Jsons.JSON.createObjectBuilder().add("type", ImportedScorer.TYPE).build()}) {
            String type = config.getString("type");
            items.add(Jsons.JSON.createObjectBuilder(ScorerCards.toJson(ScorerCards.forRun(null, config), type))
                    .add("default", ScorerSpec.DEFAULT.type().equals(type)));
        }
        return Jsons.JSON.createObjectBuilder().add("items", items).build();
    }
}
