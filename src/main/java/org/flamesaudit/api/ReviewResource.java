package org.flamesaudit.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
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
import org.flamesaudit.review.ReviewService;
import org.flamesaudit.review.ScoreReview;
import org.flamesaudit.support.ConfigurationException;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

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
        return Response.status(Response.Status.CREATED).entity(AuditLogResource.ReviewBody.of(r)).build();
    }

    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.APPROVER})
    @Path("/runs/{id}/items/{promptId}/reviews")
    public Bodies.Items<AuditLogResource.ReviewBody> history(@PathParam("id") long runId,
                                                             @PathParam("promptId") long promptId) {
        return new Bodies.Items<>(reviews.history(runId, promptId).stream().map(AuditLogResource.ReviewBody::of)
                .toList());
    }

    @Inject
    org.flamesaudit.audit.RunQueries queries;

    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.APPROVER})
    @Path("/runs/{id}/review-queue")
    public Bodies.Counted<QueueEntry> queue(@PathParam("id") long runId,
                                            @QueryParam("page") @DefaultValue("0") int page,
                                            @QueryParam("size") @DefaultValue("50") int size) {
        Paging.check(page, size);
        ReviewService.Queue q = reviews.queue(runId, page, size);
        var verdicts = queries.verdicts(runId, q.items().stream().map(ReviewService.QueueItem::promptId).toList());
        return new Bodies.Counted<>(q.total(), q.items().stream().map(i -> QueueEntry.of(i,
                verdicts.get(i.promptId()))).toList());
    }

    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.APPROVER})
    @Path("/runs/{id}/agreement")
    public AgreementBody agreement(@PathParam("id") long runId) {
        Map<String, AgreementEntry> byKey = new LinkedHashMap<>();
        reviews.agreement(runId).forEach((k, a) -> byKey.put(k, AgreementEntry.of(a)));
        return new AgreementBody(runId, byKey);
    }

    /**
     * An answer waiting for a reviewer, with what the scorer that counts said; for a run with several scorers, each
     * scorer's verdict ({@code verdicts}) and whether they disagree (those come first).
     */
    public record QueueEntry(long promptId, int line, String dimension, String prompt, String machineStatus,
                             String subcomponent, String response, Integer machineScore, String rationale,
                             Boolean scorersDisagree, java.util.List<org.flamesaudit.audit.RunQueries.Verdict> verdicts) {

        static QueueEntry of(ReviewService.QueueItem i, java.util.List<org.flamesaudit.audit.RunQueries.Verdict> all) {
            return new QueueEntry(i.promptId(), i.line(), i.dimension().label(), i.prompt(), i.machineStatus(),
                    i.subcomponent(), i.answer(), i.machineScore(), i.rationale(),
                    all == null ? null : i.scorersDisagree(), all);
        }
    }

    /** The run's agreement between scorer and reviewers, per dimension and over all. */
    public record AgreementBody(long runId, Map<String, AgreementEntry> agreement) {
    }

    /**
     * {@code n} reviewed answers; {@code accuracy} and {@code kappa} left out where undefined (NaN). Decimals, not
     * doubles: JSON-P wrote {@code BigDecimal.valueOf(d)} ({@code 0.00050}), JSON-B writes a double as
     * {@code Double.toString} ({@code 5.0E-4}); a BigDecimal keeps the text the clients have always had.
     */
    public record AgreementEntry(long n, BigDecimal accuracy, BigDecimal kappa) {

        static AgreementEntry of(org.flamesaudit.scoring.Agreement a) {
            return new AgreementEntry(a.n(), decimal(a.accuracy()), decimal(a.kappa()));
        }

        private static BigDecimal decimal(double d) {
            return Double.isNaN(d) ? null : BigDecimal.valueOf(d);
        }
    }
}
