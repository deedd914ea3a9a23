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
import org.flamesaudit.scoring.Scorer;
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

    /** A run request that passed every check: what {@link #start} stores and starts. */
    public record RunRequest(PromptSet dataset, TargetSpec target, ScorerSpec scorer, String scorerKey,
                             int concurrency, Integer limit, boolean distributed,
                             org.flamesaudit.run.BlockedPolicy blockedPolicy) {
    }

    public long submit(JsonObject body) {
        return start(validate(body), null);
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
            "concurrency", "limit", "distributed", "blockedPolicy");

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
            throw new ConfigurationException("datasetId", "is required");
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
        ScorerSpec scorerSpec = body.containsKey("scorer") ? ScorerSpec.fromJson(objectField(body, "scorer"))
                : ScorerSpec.DEFAULT;
        Integer concurrency = f.optionalInt("concurrency", 1, MAX_CONCURRENCY);
        Integer limit = f.optionalInt("limit", 1, Integer.MAX_VALUE);
        org.flamesaudit.run.BlockedPolicy blockedPolicy = org.flamesaudit.run.BlockedPolicy.parse(
                f.optionalString("blockedPolicy"), "blockedPolicy");

        String scorerKey;
        try (ModelConnector ignored = new ConnectorFactory(secrets()).create(target);
             Scorer scorer = new ScorerFactory(secrets(), djl, trainedHeads::heads).create(scorerSpec)) {
            scorerKey = scorer.key();
        }
        return new RunRequest(set, target, scorerSpec, scorerKey, concurrency == null ? 8 : concurrency, limit,
                distributed, blockedPolicy);
    }

    /** Stores the run (linked to the schedule that fired it, if any) and starts its job. */
    public long start(RunRequest request, Long scheduleId) {
        AuditRun run = runs.create(request.dataset().getId(), request.target().toJson().toString(),
                request.scorer().toJson().toString(), request.scorerKey(), request.concurrency(), request.limit(),
                scheduleId, request.distributed(), request.blockedPolicy());
        startJob(run.getId(), request.target(), request.scorer(), request.distributed());
        return run.getId();
    }

    private void startJob(long runId, TargetSpec target, ScorerSpec scorerSpec, boolean distributed) {
        Properties params = new Properties();
        params.setProperty("runId", Long.toString(runId));
        params.setProperty(DistributedPartitionHandlerFactory.JOB_PARAMETER, Boolean.toString(distributed));
        params.setProperty("scoreBatchSize", Integer.toString(scorerSpec.effectiveBatchSize()));
        params.setProperty("generateBatchSize", Integer.toString(ModelCallItemWriter.PROMPTS_PER_CHUNK));
        params.setProperty("generateTimeoutSeconds", Long.toString(generateTimeout(target).toSeconds()));
        params.setProperty("scoreTimeoutSeconds", Long.toString(scoreTimeout(scorerSpec).toSeconds()));
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
        ScorerSpec scorer = ScorerSpec.fromJson(Jsons.parseObject(run.getScorerConfig()));
        checkKeyDestinations(target, scorer);
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
        try {
            int reset = failedWork.reset(runId, retryBlocked);
            // a job whose every step completed cannot be restarted by JBeret (it would skip them all): a run that
            // COMPLETED with failed items, or FAILED with prompts left unasked (Completion.Verdict.PROMPTS_PENDING),
            // gets a new job execution, whose readers pick up exactly what is missing
            if (was == RunStatus.COMPLETED || was == RunStatus.COMPLETED_WITH_FAILURES
                    || status == BatchStatus.COMPLETED) {
                startJob(runId, target, scorer, run.isDistributed());
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
        return run;
    }

    /**
     * Refuses a target or judge that would send its API key to an endpoint not registered for the key (or that names
     * a variable the server does not allow), without reading any key: for restarts of stored runs and the start-up
     * check of stored runs and schedules.
     *
     * @throws ConfigurationException naming the field at fault ({@code target.baseUrl}, {@code scorer.apiKeyAlias}...)
     */
    public void checkKeyDestinations(TargetSpec target, ScorerSpec scorer) {
        Secrets s = secrets();
        if (target.keyReference() != null) {
            s.checkDestination(target.keyReference(), target.baseUrl(), "target");
        }
        if (scorer.keyReference() != null) {
            s.checkDestination(scorer.keyReference(), scorer.baseUrl(), "scorer");
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
        RetryPolicy policy = scorer.retryPolicy();
        long perAttempt = (scorer.timeoutSeconds() == null ? 120 : scorer.timeoutSeconds()) + 10;
        java.time.Duration batch = policy.worstCase(java.time.Duration.ofSeconds(perAttempt))
                .multipliedBy(scorer.effectiveBatchSize()).plusSeconds(60);
        return batch.compareTo(java.time.Duration.ofHours(1)) < 0 ? java.time.Duration.ofHours(1) : batch;
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
