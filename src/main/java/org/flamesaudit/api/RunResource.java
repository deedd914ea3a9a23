package org.flamesaudit.api;

import org.flamesaudit.support.Jsons;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.flamesaudit.run.AuditRun;
import org.flamesaudit.audit.RunQueries;
import org.flamesaudit.generation.ItemOutcome;
import org.flamesaudit.audit.RunService;
import org.flamesaudit.run.RunStore;
import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.metrics.MetricsJson;
import org.flamesaudit.metrics.RunMetricsService;
import org.flamesaudit.support.ConfigurationException;

import java.util.List;
import java.util.Set;

/** Audit runs: submit, follow, stop, restart, and read metrics and items. */
@Path("/runs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {

    private static final Set<String> SCORE_FILTERS = Set.of("1", "2", "3", "unscorable", "failed", "unscored");

    @Inject
    org.flamesaudit.scoring.training.TrainedHeadsStore trainedHeads;

    @Inject
    RunService service;

    @Inject
    RunStore runs;

    @Inject
    RunQueries queries;

    @Inject
    RunMetricsService metrics;

    @RolesAllowed(Roles.AUDITOR)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(JsonObject body) {
        if (body == null) {
            throw new ConfigurationException(null, "a JSON body is required");
        }
        long id = service.submit(body);
        return Response.accepted(Jsons.JSON.createObjectBuilder().add("id", id).build()).build();
    }

    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR})
    @GET
    public JsonObject list() {
        JsonArrayBuilder items = Jsons.JSON.createArrayBuilder();
        List<AuditRun> all = runs.list();
        // active runs carry their progress, so a client watching the list needs no request per run
        var progress = queries.progress(all.stream().filter(r -> r.getStatus().isActive()).toList());
        for (AuditRun run : all) {
            JsonObjectBuilder b = Jsons.JSON.createObjectBuilder().add("id", run.getId())
                    .add("datasetId", run.getPromptSet().getId()).add("status", run.getStatus().name())
                    .add("target", Jsons.parseObject(run.getTargetConfig())).add("scorerKey", run.getScorerKey())
                    .add("total", run.getTotal()).add("createdAt", run.getCreatedAt().toString());
            if (run.getFinishedAt() != null) b.add("finishedAt", run.getFinishedAt().toString());
            RunQueries.Progress p = progress.get(run.getId());
            if (p != null) b.add("progress", progressJson(p));
            items.add(b);
        }
        return Jsons.JSON.createObjectBuilder().add("items", items).build();
    }

    private static JsonObjectBuilder progressJson(RunQueries.Progress p) {
        JsonObjectBuilder outcomes = Jsons.JSON.createObjectBuilder();
        for (ItemOutcome o : ItemOutcome.values()) {
            outcomes.add(o.name(), p.outcomes().getOrDefault(o, 0L));
        }
        return Jsons.JSON.createObjectBuilder().add("total", p.total()).add("generated", p.generated())
                .add("scored", p.scored()).add("unscorable", p.unscorable()).add("failed", p.failed())
                .add("outcomes", outcomes);
    }

    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR})
    @GET
    @Path("/{id}")
    public JsonObject get(@PathParam("id") long id) {
        AuditRun run = runs.require(id);
        RunQueries.Progress p = queries.progress(run);
        JsonObjectBuilder b = Jsons.JSON.createObjectBuilder()
                .add("id", run.getId())
                .add("datasetId", run.getPromptSet().getId())
                .add("status", run.getStatus().name())
                .add("target", Jsons.parseObject(run.getTargetConfig()))
                .add("scorer", Jsons.parseObject(run.getScorerConfig()))
                .add("scorerKey", run.getScorerKey())
                .add("concurrency", run.getConcurrency())
                .add("distributed", run.isDistributed())
                .add("blockedPolicy", run.getBlockedPolicy().label())
                .add("progress", progressJson(p))
                .add("createdAt", run.getCreatedAt().toString());
        if (run.getPromptLimit() != null) b.add("limit", run.getPromptLimit());
        if (run.getStartedAt() != null) b.add("startedAt", run.getStartedAt().toString());
        if (run.getFinishedAt() != null) b.add("finishedAt", run.getFinishedAt().toString());
        if (run.getError() != null) b.add("error", run.getError());
        if (run.getNodeName() != null) b.add("node", run.getNodeName());
        if (run.getScheduleId() != null) b.add("scheduleId", run.getScheduleId());
        if (run.getWithheldReason() != null) {
            JsonObjectBuilder withheld = Jsons.JSON.createObjectBuilder().add("reason", run.getWithheldReason());
            if (run.getFailuresAcceptedAt() != null) {
                withheld.add("acceptedBy", run.getFailuresAcceptedBy())
                        .add("acceptedAt", run.getFailuresAcceptedAt().toString())
                        .add("justification", run.getFailuresAcceptedWhy());
            }
            b.add("completionWithheld", withheld);
        }
        return b.build();
    }

    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR})
    @GET
    @Path("/{id}/metrics")
    public JsonObject metrics(@PathParam("id") long id) {
        AuditRun run = runs.require(id);
        if (run.getMetricsJson() != null && run.getStatus() == org.flamesaudit.run.RunStatus.COMPLETED) {
            JsonObject stored = Jsons.parseObject(run.getMetricsJson());
            return Jsons.JSON.createObjectBuilder(stored).add("final", true).add("scorerCard", cardOf(run)).build();
        }
        JsonObjectBuilder live = Jsons.JSON.createObjectBuilder(MetricsJson.toJson(metrics.compute(id)))
                .add("final", false);
        if (run.completionWithheld()) {
            live.add("notFinalBecause", run.getWithheldReason());
        }
        return live.add("scorerCard", cardOf(run)).build();
    }

    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR})
    @GET
    @Path("/{id}/items")
    public JsonObject items(@PathParam("id") long id, @QueryParam("dimension") String dimension,
                            @QueryParam("subcomponent") String subcomponent, @QueryParam("score") String score,
                            @QueryParam("outcome") String outcome, @QueryParam("page") @DefaultValue("0") int page,
                            @QueryParam("size") @DefaultValue("50") int size) {
        AuditRun run = runs.require(id);
        Dimension dim = null;
        if (dimension != null && !dimension.isBlank()) {
            dim = Dimension.fromLabel(dimension).orElseThrow(() -> new ConfigurationException("dimension",
                    "must be one of " + String.join(", ", Dimension.labels())));
        }
        if (score != null && !score.isBlank() && !SCORE_FILTERS.contains(score)) {
            throw new ConfigurationException("score", "must be one of 1, 2, 3, unscorable, failed, unscored");
        }
        ItemOutcome outcomeFilter = null;
        if (outcome != null && !outcome.isBlank()) {
            outcomeFilter = java.util.Arrays.stream(ItemOutcome.values()).filter(o -> o.name().equals(outcome.strip()))
                    .findFirst().orElseThrow(() -> new ConfigurationException("outcome", "must be one of "
                            + java.util.Arrays.toString(ItemOutcome.values())));
        }
        Paging.check(page, size);
        RunQueries.Page result = queries.items(run, dim, blankToNull(subcomponent), blankToNull(score), outcomeFilter,
                page, size);
        JsonArrayBuilder items = Jsons.JSON.createArrayBuilder();
        for (RunQueries.Item i : result.items()) {
            JsonObjectBuilder b = Jsons.JSON.createObjectBuilder().add("promptId", i.promptId()).add("line", i.line())
                    .add("dimension", i.dimension()).add("prompt", i.prompt());
            if (i.subcomponent() != null) b.add("subcomponent", i.subcomponent());
            if (i.response() != null) b.add("response", i.response());
            b.add("outcome", i.outcome().name());
            if (i.reasoning() != null) b.add("reasoning", i.reasoning());
            if (i.blockSignal() != null) {
                JsonObjectBuilder block = Jsons.JSON.createObjectBuilder().add("signal", i.blockSignal());
                if (i.blockCode() != null) block.add("code", i.blockCode());
                if (i.blockMessage() != null) block.add("message", i.blockMessage());
                b.add("block", block);
            }
            if (i.error() != null) b.add("error", i.error());
            if (i.latencyMs() != null) b.add("latencyMs", i.latencyMs());
            if (i.attempts() != null) b.add("attempts", i.attempts());
            if (i.scoreStatus() != null) b.add("scoreStatus", i.scoreStatus());
            if (i.unscorableReason() != null) b.add("unscorableReason", i.unscorableReason());
            if (i.reviewedScore() != null) {
                // the reviewed score is the one that counts; the scorer's verdict stays readable
                b.add("score", i.reviewedScore()).add("reviewedBy", i.reviewedBy());
                if (i.score() != null) b.add("machineScore", i.score());
            } else if (i.score() != null) {
                b.add("score", i.score());
            }
            if (i.rationale() != null) b.add("rationale", i.rationale());
            if (i.promptTokens() != null) b.add("promptTokens", i.promptTokens());
            if (i.completionTokens() != null) b.add("completionTokens", i.completionTokens());
            if (i.finishReason() != null) b.add("finishReason", i.finishReason());
            if (i.node() != null) b.add("node", i.node());
            if (i.answeredAt() != null) b.add("answeredAt", i.answeredAt().toString());
            items.add(b);
        }
        return Jsons.JSON.createObjectBuilder().add("total", result.total()).add("page", page).add("size", size)
                .add("items", items).build();
    }

    @RolesAllowed(Roles.AUDITOR)
    @POST
    @Path("/{id}/stop")
    public Response stop(@PathParam("id") long id) {
        service.stop(id);
        return Response.accepted(Jsons.JSON.createObjectBuilder().add("id", id).build()).build();
    }

    @RolesAllowed(Roles.AUDITOR)
    @POST
    @Path("/{id}/restart")
    public Response restart(@PathParam("id") long id,
                            @QueryParam("retryBlocked") @DefaultValue("false") boolean retryBlocked) {
        service.restart(id, retryBlocked);
        return Response.accepted(Jsons.JSON.createObjectBuilder().add("id", id).build()).build();
    }

    /** Accepts the failed prompts of a COMPLETED_WITH_FAILURES run: {@code {"justification"}}, role auditor. */
    @RolesAllowed(Roles.AUDITOR)
    @POST
    @Path("/{id}/accept-failures")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject acceptFailures(@PathParam("id") long id, JsonObject body,
                                     @jakarta.ws.rs.core.Context jakarta.ws.rs.core.SecurityContext security) {
        if (body == null) {
            throw new ConfigurationException(null, "a JSON body {\"justification\"} is required");
        }
        var f = new org.flamesaudit.support.JsonFields(body, null).allowOnly("justification");
        service.acceptFailures(id, security.getUserPrincipal().getName(), f.optionalString("justification"));
        return get(id);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The card of the run's scorer, so that every metrics response says what its numbers can be compared with. */
    private JsonObject cardOf(AuditRun run) {
        JsonObject config = Jsons.parseObject(run.getScorerConfig());
        return org.flamesaudit.scoring.ScorerCards.toJson(org.flamesaudit.scoring.ScorerCards.forRun(
                run.getScorerKey(), config, trainedHeads::heads), config.getString("type", ""));
    }
}
