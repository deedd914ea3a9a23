package org.flamesaudit.run;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.flamesaudit.dataset.PromptSet;

import java.time.Instant;

/**
 * One audit of one model on one prompt set with one scorer. Holds a snapshot of the target and scorer configuration
 * as submitted (secrets are never accepted there: only the names of environment variables that hold them).
 */
@Entity
@Table(name = "audit_run")
@org.hibernate.annotations.DynamicUpdate // only changed columns: the job and the API update different ones concurrently
public class AuditRun {

    @Id
    @SequenceGenerator(name = "audit_run_seq", sequenceName = "audit_run_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_run_seq")
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "prompt_set_id", nullable = false)
    private PromptSet promptSet;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private RunStatus status;

    @Column(name = "target_config", nullable = false)
    private String targetConfig;

    @Column(name = "scorer_config", nullable = false)
    private String scorerConfig;

    @Column(name = "scorer_key", nullable = false)
    private String scorerKey;

    @Column(nullable = false)
    private int concurrency;

    /** Whether its partitions are sent to every node sharing the database (org.flamesaudit.cluster). */
    @Column(nullable = false)
    private boolean distributed;

    /** Which figure the run headlines when prompts are blocked; both are always reported. */
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(name = "blocked_policy", nullable = false)
    private org.flamesaudit.run.BlockedPolicy blockedPolicy = org.flamesaudit.run.BlockedPolicy.DEFAULT;

    /**
     * How the verdicts of the run's scorers ({@code run_scorer}) become the one that counts: the name of an
     * {@code org.flamesaudit.scoring.DecisionRule} (PRIMARY for a run with one scorer). {@link #scorerKey} is the key
     * of the verdict that counts: the primary scorer's, or the panel's when the rule decides.
     */
    @Column(name = "decision_rule", nullable = false)
    private String decisionRule = "PRIMARY";

    @Column(name = "prompt_limit")
    private Integer promptLimit;

    @Column(nullable = false)
    private int total;

    @Column(name = "job_execution_id")
    private Long jobExecutionId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** The run's name, as its auditor gave it (optional, V23). */
    @Column(name = "run_name", updatable = false)
    private String name;

    /** The ticket number of the request the audit answers (optional, V23). */
    @Column(name = "ticket", updatable = false)
    private String ticket;

    /** Who started the run (the API's user), "system" for a schedule's firing; null for runs from before V22. */
    @Column(name = "created_by", updatable = false)
    private String createdBy;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "metrics_json")
    private String metricsJson;

    private String error;

    @Column(name = "node_name")
    private String nodeName;

    @Column(name = "metrics_at")
    private Instant metricsAt;

    /** The schedule whose firing created this run; null for a run submitted by hand. */
    @Column(name = "schedule_id")
    private Long scheduleId;

    /** The run's regression gate ({@code gate.GateSpec} as JSON), or null. */
    @Column(name = "gate_config")
    private String gateConfig;

    /** The gate's outcome ({@code gate.GateResult} as JSON), set when the metrics are aggregated; null before. */
    @Column(name = "gate_result")
    private String gateResult;

    /** Who is told what about the run ({@code alert.AlertSpec} as JSON), or null. */
    @Column(name = "alerts_config")
    private String alertsConfig;

    /** PASS, FAIL or INCONCLUSIVE, with {@link #gateResult}. */
    @Column(name = "gate_verdict", length = 16)
    private String gateVerdict;

    /** Why the run may not claim completion ({@link Completion}), recorded by the aggregate step; null when it may. */
    @Column(name = "withheld_reason")
    private String withheldReason;

    /** The aggregate step's {@link Completion} verdict; null until the step ran (or after a restart queued it). */
    @Enumerated(EnumType.STRING)
    @Column(name = "completion_verdict", length = 30)
    private Completion.Verdict completionVerdict;

    @Column(name = "failures_accepted_by")
    private String failuresAcceptedBy;

    @Column(name = "failures_accepted_at")
    private Instant failuresAcceptedAt;

    @Column(name = "failures_accepted_why")
    private String failuresAcceptedWhy;

    /** Why a node's circuit breaker halted the run's provider calls (any node of a distributed run), or null. */
    @Column(name = "halt_reason")
    private String haltReason;

    @Version
    @Column(name = "row_version", nullable = false)
    private long rowVersion;

    protected AuditRun() {
    }

    public AuditRun(PromptSet promptSet, String targetConfig, String scorerConfig, String scorerKey,
                    int concurrency, Integer promptLimit, int total) {
        this.promptSet = promptSet;
        this.targetConfig = targetConfig;
        this.scorerConfig = scorerConfig;
        this.scorerKey = scorerKey;
        this.concurrency = concurrency;
        this.promptLimit = promptLimit;
        this.total = total;
        this.status = RunStatus.QUEUED;
        this.createdAt = Instant.now();
        this.nodeName = org.flamesaudit.support.AppConfig.nodeName();
    }

    void decisionRule(String rule) {
        this.decisionRule = rule;
    }

    void blockedPolicy(org.flamesaudit.run.BlockedPolicy policy) {
        this.blockedPolicy = policy;
    }

    void distributed(boolean distributed) {
        this.distributed = distributed;
    }

    void firedBy(Long scheduleId) {
        this.scheduleId = scheduleId;
    }

    public Long getScheduleId() {
        return scheduleId;
    }

    public void queued(String nodeName) {
        this.nodeName = nodeName;
        this.status = RunStatus.QUEUED;
        this.error = null;
        this.haltReason = null;
        this.withheldReason = null;
        this.completionVerdict = null;
        this.failuresAcceptedBy = null;
        this.failuresAcceptedAt = null;
        this.failuresAcceptedWhy = null;
        this.finishedAt = null;
        this.gateVerdict = null; // evaluated again when the restarted run's metrics are aggregated
        this.gateResult = null;
    }

    public void started(long executionId, String nodeName) {
        this.jobExecutionId = executionId;
        this.nodeName = nodeName;
        this.status = RunStatus.RUNNING;
        this.error = null;
        this.haltReason = null;
        if (startedAt == null) {
            startedAt = Instant.now();
        }
        this.finishedAt = null;
    }

    public void finished(RunStatus status, String error) {
        this.status = status;
        this.finishedAt = Instant.now();
        if (error != null && this.error == null) {
            this.error = org.flamesaudit.support.Texts.fit(error, 3900);
        }
    }

    public String getGateConfig() { return gateConfig; }
    public String getAlertsConfig() { return alertsConfig; }

    void alertsConfigured(String json) {
        this.alertsConfig = json;
    }

    public String getGateResult() { return gateResult; }
    public String getGateVerdict() { return gateVerdict; }

    void gateConfigured(String json) {
        this.gateConfig = json;
    }

    void gateEvaluated(String verdict, String json) {
        this.gateVerdict = verdict;
        this.gateResult = json;
    }

    public void metricsComputed(String json, Instant at) {
        this.metricsJson = json;
        this.metricsAt = at;
    }

    public Long getId() { return id; }
    public PromptSet getPromptSet() { return promptSet; }
    public RunStatus getStatus() { return status; }
    public String getTargetConfig() { return targetConfig; }
    public String getScorerConfig() { return scorerConfig; }
    public String getScorerKey() { return scorerKey; }
    public int getConcurrency() { return concurrency; }
    public boolean isDistributed() { return distributed; }
    public org.flamesaudit.run.BlockedPolicy getBlockedPolicy() { return blockedPolicy; }
    public String getDecisionRule() { return decisionRule; }
    public Integer getPromptLimit() { return promptLimit; }
    public int getTotal() { return total; }
    public Long getJobExecutionId() { return jobExecutionId; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getStartedAt() { return startedAt; }
    public Instant getFinishedAt() { return finishedAt; }
    public String getMetricsJson() { return metricsJson; }
    public String getError() { return error; }
    public String getHaltReason() { return haltReason; }
    public String getWithheldReason() { return withheldReason; }
    public String getFailuresAcceptedBy() { return failuresAcceptedBy; }
    public Instant getFailuresAcceptedAt() { return failuresAcceptedAt; }
    public String getFailuresAcceptedWhy() { return failuresAcceptedWhy; }

    /** Whether the run's completion is withheld: too many failures, not accepted by an auditor. */
    public boolean completionWithheld() {
        return withheldReason != null && failuresAcceptedAt == null;
    }

    void completionVerdict(Completion.Verdict verdict, String withheldReason) {
        this.completionVerdict = verdict;
        this.withheldReason = withheldReason == null ? null : org.flamesaudit.support.Texts.fit(withheldReason, 3900);
    }

    public Completion.Verdict getCompletionVerdict() { return completionVerdict; }

    public boolean failuresAccepted() { return failuresAcceptedAt != null; }

    void acceptFailures(String by, Instant at, String why) {
        this.failuresAcceptedBy = by;
        this.failuresAcceptedAt = at;
        this.failuresAcceptedWhy = org.flamesaudit.support.Texts.fit(why, 3900);
        this.status = RunStatus.COMPLETED;
        this.error = null;
    }
    public String getNodeName() { return nodeName; }
    public Instant getMetricsAt() { return metricsAt; }

    public String getCreatedBy() { return createdBy; }
    public String getName() { return name; }
    public String getTicket() { return ticket; }

    /** Records the run's name and ticket number (either may be null); once, when it is created. */
    public void labelled(String name, String ticket) {
        this.name = name;
        this.ticket = ticket;
    }

    /** Records who started the run; once, when it is created. */
    public void createdBy(String user) { this.createdBy = user; }
}
