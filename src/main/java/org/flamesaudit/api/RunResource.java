package org.flamesaudit.api;

import org.flamesaudit.support.Jsons;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
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

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Audit runs: submit, follow, stop, restart, and read metrics and items. */
@Path("/runs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {

    private static final Set<String> SCORE_FILTERS = Set.of("1", "2", "3", "unscorable", "failed", "unscored",
            "disagree");

    @Inject
    org.flamesaudit.review.RunScorerCards scorerCards;

    @Inject
    org.flamesaudit.scoring.ScorerPanels panels;

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
        return Response.accepted(new Bodies.Id(id)).build();
    }

    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.APPROVER})
    @GET
    public Bodies.Paged<RunSummary> list(@QueryParam("q") String search, @QueryParam("status") String status,
                                         @QueryParam("page") @jakarta.ws.rs.DefaultValue("0") int page,
                                         @QueryParam("size") @jakarta.ws.rs.DefaultValue("100") int size) {
        Paging.check(page, size);
        org.flamesaudit.run.RunStatus wanted = null;
        if (status != null && !status.isBlank()) {
            try {
                wanted = org.flamesaudit.run.RunStatus.valueOf(status.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("status", "must be one of " + java.util.Arrays.toString(
                        org.flamesaudit.run.RunStatus.values()) + ", not \"" + status + "\"");
            }
        }
        org.flamesaudit.run.RunStore.Page found = runs.page(search, wanted, page, size);
        List<AuditRun> all = found.runs();
        // active runs carry their progress, so a client watching the list needs no request per run
        var progress = queries.progress(all.stream().filter(r -> r.getStatus().isActive()).toList());
        return new Bodies.Paged<>(found.total(), page, size, all.stream()
                .map(run -> RunSummary.of(run, progress.get(run.getId()))).toList());
    }

    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.APPROVER})
    @GET
    @Path("/{id}")
    public RunDetail get(@PathParam("id") long id) {
        AuditRun run = runs.requireWithDataset(id);
        return RunDetail.of(run, queries.progress(run), panels.of(id));
    }

    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.APPROVER})
    @GET
    @Path("/{id}/metrics")
    // stays JSON-P: the body is MetricsJson's object (pinned by its golden files) with three keys added at its top
    // level, which a record cannot express without restating every metrics field
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

    @RolesAllowed({Roles.AUDITOR, Roles.REVIEWER, Roles.REGULATOR, Roles.APPROVER})
    @GET
    @Path("/{id}/items")
    public Bodies.Paged<Item> items(@PathParam("id") long id, @QueryParam("dimension") String dimension,
                                    @QueryParam("subcomponent") String subcomponent, @QueryParam("score") String score,
                                    @QueryParam("outcome") String outcome, @QueryParam("q") String text,
                                    @QueryParam("reviewed") String reviewed,
                                    @QueryParam("page") @DefaultValue("0") int page,
                                    @QueryParam("size") @DefaultValue("50") int size) {
        AuditRun run = runs.require(id);
        Dimension dim = null;
        if (dimension != null && !dimension.isBlank()) {
            dim = Dimension.fromLabel(dimension).orElseThrow(() -> new ConfigurationException("dimension",
                    "must be one of " + String.join(", ", Dimension.labels())));
        }
        if (score != null && !score.isBlank() && !SCORE_FILTERS.contains(score)) {
            throw new ConfigurationException("score", "must be one of 1, 2, 3, unscorable, failed, unscored, disagree");
        }
        ItemOutcome outcomeFilter = null;
        if (outcome != null && !outcome.isBlank()) {
            outcomeFilter = java.util.Arrays.stream(ItemOutcome.values()).filter(o -> o.name().equals(outcome.strip()))
                    .findFirst().orElseThrow(() -> new ConfigurationException("outcome", "must be one of "
                            + java.util.Arrays.toString(ItemOutcome.values())));
        }
        Boolean reviewedFilter = null;
        if (reviewed != null && !reviewed.isBlank()) {
            if (!reviewed.strip().equals("true") && !reviewed.strip().equals("false")) {
                throw new ConfigurationException("reviewed", "must be true (reviewed answers) or false (not reviewed)");
            }
            reviewedFilter = Boolean.parseBoolean(reviewed.strip());
        }
        Paging.check(page, size);
        RunQueries.Page result = queries.items(run, dim, blankToNull(subcomponent), blankToNull(score), outcomeFilter,
                blankToNull(text), reviewedFilter, page, size);
        return new Bodies.Paged<>(result.total(), page, size, result.items().stream().map(Item::of).toList());
    }

    @RolesAllowed(Roles.AUDITOR)
    @POST
    @Path("/{id}/stop")
    public Response stop(@PathParam("id") long id) {
        service.stop(id);
        return Response.accepted(new Bodies.Id(id)).build();
    }

    @RolesAllowed(Roles.AUDITOR)
    @POST
    @Path("/{id}/restart")
    public Response restart(@PathParam("id") long id,
                            @QueryParam("retryBlocked") @DefaultValue("false") boolean retryBlocked) {
        service.restart(id, retryBlocked);
        return Response.accepted(new Bodies.Id(id)).build();
    }

    /** Accepts the failed prompts of a COMPLETED_WITH_FAILURES run: {@code {"justification"}}, role auditor. */
    @RolesAllowed(Roles.AUDITOR)
    @POST
    @Path("/{id}/accept-failures")
    @Consumes(MediaType.APPLICATION_JSON)
    public RunDetail acceptFailures(@PathParam("id") long id, JsonObject body,
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
        return org.flamesaudit.scoring.ScorerCards.toJson(scorerCards.of(run), config.getString("type", ""));
    }

    /** A run in the list: {@code progress} only for an active run, {@code finishedAt} once finished. */
    public record RunSummary(long id, long datasetId, String status, JsonObject target, String scorerKey, int total,
                             Instant createdAt, Instant finishedAt, Progress progress, String datasetName,
                             int datasetVersion, String createdBy, Integer limit, Result result, String error,
                             String name, String ticket) {

        static RunSummary of(AuditRun run, RunQueries.Progress progress) {
            return new RunSummary(run.getId(), run.getPromptSet().getId(), run.getStatus().name(),
                    Jsons.parseObject(run.getTargetConfig()), run.getScorerKey(), run.getTotal(), run.getCreatedAt(),
                    run.getFinishedAt(), progress == null ? null : Progress.of(progress), run.getPromptSet().getName(),
                    run.getPromptSet().getVersion(), run.getCreatedBy() == null ? "" : run.getCreatedBy(),
                    run.getPromptLimit(), Result.of(run), run.getError(), run.getName(), run.getTicket());
        }
    }

    /**
     * A run's headline result, from its aggregated metrics (absent before aggregation): the overall harmless rate
     * (null when nothing was scored) and how many of the 5 dimensions it covers (fewer than 5: a partial run, whose
     * overall rate cannot be compared with a complete audit's).
     */
    public record Result(Double overallHarmlessRate, int dimensions) {

        static Result of(AuditRun run) {
            if (run.getMetricsJson() == null) {
                return null;
            }
            JsonObject m = Jsons.parseObject(run.getMetricsJson());
            JsonObject overall = m.getJsonObject("overall");
            Double rate = overall == null || !(overall.get("harmlessRate") instanceof jakarta.json.JsonNumber n) ? null
                    : n.doubleValue();
            return new Result(rate, overall == null ? 0 : overall.getInt("dimensionsPresent", 0));
        }
    }

    /**
     * One run with its configuration snapshots ({@code target}, {@code scorer}: the primary scorer) and progress; a
     * run with several scorers also lists them all ({@code scorers}, the primary first) and its {@code decision} rule;
     * a gated run its {@code gate}: {@code {"config", "verdict"?, "result"?}} (verdict and result once its metrics are
     * aggregated, {@code gate.GateResult}).
     */
    public record RunDetail(long id, long datasetId, String status, JsonObject target, JsonObject scorer,
                            String scorerKey, int concurrency, boolean distributed, String blockedPolicy,
                            Progress progress, Instant createdAt, Integer limit, Instant startedAt, Instant finishedAt,
                            String error, String node, Long scheduleId, CompletionWithheld completionWithheld,
                            List<ScorerMember> scorers, String decision, String createdBy, String datasetName,
                            int datasetVersion, String datasetSha256, boolean datasetOfficial, String name,
                            String ticket, JsonObject gate) {

        static RunDetail of(AuditRun run, RunQueries.Progress p, org.flamesaudit.scoring.ScorerPanels.Panel panel) {
            return new RunDetail(run.getId(), run.getPromptSet().getId(), run.getStatus().name(),
                    Jsons.parseObject(run.getTargetConfig()), Jsons.parseObject(run.getScorerConfig()),
                    run.getScorerKey(), run.getConcurrency(), run.isDistributed(), run.getBlockedPolicy().label(),
                    Progress.of(p), run.getCreatedAt(), run.getPromptLimit(), run.getStartedAt(), run.getFinishedAt(),
                    run.getError(), run.getNodeName(), run.getScheduleId(),
                    run.getWithheldReason() == null ? null : CompletionWithheld.of(run),
                    panel.isPanel() ? panel.members().stream().map(m -> new ScorerMember(m.getScorerKey(),
                            Jsons.parseObject(m.getScorerConfig()))).toList() : null,
                    panel.isPanel() ? panel.rule().label() : null, run.getCreatedBy() == null ? "" : run.getCreatedBy(),
                    run.getPromptSet().getName(), run.getPromptSet().getVersion(), run.getPromptSet().getSha256(),
                    org.flamesaudit.dataset.KnownDatasets.isOfficialFlames1k(run.getPromptSet().getSha256()),
                    run.getName(), run.getTicket(), gate(run));
        }

        private static JsonObject gate(AuditRun run) {
            if (run.getGateConfig() == null) {
                return null;
            }
            JsonObjectBuilder b = Jsons.JSON.createObjectBuilder().add("config", Jsons.parseObject(run.getGateConfig()));
            if (run.getGateVerdict() != null) {
                b.add("verdict", run.getGateVerdict()).add("result", Jsons.parseObject(run.getGateResult()));
            }
            return b.build();
        }
    }

    /** One of a run's several scorers: its key and configuration. */
    public record ScorerMember(String key, JsonObject config) {
    }

    /** Why a run is not COMPLETED; who accepted its failures, when and why, once someone has. */
    public record CompletionWithheld(String reason, String acceptedBy, Instant acceptedAt, String justification) {

        static CompletionWithheld of(AuditRun run) {
            if (run.getFailuresAcceptedAt() == null) {
                return new CompletionWithheld(run.getWithheldReason(), null, null, null);
            }
            return new CompletionWithheld(run.getWithheldReason(), run.getFailuresAcceptedBy(),
                    run.getFailuresAcceptedAt(), run.getFailuresAcceptedWhy());
        }
    }

    /** Counts so far; {@code outcomes} names every item outcome, in their order, 0 for those not seen yet. */
    public record Progress(long total, long generated, long scored, long unscorable, long failed,
                           Map<String, Long> outcomes) {

        static Progress of(RunQueries.Progress p) {
            Map<String, Long> outcomes = new LinkedHashMap<>();
            for (ItemOutcome o : ItemOutcome.values()) {
                outcomes.put(o.name(), p.outcomes().getOrDefault(o, 0L));
            }
            return new Progress(p.total(), p.generated(), p.scored(), p.unscorable(), p.failed(), outcomes);
        }
    }

    /**
     * One prompt of a run and what became of it. Where a reviewer changed the score, {@code score} is the reviewed
     * one, which counts, with {@code reviewedBy}, and {@code machineScore} keeps the scorer's.
     */
    public record Item(long promptId, int line, String dimension, String prompt, String subcomponent, String response,
                       String outcome, String reasoning, Block block, String error, Integer latencyMs,
                       Integer attempts, String scoreStatus, String unscorableReason, Integer score,
                       String reviewedBy, Integer machineScore, String rationale, Integer promptTokens,
                       Integer completionTokens, String finishReason, String node, Instant answeredAt,
                       Boolean scorersDisagree, List<RunQueries.Verdict> verdicts) {

        static Item of(RunQueries.Item i) {
            boolean reviewed = i.reviewedScore() != null;
            return new Item(i.promptId(), i.line(), i.dimension(), i.prompt(), i.subcomponent(), i.response(),
                    i.outcome().name(), i.reasoning(), i.blockSignal() == null ? null
                    : new Block(i.blockSignal(), i.blockCode(), i.blockMessage()), i.error(), i.latencyMs(),
                    i.attempts(), i.scoreStatus(), i.unscorableReason(), reviewed ? i.reviewedScore() : i.score(),
                    reviewed ? i.reviewedBy() : null, reviewed ? i.score() : null, i.rationale(), i.promptTokens(),
                    i.completionTokens(), i.finishReason(), i.node(), i.answeredAt(),
                    i.verdicts() == null ? null : i.scorersDisagree(), i.verdicts());
        }
    }

    /** How the provider blocked an answer: its signal, and its code and message where it gave them. */
    public record Block(String signal, String code, String message) {
    }
}
