package org.flamesaudit.audit;

import org.flamesaudit.run.RunStore;
import org.flamesaudit.run.RunStatus;
import org.flamesaudit.run.AuditRun;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import org.flamesaudit.cluster.DistributedPartitionHandlerFactory;
import org.flamesaudit.cluster.PartitionBroker;
import org.flamesaudit.dataset.DatasetStore;
import org.flamesaudit.dataset.PromptSet;
import org.flamesaudit.generation.ConnectorFactory;
import org.flamesaudit.generation.ModelCallItemWriter;
import org.flamesaudit.generation.ModelConnector;
import org.flamesaudit.generation.RetryPolicy;
import org.flamesaudit.generation.TargetSpec;
import org.flamesaudit.scoring.DecisionRule;
import org.flamesaudit.scoring.Scorer;
import org.flamesaudit.scoring.ScorerPanels;
import org.flamesaudit.scoring.ScorerFactory;
import org.flamesaudit.scoring.ScorerSpec;
import org.flamesaudit.scoring.djl.DjlScorers;
import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.support.ConflictException;
import org.flamesaudit.support.JsonFields;
import org.flamesaudit.support.Jsons;
import org.flamesaudit.keys.Secrets;
import org.jboss.logging.Logger;

import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.Properties;

/**
 * Creates, stops and restarts audit runs. A run request is validated completely before anything is stored: the
 * connector and the scorer are built once (which reads replay and score files and checks that named API-key
 * variables are set), so a misconfigured run fails at once with a message naming the field.
 */
@ApplicationScoped
public class RunService {

    public static final String JOB = "flames-audit";
    public static final int MAX_CONCURRENCY = 64;
    private static final AuditLogger LOG = Logger.getMessageLogger(MethodHandles.lookup(), AuditLogger.class,
            RunService.class.getName());

    @Inject
    org.flamesaudit.gate.GateService gates;

    @Inject
    org.flamesaudit.gate.GateObserver gateObserver;

    @Inject
    org.flamesaudit.metrics.RunMetricsService runMetrics;

    @Inject
    org.flamesaudit.actionlog.ActionLog actions;

    @Inject
    RunQueries queries;

    @Inject
    RunStore runs;

    @Inject
    DatasetStore datasets;

    @Inject
    DjlScorers djl;

    @Inject
    RunResources resources;

    @Inject
    FailedWork failedWork;

    @Inject
    org.flamesaudit.scoring.training.TrainedHeadsStore trainedHeads;

    @Inject
    org.flamesaudit.keys.ApiKeyService apiKeys;

    @Inject
    ScorerPanels panels;

    /**
     * A run request that passed every check: what {@link #start} stores and starts. {@code scorers} and
     * {@code scorerKeys}: every scorer of the run in its order, the primary first; {@code rule}: how their verdicts
     * become the one that counts.
     */
    public record RunRequest(PromptSet dataset, TargetSpec target, List<ScorerSpec> scorers, List<String> scorerKeys,
                             DecisionRule rule, int concurrency, Integer limit, boolean distributed,
                             org.flamesaudit.run.BlockedPolicy blockedPolicy, String name, String ticket,
                             org.flamesaudit.gate.GateSpec gate, org.flamesaudit.alert.AlertSpec alerts) {

        /** The primary scorer. */
        public ScorerSpec scorer() {
            return scorers.get(0);
        }

        /** The key of the verdict that counts: the primary's, or the panel's under a deciding rule. */
        public String countingKey() {
            return rule.decides() ? rule.panelKey(scorerKeys) : scorerKeys.get(0);
        }
    }

    /** An optional label of the run (its name, its ticket number): stripped, blank as none, at most {@code max}. */
    private static String label(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > max || v.chars().anyMatch(Character::isISOControl)) {
            throw new ConfigurationException(field, "must be at most " + max + " characters on one line");
        }
        return v;
    }

    /** The most scorers one run may have. */
    public static final int MAX_SCORERS = 5;

    public long submit(JsonObject body) {
        RunRequest request = validate(body);
        if (request.gate() != null && request.gate().notWorse() && request.gate().baselineRunId() == null) {
            throw new ConfigurationException("gate.baselineRunId", "is required for notWorse on a run started by "
                    + "hand (a schedule's runs compare with its previous run); or set \"notWorse\": false and give "
                    + "floors");
        }
        return start(request, null);
    }

    /**
     * Checks a run request completely without storing anything: the dataset must exist and be READY, and the
     * connector and the scorer are built once (which reads replay and score files and checks that named API-key
     * variables are set). Schedules store only requests that pass this.
     */
    public RunRequest validate(JsonObject body) {
        return validate(body, java.util.Set.of());
    }

    /** The fields of a run request; a schedule's request adds its own ({@code otherFields}). */
    public static final java.util.Set<String> RUN_FIELDS = java.util.Set.of("datasetId", "target", "scorer",
            "scorers", "decision", "concurrency", "limit", "distributed", "blockedPolicy", "name", "ticket", "gate", "alerts");

    /** As {@link #validate(JsonObject)}, for a body that may also carry {@code otherFields} (a schedule's). */
    public RunRequest validate(JsonObject body, java.util.Set<String> otherFields) {
        if (body == null) {
            throw new ConfigurationException(null, "a JSON body is required");
        }
        java.util.Set<String> allowed = new java.util.HashSet<>(RUN_FIELDS);
        allowed.addAll(otherFields);
        JsonFields f = new JsonFields(body, null).allowOnly(allowed);
        boolean distributed = Boolean.TRUE.equals(f.optionalBoolean("distributed"));
        if (distributed) {
            PartitionBroker.missingConfiguration().ifPresent(m -> {
                throw new ConfigurationException("distributed", "this node cannot distribute a run: " + m);
            });
            try {
                PartitionBroker.probe();
            } catch (RuntimeException e) {
                throw new ConfigurationException("distributed", "the partition broker cannot be reached or "
                        + "refused this node's login: " + e.getMessage());
            }
        }
        Integer datasetId = f.optionalInt("datasetId", 1, Integer.MAX_VALUE);
        if (datasetId == null) {
            throw ConfigurationException.required("datasetId");
        }
        PromptSet set;
        try {
            set = datasets.require(datasetId);
        } catch (org.flamesaudit.support.NotFoundException e) {
            throw new ConfigurationException("datasetId", "dataset " + datasetId + " does not exist");
        }
        if (set.getStatus() != PromptSet.Status.READY) {
            throw new ConfigurationException("datasetId", "dataset " + datasetId + " is " + set.getStatus()
                    + "; wait until it is READY");
        }
        TargetSpec target = TargetSpec.fromJson(objectField(body, "target"));
        List<ScorerSpec> scorerSpecs = scorers(body);
        DecisionRule rule = DecisionRule.parse(f.optionalString("decision"), "decision");
        if (rule.decides() && scorerSpecs.size() < 2) {
            throw new ConfigurationException("decision", "the " + rule.label() + " rule needs at least two scorers "
                    + "in \"scorers\"; with one scorer its verdicts count as they are");
        }
        Integer concurrency = f.optionalInt("concurrency", 1, MAX_CONCURRENCY);
        Integer limit = f.optionalInt("limit", 1, Integer.MAX_VALUE);
        org.flamesaudit.run.BlockedPolicy blockedPolicy = org.flamesaudit.run.BlockedPolicy.parse(
                f.optionalString("blockedPolicy"), "blockedPolicy");

        try (ModelConnector ignored = new ConnectorFactory(secrets()).create(target)) {
            // built once to check it; closed at once
        }
        List<String> scorerKeys = new java.util.ArrayList<>();
        for (int i = 0; i < scorerSpecs.size(); i++) {
            try (Scorer scorer = new ScorerFactory(secrets(), djl, trainedHeads::heads).create(scorerSpecs.get(i))) {
                String key = scorer.key();
                int same = scorerKeys.indexOf(key);
                if (same >= 0) {
                    throw new ConfigurationException("scorers[" + i + "]", "is the same scorer as scorers[" + same
                            + "] (" + key + "); a run's scorers must differ");
                }
                scorerKeys.add(key);
            } catch (ConfigurationException e) {
                throw body.containsKey("scorers") ? asMember(e, i) : e;
            }
        }
        org.flamesaudit.gate.GateSpec gate = org.flamesaudit.gate.GateSpec.fromJson(body.get("gate"));
        String countingKey = rule.decides() ? rule.panelKey(scorerKeys) : scorerKeys.get(0);
        gates.checkBaseline(gate, set.getId(), countingKey, blockedPolicy, limit);
        org.flamesaudit.alert.AlertSpec alerts = org.flamesaudit.alert.AlertSpec.fromJson(body.get("alerts"));
        if (alerts != null && alerts.hasWebhook()) {
            try {
                secrets().checkDestination(org.flamesaudit.keys.KeyReference.of(alerts.apiKeyEnv(),
                        alerts.apiKeyAlias()), alerts.webhookUrl(), "alerts.webhook");
            } catch (ConfigurationException e) {
                throw "alerts.webhook.baseUrl".equals(e.field()) ? new ConfigurationException("alerts.webhook.url",
                        e.reason(), e.kind(), e.figures()) : e;
            }
        }
        return new RunRequest(set, target, List.copyOf(scorerSpecs), List.copyOf(scorerKeys), rule,
                concurrency == null ? 8 : concurrency, limit, distributed, blockedPolicy,
                label(f.optionalString("name"), "name", 200), label(f.optionalString("ticket"), "ticket", 100),
                gate, alerts);
    }

    /**
     * The run's scorers: {@code "scorers": [...]} (1 to {@value #MAX_SCORERS}, the primary first), or
     * {@code "scorer": {...}}, or the embedded scorer when the request names none; not both fields.
     */
    private static List<ScorerSpec> scorers(JsonObject body) {
        if (body.containsKey("scorer") && body.containsKey("scorers")) {
            throw new ConfigurationException("scorers", "give scorer or scorers, not both");
        }
        if (body.containsKey("scorer")) {
            return List.of(ScorerSpec.fromJson(objectField(body, "scorer")));
        }
        if (!body.containsKey("scorers")) {
            return List.of(ScorerSpec.DEFAULT);
        }
        if (!(body.get("scorers") instanceof jakarta.json.JsonArray array)) {
            throw new ConfigurationException("scorers", "must be an array of scorers, such as [{\"type\": \"djl\"}, "
                    + "{\"type\": \"llm-judge\", ...}]");
        }
        if (array.isEmpty() || array.size() > MAX_SCORERS) {
            throw new ConfigurationException("scorers", "must name 1 to " + MAX_SCORERS + " scorers, not "
                    + array.size());
        }
        List<ScorerSpec> specs = new java.util.ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof JsonObject o)) {
                throw new ConfigurationException("scorers[" + i + "]", "must be an object with a \"type\"");
            }
            try {
                specs.add(ScorerSpec.fromJson(o));
            } catch (ConfigurationException e) {
                throw asMember(e, i);
            }
        }
        return specs;
    }

    /** An error about {@code scorer} (field {@code scorer.x}) as one about {@code scorers[i]} ({@code scorers[i].x}). */
    private static ConfigurationException asMember(ConfigurationException e, int i) {
        String field = e.field();
        if (field != null && field.startsWith("scorers[")) {
            return e; // already about one of the scorers
        }
        String rest = field == null || field.equals("scorer") ? "" : field.startsWith("scorer.")
                ? field.substring("scorer".length()) : "." + field;
        return new ConfigurationException("scorers[" + i + "]" + rest, e.reason(), e.kind(), e.figures());
    }

    /** Stores the run (linked to the schedule that fired it, if any) and starts its job. */
    public long start(RunRequest request, Long scheduleId) {
        AuditRun run = runs.create(request.dataset().getId(), request.target().toJson().toString(),
                request.scorer().toJson().toString(), request.countingKey(), request.rule().name(),
                request.concurrency(), request.limit(), scheduleId, request.distributed(), request.blockedPolicy(),
                request.name(), request.ticket());
        panels.add(run.getId(), request.scorerKeys(), request.scorers().stream().map(sc -> sc.toJson().toString())
                .toList());
        if (request.gate() != null) {
            runs.gateConfigured(run.getId(), request.gate().toJson().toString());
        }
        if (request.alerts() != null) {
            runs.alertsConfigured(run.getId(), request.alerts().toJson().toString());
        }
        startJob(run.getId(), request.target(), request.scorers(), request.distributed());
        actions.run(org.flamesaudit.actionlog.Action.RUN_STARTED, run.getId(), "dataset " + request.dataset().getName()
                + " v" + request.dataset().getVersion() + " · model " + request.target().toJson().getString("model", "?")
                + (scheduleId == null ? "" : " · schedule " + scheduleId));
        return run.getId();
    }

    private void startJob(long runId, TargetSpec target, List<ScorerSpec> scorers, boolean distributed) {
        Properties params = new Properties();
        params.setProperty("runId", Long.toString(runId));
        params.setProperty(DistributedPartitionHandlerFactory.JOB_PARAMETER, Boolean.toString(distributed));
        params.setProperty("scoreBatchSize", Integer.toString(scorers.get(0).effectiveBatchSize()));
        params.setProperty("generateBatchSize", Integer.toString(ModelCallItemWriter.PROMPTS_PER_CHUNK));
        params.setProperty("generateTimeoutSeconds", Long.toString(generateTimeout(target).toSeconds()));
        params.setProperty("scoreTimeoutSeconds", Long.toString(scoreTimeout(scorers).toSeconds()));
        long execution = BatchRuntime.getJobOperator().start(JOB, params);
        runs.jobSubmitted(runId, execution);
        LOG.runStarted(runId, execution);
    }

    public void stop(long runId) {
        AuditRun run = runs.require(runId);
        if (run.getJobExecutionId() == null) {
            throw new ConflictException("run " + runId + " has no job to stop");
        }
        JobOperator operator = BatchRuntime.getJobOperator();
        BatchStatus status = operator.getJobExecution(run.getJobExecutionId()).getBatchStatus();
        if (status != BatchStatus.STARTED && status != BatchStatus.STARTING) {
            throw new ConflictException("run " + runId + " is not running (its job is " + status + ")");
        }
        operator.stop(run.getJobExecutionId());
        actions.run(org.flamesaudit.actionlog.Action.RUN_STOPPED, runId, "job execution " + run.getJobExecutionId());
        // JBeret stops at the next chunk boundary; a call stalled inside a chunk must not hold the stop back
        resources.abortCalls(runId);
    }

    /**
     * Continues a run: prompts without a response are generated, and prompts whose model call or judge call failed
     * (after its retries) are tried again - those failed rows are removed first. Prompts the provider blocked are
     * asked again only with {@code retryBlocked}. A STOPPED or FAILED run (including one
     * interrupted by a crash) restarts its JBeret job where it stopped; a COMPLETED run with failed items, or a run
     * whose job completed every step but left prompts unanswered, gets a new job execution over the same run.
     */
    public void restart(long runId, boolean retryBlocked) {
        AuditRun run = runs.require(runId);
        if (run.getJobExecutionId() == null) {
            throw new ConflictException("run " + runId + " has no job to restart");
        }
        TargetSpec target = TargetSpec.fromJson(Jsons.parseObject(run.getTargetConfig()));
        List<ScorerSpec> scorers = panels.of(runId).members().stream()
                .map(m -> ScorerSpec.fromJson(Jsons.parseObject(m.getScorerConfig()))).toList();
        checkKeyDestinations(target, scorers);
        JobOperator operator = BatchRuntime.getJobOperator();
        BatchStatus status = operator.getJobExecution(run.getJobExecutionId()).getBatchStatus();
        boolean jobActive = status == BatchStatus.STARTED || status == BatchStatus.STARTING
                || status == BatchStatus.STOPPING;
        if (jobActive && run.getStatus() != RunStatus.FAILED) {
            throw new ConflictException("run " + runId + " is still running; stop it first");
        }
        boolean completed = run.getStatus() == RunStatus.COMPLETED
                || run.getStatus() == RunStatus.COMPLETED_WITH_FAILURES;
        if (completed && failedWork.count(runId, retryBlocked) == 0) {
            throw new ConflictException("run " + runId + " is COMPLETED with no failed item; nothing to restart");
        }
        // one restart at a time: a second request while this one starts or runs gets 409 and starts nothing
        RunStatus was = runs.claimRestart(runId);
        actions.run(org.flamesaudit.actionlog.Action.RUN_RESTARTED, runId, "was " + was
                + (retryBlocked ? " · blocked prompts asked again" : ""));
        try {
            int reset = failedWork.reset(runId, retryBlocked);
            // a job whose every step completed cannot be restarted by JBeret (it would skip them all): a run that
            // COMPLETED with failed items, or FAILED with prompts left unasked (Completion.Verdict.PROMPTS_PENDING),
            // gets a new job execution, whose readers pick up exactly what is missing; so does a job stopped after a
            // step that completed with work left (a stop during the last chunk of every partition lets the step end
            // COMPLETED: JBeret's restart would begin after it and never ask those prompts)
            if (was == RunStatus.COMPLETED || was == RunStatus.COMPLETED_WITH_FAILURES
                    || status == BatchStatus.COMPLETED
                    || completedStepLeftWork(operator, run.getJobExecutionId(), runId, reset)) {
                startJob(runId, target, scorers, run.isDistributed());
                LOG.failedItemsRetriedInNewJob(runId, reset);
                return;
            }
            // a job execution left STARTED by a crashed JVM is detected by JBeret, marked FAILED and restarted
            long execution = operator.restart(run.getJobExecutionId(), new Properties());
            runs.jobSubmitted(runId, execution);
            if (reset > 0) {
                LOG.runRestartedRetryingFailed(runId, execution, reset);
            } else {
                LOG.runRestarted(runId, execution);
            }
        } catch (RuntimeException e) {
            runs.finished(runId, RunStatus.FAILED, "the restart could not start: " + e.getMessage());
            throw e;
        }
    }

    /**
     * Whether the job execution has a COMPLETED generate step while prompts of the run have no answer, or a
     * COMPLETED score step while failed verdicts were just reset: JBeret's restart would skip that step's work.
     */
    private boolean completedStepLeftWork(JobOperator operator, long execution, long runId, int reset) {
        java.util.Set<String> completed = new java.util.HashSet<>();
        for (jakarta.batch.runtime.StepExecution s : operator.getStepExecutions(execution)) {
            if (s.getBatchStatus() == BatchStatus.COMPLETED) {
                completed.add(s.getStepName());
            }
        }
        RunQueries.Progress p = queries.progress(runs.require(runId));
        return completed.contains(GENERATE_STEP) && p.generated() < p.total()
                || completed.contains(SCORE_STEP) && reset > 0;
    }

    /** The audit job's steps whose work a restart may have to redo ({@code batch-jobs/flames-audit.xml}). */
    static final String GENERATE_STEP = "flames-audit-generate";
    static final String SCORE_STEP = "flames-audit-score";

    /**
     * An auditor accepts the failed prompts of a COMPLETED_WITH_FAILURES run instead of retrying them: the run
     * becomes COMPLETED (its metrics final, its reports issuable) with who, when and why recorded and logged.
     *
     * @throws ConfigurationException when the justification is missing
     * @throws ConflictException when the run is not COMPLETED_WITH_FAILURES
     */
    public AuditRun acceptFailures(long runId, String auditor, String justification) {
        if (justification == null || justification.isBlank()) {
            throw new ConfigurationException("justification", "is required: say why the failed prompts are accepted");
        }
        AuditRun run = runs.acceptFailures(runId, auditor, justification.strip());
        LOG.failuresAccepted(runId, auditor, run.getWithheldReason(), justification.strip());
        if (run.getGateConfig() != null) {
            // the gate was INCONCLUSIVE while the completion was withheld: the run now completes, so it decides
            gateObserver.onAggregated(new org.flamesaudit.metrics.MetricsAggregated(runId,
                    runMetrics.compute(runId), null));
        }
        return runs.require(runId);
    }

    /**
     * Refuses a target or judge that would send its API key to an endpoint not registered for the key (or that names
     * a variable the server does not allow), without reading any key: for restarts of stored runs and the start-up
     * check of stored runs and schedules.
     *
     * @throws ConfigurationException naming the field at fault ({@code target.baseUrl}, {@code scorer.apiKeyAlias}...)
     */
    public void checkKeyDestinations(TargetSpec target, List<ScorerSpec> scorers) {
        Secrets s = secrets();
        if (target.keyReference() != null) {
            s.checkDestination(target.keyReference(), target.baseUrl(), "target");
        }
        for (int i = 0; i < scorers.size(); i++) {
            ScorerSpec scorer = scorers.get(i);
            if (scorer.keyReference() != null) {
                s.checkDestination(scorer.keyReference(), scorer.baseUrl(), scorers.size() == 1 ? "scorer"
                        : "scorers[" + i + "]");
            }
        }
    }

    /**
     * The generate step's chunk transaction timeout: a whole chunk of model calls ({@link
     * ModelCallItemWriter#PROMPTS_PER_CHUNK}), each with all its retries, plus a minute for the commit, so a slow
     * provider can never make JTA roll back a chunk (its answers are committed one by one in any case).
     */
    static java.time.Duration generateTimeout(TargetSpec target) {
        RetryPolicy policy = ConnectorFactory.retryPolicy(target);
        long perAttempt = (target.timeoutSeconds() == null ? 120 : target.timeoutSeconds()) + 10;
        return policy.worstCase(java.time.Duration.ofSeconds(perAttempt))
                .multipliedBy(ModelCallItemWriter.PROMPTS_PER_CHUNK).plusSeconds(60);
    }

    /** The score step's chunk timeout: a whole batch of judge calls with their retries, or an hour at least. */
    static java.time.Duration scoreTimeout(ScorerSpec scorer) {
        return scoreTimeout(List.of(scorer));
    }

    /**
     * As {@link #scoreTimeout(ScorerSpec)} for a run with several scorers, whose chunks all hold the primary's batch
     * size: the slowest scorer's whole chunk.
     */
    static java.time.Duration scoreTimeout(List<ScorerSpec> scorers) {
        int chunk = scorers.get(0).effectiveBatchSize();
        java.time.Duration longest = java.time.Duration.ofHours(1);
        for (ScorerSpec scorer : scorers) {
            long perAttempt = (scorer.timeoutSeconds() == null ? 120 : scorer.timeoutSeconds()) + 10;
            java.time.Duration batch = scorer.retryPolicy().worstCase(java.time.Duration.ofSeconds(perAttempt))
                    .multipliedBy(chunk).plusSeconds(60);
            if (batch.compareTo(longest) > 0) {
                longest = batch;
            }
        }
        return longest;
    }

    private static JsonObject objectField(JsonObject body, String name) {
        var v = body.get(name);
        if (v == null || v.getValueType() != jakarta.json.JsonValue.ValueType.OBJECT) {
            throw new ConfigurationException(name, "is required and must be a JSON object");
        }
        return v.asJsonObject();
    }

    /** This server's keys, each released only for the endpoints registered for it. */
    private Secrets secrets() {
        return Secrets.ofThisServer(apiKeys::endpoints);
    }
}
