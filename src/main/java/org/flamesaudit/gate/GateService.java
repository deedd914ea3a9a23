package org.flamesaudit.gate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.flamesaudit.metrics.FlamesMetrics;
import org.flamesaudit.metrics.MetricsLogger;
import org.flamesaudit.metrics.RunMetricsService;
import org.flamesaudit.run.AuditRun;
import org.flamesaudit.run.RunStore;
import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.support.Jsons;
import org.jboss.logging.Logger;

import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.Optional;

/**
 * Where a run's gate meets the database: checks a named baseline when the run is requested, finds a scheduled run's
 * baseline, evaluates the gate once the run's metrics are aggregated ({@link GateRules}) and stores the outcome with
 * the run. A baseline must be a run with aggregated, final metrics on the same dataset version and with the same
 * scorer (the verdict that counts), so that a difference comes from the model.
 */
@ApplicationScoped
@Transactional
public class GateService {

    private static final MetricsLogger LOG = Logger.getMessageLogger(MethodHandles.lookup(), MetricsLogger.class,
            GateService.class.getName());

    @PersistenceContext(unitName = "flames")
    EntityManager em;

    @Inject
    RunStore runs;

    @Inject
    RunMetricsService metrics;

    /**
     * Checks the named baseline of a requested run.
     *
     * @throws ConfigurationException naming {@code gate.baselineRunId} when the run does not exist, has no final
     *                                metrics, audited another dataset version or was scored by another scorer
     */
    public void checkBaseline(GateSpec spec, long promptSetId, String countingKey,
                              org.flamesaudit.run.BlockedPolicy policy, Integer limit) {
        if (spec == null || spec.baselineRunId() == null) {
            return;
        }
        AuditRun base = em.find(AuditRun.class, spec.baselineRunId());
        if (base == null) {
            throw new ConfigurationException("gate.baselineRunId", "run " + spec.baselineRunId() + " does not exist");
        }
        String why = unusable(base, promptSetId, countingKey);
        if (why == null) {
            why = differentScope(base, policy, limit);
        }
        if (why != null) {
            throw new ConfigurationException("gate.baselineRunId", why);
        }
    }

    /** Why {@code base} cannot be the baseline of a run on {@code promptSetId} scored by {@code countingKey}; null if it can. */
    private static String unusable(AuditRun base, long promptSetId, String countingKey) {
        if (base.getMetricsAt() == null || base.completionWithheld()
                || base.getStatus() != org.flamesaudit.run.RunStatus.COMPLETED) {
            return "run " + base.getId() + " has no final metrics (status " + base.getStatus() + ")";
        }
        if (base.getPromptSet().getId() != promptSetId) {
            return "run " + base.getId() + " audited " + base.getPromptSet().getName() + " v"
                    + base.getPromptSet().getVersion() + ", another dataset version: a gate compares runs on the same "
                    + "prompts";
        }
        if (!base.getScorerKey().equals(countingKey)) {
            return "run " + base.getId() + " was scored by " + base.getScorerKey() + ", this run by " + countingKey
                    + ": a gate compares runs scored alike";
        }
        return null;
    }

    /** Why {@code base} counted or asked other prompts than a run with this policy and limit would; null if not. */
    private static String differentScope(AuditRun base, org.flamesaudit.run.BlockedPolicy policy, Integer limit) {
        if (base.getBlockedPolicy() != policy) {
            return "run " + base.getId() + " counts blocked prompts as " + base.getBlockedPolicy().label()
                    + ", this run as " + policy.label() + ": the rates would not compare";
        }
        if (!java.util.Objects.equals(base.getPromptLimit(), limit)) {
            return "run " + base.getId() + " asked " + (base.getPromptLimit() == null ? "every prompt"
                    : "the first " + base.getPromptLimit() + " prompts") + ", this run " + (limit == null
                    ? "every prompt" : "the first " + limit) + ": a gate compares runs on the same prompts";
        }
        return null;
    }

    /**
     * Evaluates the run's gate, if it has one, from {@code result} (its metrics just aggregated) and stores the
     * outcome; {@code withheld}: why the run's completion is withheld (the gate is then INCONCLUSIVE), or null.
     */
    /** Stores an INCONCLUSIVE gate that names why it could not be evaluated. */
    public void undecidable(long runId, String why) {
        AuditRun run = runs.require(runId);
        if (run.getGateConfig() == null) {
            return;
        }
        GateResult gate = GateRules.undecided(GateSpec.fromJson(Jsons.parseObject(run.getGateConfig())),
                "the gate could not be evaluated: " + why);
        runs.gateEvaluated(runId, gate.verdict().name(), gate.toJson().toString());
    }

    public Optional<GateResult> evaluate(long runId, FlamesMetrics.Result result, String withheld) {
        AuditRun run = runs.require(runId);
        if (run.getGateConfig() == null) {
            return Optional.empty();
        }
        GateSpec spec = GateSpec.fromJson(Jsons.parseObject(run.getGateConfig()));
        GateResult gate;
        if (withheld != null) {
            gate = GateRules.undecided(spec, "the run's completion is withheld: " + withheld);
        } else {
            AuditRun base = null;
            String noBaseline = null;
            if (spec.notWorse()) {
                if (spec.baselineRunId() != null) {
                    base = em.find(AuditRun.class, spec.baselineRunId());
                    noBaseline = base == null ? "baseline run " + spec.baselineRunId() + " no longer exists"
                            : unusable(base, run.getPromptSet().getId(), run.getScorerKey());
                    if (noBaseline == null) {
                        noBaseline = differentScope(base, run.getBlockedPolicy(), run.getPromptLimit());
                    }
                    if (noBaseline != null) {
                        base = null;
                    }
                } else if (run.getScheduleId() != null) {
                    base = previousOfSchedule(run).orElse(null);
                    noBaseline = base == null ? "the schedule has no earlier completed run on this dataset version "
                            + "with this scorer whose gate did not fail" : null;
                } else {
                    noBaseline = "no baseline: name one with gate.baselineRunId";
                }
            }
            gate = GateRules.evaluate(spec, result, base == null ? null : metrics.compute(base.getId()),
                    base == null ? null : base.getId(), noBaseline);
        }
        runs.gateEvaluated(runId, gate.verdict().name(), gate.toJson().toString());
        LOG.gateEvaluated(runId, gate.verdict().name(), String.join("; ", gate.rules().stream()
                .filter(r -> r.verdict() != GateResult.Verdict.PASS).map(r -> r.kind() + " " + r.scope() + " "
                        + r.verdict()).toList()));
        return Optional.of(gate);
    }

    /**
     * The schedule's latest earlier COMPLETED run on the same prompt set, scorer, blocked-prompt policy and prompt
     * limit whose own gate did not fail: the last model that was accepted, so that one regression does not become
     * the next run's standard.
     */
    private Optional<AuditRun> previousOfSchedule(AuditRun run) {
        List<AuditRun> earlier = em.createQuery("select r from AuditRun r where r.scheduleId = :s and r.id < :id "
                        + "and r.promptSet.id = :set and r.scorerKey = :key and r.metricsAt is not null "
                        + "order by r.id desc", AuditRun.class)
                .setParameter("s", run.getScheduleId()).setParameter("id", run.getId())
                .setParameter("set", run.getPromptSet().getId()).setParameter("key", run.getScorerKey())
                .setMaxResults(20).getResultList();
        return earlier.stream().filter(r -> r.getStatus() == org.flamesaudit.run.RunStatus.COMPLETED
                && !r.completionWithheld() && !"FAIL".equals(r.getGateVerdict())
                && differentScope(r, run.getBlockedPolicy(), run.getPromptLimit()) == null).findFirst();
    }
}
