package org.flamesaudit.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
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
import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.metrics.BlindAccuracy;
import org.flamesaudit.review.BlindReviews;
import org.flamesaudit.support.JsonFields;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Blind review samples (README, Human review): an auditor draws one, reviewers score its answers without any machine
 * verdict, and the results measure the run's scorers and correct its harmless rate. Only the status, the items (no
 * verdict in them) and the results are read here; the rules are {@link BlindReviews}'.
 */
@Path("/runs/{id}/blind-sample")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class BlindReviewResource {

    @Inject
    BlindReviews blind;

    @Context
    SecurityContext security;

    @POST
    @RolesAllowed(Roles.AUDITOR)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("id") long runId, JsonObject body) {
        JsonObject b = body == null ? JsonObject.EMPTY_JSON_OBJECT : body;
        JsonFields f = new JsonFields(b, null).allowOnly("size", "seed");
        Integer size = f.optionalInt("size", 1, BlindReviews.MAX_SIZE);
        Integer seed = f.optionalInt("seed", 0, Integer.MAX_VALUE);
        BlindReviews.Status s = blind.create(runId, size, seed == null ? null : seed.longValue(),
                security.getUserPrincipal().getName());
        return Response.status(Response.Status.CREATED).entity(StatusBody.of(s)).build();
    }

    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.APPROVER})
    public StatusBody status(@PathParam("id") long runId) {
        return StatusBody.of(blind.status(runId));
    }

    @GET
    @Path("/items")
    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.APPROVER})
    public Bodies.Items<ItemBody> items(@PathParam("id") long runId,
                                                 @QueryParam("open") @DefaultValue("false") boolean open,
                                                 @QueryParam("page") @DefaultValue("0") int page,
                                                 @QueryParam("size") @DefaultValue("50") int size) {
        Paging.check(page, size);
        // a reviewer sees only their own blind scores; auditors and regulators see every one
        String viewer = security.isUserInRole(Roles.AUDITOR) || security.isUserInRole(Roles.REGULATOR) ? null
                : security.getUserPrincipal().getName();
        return new Bodies.Items<>(blind.items(runId, open, page, size, viewer).stream().map(ItemBody::of).toList());
    }

    @POST
    @Path("/items/{itemId}")
    @RolesAllowed(Roles.REVIEWER)
    @Consumes(MediaType.APPLICATION_JSON)
    public ItemBody score(@PathParam("id") long runId, @PathParam("itemId") long itemId, JsonObject body) {
        JsonObject b = body == null ? JsonObject.EMPTY_JSON_OBJECT : body;
        JsonFields f = new JsonFields(b, null).allowOnly("score");
        return ItemBody.of(blind.review(runId, itemId, f.optionalInt("score", 1, 3),
                security.getUserPrincipal().getName()));
    }

    /** A drawn answer as a reviewer sees it (no machine verdict, no line number), with their blind score once given. */
    public record ItemBody(long id, int position, String dimension, String prompt, String answer, Integer humanScore,
                           String reviewedBy, Instant reviewedAt) {

        static ItemBody of(BlindReviews.Item i) {
            return new ItemBody(i.id(), i.position(), i.dimension().label(), i.prompt(), i.answer(), i.humanScore(),
                    i.reviewedBy(), i.reviewedAt());
        }
    }

    /**
     * Not for reviewers: the confusion matrices move by one cell with each blind score, which would tell a reviewer
     * the machine's verdict on the answer they just scored.
     */
    @GET
    @Path("/results")
    @RolesAllowed({Roles.AUDITOR, Roles.REGULATOR})
    public ResultsBody results(@PathParam("id") long runId) {
        return ResultsBody.of(blind.results(runId));
    }

    /** The sample: who drew it, when, with which seed; answers drawn per dimension and scored blind so far. */
    public record StatusBody(long runId, long seed, int size, long reviewed, long population, int recommendedSize,
                             Map<String, Long> drawn, String createdBy, Instant createdAt) {

        static StatusBody of(BlindReviews.Status s) {
            Map<String, Long> drawn = new LinkedHashMap<>();
            s.drawn().forEach((d, n) -> drawn.put(d.label(), n));
            return new StatusBody(s.sample().getRunId(), s.sample().getSeed(), s.sample().getSize(), s.reviewed(),
                    s.population(), s.recommendedSize(), drawn, s.sample().getCreatedBy(), s.sample().getCreatedAt());
        }
    }

    /** Each scorer against the blind scores, and the corrected harmless rates (null before any blind score). */
    public record ResultsBody(StatusBody sample, List<ScorerBody> scorers, CorrectionBody correction) {

        static ResultsBody of(BlindReviews.Results r) {
            return new ResultsBody(StatusBody.of(r.status()), r.scorers().stream().map(ScorerBody::of).toList(),
                    r.correction() == null || r.correction().overall() == null ? null
                            : CorrectionBody.of(r.correction()));
        }
    }

    /** {@code counts}: whether this is the verdict that counts (its errors correct the rates). */
    public record ScorerBody(String scorer, boolean counts, ConfusionBody overall, Map<String, ConfusionBody> dimensions) {

        static ScorerBody of(BlindReviews.ScorerAccuracy a) {
            Map<String, ConfusionBody> dims = new LinkedHashMap<>();
            a.dimensions().forEach((d, c) -> dims.put(d.label(), ConfusionBody.of(c)));
            return new ScorerBody(a.scorer(), a.counts(), ConfusionBody.of(a.overall()), dims);
        }
    }

    /**
     * {@code matrix[h-1][s-1]}: answers the reviewers scored h and the scorer s; sensitivity and specificity for
     * "harmless" (a 3); null where undefined.
     */
    public record ConfusionBody(long compared, long unscorable, List<List<Long>> matrix, BigDecimal sensitivity,
                                BigDecimal specificity, BigDecimal accuracy) {

        static ConfusionBody of(BlindAccuracy.Confusion c) {
            List<List<Long>> m = List.of(List.of(c.matrix()[1][1], c.matrix()[1][2], c.matrix()[1][3]),
                    List.of(c.matrix()[2][1], c.matrix()[2][2], c.matrix()[2][3]),
                    List.of(c.matrix()[3][1], c.matrix()[3][2], c.matrix()[3][3]));
            return new ConfusionBody(c.compared(), c.unscorable(), m, decimal(c.sensitivity()),
                    decimal(c.specificity()), decimal(c.accuracy()));
        }
    }

    /** The raw and the corrected harmless rate with its 95% bootstrap interval, overall and per dimension. */
    public record CorrectionBody(RateBody overall, Map<String, RateBody> dimensions, int bootstrapReplicates) {

        static CorrectionBody of(BlindAccuracy.Correction c) {
            Map<String, RateBody> dims = new LinkedHashMap<>();
            for (Dimension d : Dimension.values()) {
                if (c.dimensions().containsKey(d)) {
                    dims.put(d.label(), RateBody.of(c.dimensions().get(d)));
                }
            }
            return new CorrectionBody(RateBody.of(c.overall()), dims, BlindAccuracy.BOOTSTRAP);
        }
    }

    public record RateBody(BigDecimal raw, BigDecimal corrected, BigDecimal low, BigDecimal high,
                           int undefinedReplicates) {

        static RateBody of(BlindAccuracy.Corrected c) {
            return new RateBody(decimal(c.raw()), decimal(c.corrected()), decimal(c.low()), decimal(c.high()),
                    c.undefinedReplicates());
        }
    }

    private static BigDecimal decimal(double d) {
        return Double.isNaN(d) ? null : BigDecimal.valueOf(d);
    }
}
