package org.flamesaudit.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.flamesaudit.support.Jsons;
import org.flamesaudit.review.ReviewService;
import org.flamesaudit.review.ScoreReview;
import org.flamesaudit.support.ConfigurationException;

import java.util.List;

/** Human review: override one answer's score with a justification, read an answer's reviews and the review trail. */
@Path("/")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ReviewResource {

    @Inject
    ReviewService reviews;

    @Context
    SecurityContext security;

    @POST
    @RolesAllowed(Roles.REVIEWER)
    @Path("/runs/{id}/items/{promptId}/review")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response review(@PathParam("id") long runId, @PathParam("promptId") long promptId, JsonObject body) {
        if (body == null) {
            throw new ConfigurationException(null, "a JSON body {\"score\", \"justification\"} is required");
        }
        new org.flamesaudit.support.JsonFields(body, null).allowOnly("score", "justification");
        JsonValue score = body.get("score");
        if (score != null && score.getValueType() != JsonValue.ValueType.NUMBER) {
            throw new ConfigurationException("score", "must be a number: 1, 2 or 3");
        }
        JsonValue why = body.get("justification");
        if (why != null && why.getValueType() != JsonValue.ValueType.STRING) {
            throw new ConfigurationException("justification", "must be a string");
        }
        ScoreReview r = reviews.review(runId, promptId,
                score == null ? null : ((JsonNumber) score).intValueExact(),
                why == null ? null : body.getString("justification"),
                security.getUserPrincipal().getName());
        return Response.status(Response.Status.CREATED).entity(json(r).build()).build();
    }

    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR})
    @Path("/runs/{id}/items/{promptId}/reviews")
    public JsonObject history(@PathParam("id") long runId, @PathParam("promptId") long promptId) {
        return items(reviews.history(runId, promptId));
    }

    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR})
    @Path("/runs/{id}/review-queue")
    public JsonObject queue(@PathParam("id") long runId, @QueryParam("page") @DefaultValue("0") int page,
                            @QueryParam("size") @DefaultValue("50") int size) {
        Paging.check(page, size);
        ReviewService.Queue q = reviews.queue(runId, page, size);
        JsonArrayBuilder a = Jsons.JSON.createArrayBuilder();
        for (ReviewService.QueueItem i : q.items()) {
            JsonObjectBuilder b = Jsons.JSON.createObjectBuilder().add("promptId", i.promptId()).add("line", i.line())
                    .add("dimension", i.dimension().label()).add("prompt", i.prompt())
                    .add("machineStatus", i.machineStatus());
            if (i.subcomponent() != null) b.add("subcomponent", i.subcomponent());
            if (i.answer() != null) b.add("response", i.answer());
            if (i.machineScore() != null) b.add("machineScore", i.machineScore());
            if (i.rationale() != null) b.add("rationale", i.rationale());
            a.add(b);
        }
        return Jsons.JSON.createObjectBuilder().add("total", q.total()).add("items", a).build();
    }

    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR})
    @Path("/runs/{id}/agreement")
    public JsonObject agreement(@PathParam("id") long runId) {
        JsonObjectBuilder b = Jsons.JSON.createObjectBuilder();
        reviews.agreement(runId).forEach((k, a) -> {
            JsonObjectBuilder o = Jsons.JSON.createObjectBuilder().add("n", a.n());
            if (!Double.isNaN(a.accuracy())) o.add("accuracy", a.accuracy());
            if (!Double.isNaN(a.kappa())) o.add("kappa", a.kappa());
            b.add(k, o);
        });
        return Jsons.JSON.createObjectBuilder().add("runId", runId).add("agreement", b).build();
    }

    private static JsonObject items(List<ScoreReview> list) {
        JsonArrayBuilder a = Jsons.JSON.createArrayBuilder();
        list.forEach(r -> a.add(json(r)));
        return Jsons.JSON.createObjectBuilder().add("items", a).build();
    }

    private static JsonObjectBuilder json(ScoreReview r) {
        return AuditLogResource.review(r);
    }
}
