package org.flamesaudit.run;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.flamesaudit.dataset.PromptSet;
import org.flamesaudit.support.NotFoundException;

import java.util.List;

/** Persistence of audit runs and the scope queries every step shares. */
@ApplicationScoped
@Transactional
public class RunStore {

    @PersistenceContext(unitName = "flames")
    EntityManager em;

    /** Chains the entry this class writes into the tamper-evident audit log, in the same transaction. */
    @jakarta.inject.Inject
    org.flamesaudit.auditchain.AuditChain chain;

    /**
     * Stores a new QUEUED run. {@code scorer}: the primary scorer's configuration; {@code scorerKey}: the key of the
     * verdict that counts (the primary's, or the panel's under a deciding {@code decisionRule}).
     */
    public AuditRun create(long promptSetId, String target, String scorer, String scorerKey, String decisionRule,
                           int concurrency, Integer limit, Long scheduleId, boolean distributed,
                           org.flamesaudit.run.BlockedPolicy blockedPolicy, String name, String ticket) {
        PromptSet set = em.find(PromptSet.class, promptSetId);
        int total = limit == null ? set.getPromptCount() : Math.min(limit, set.getPromptCount());
        AuditRun run = new AuditRun(set, target, scorer, scorerKey, concurrency, limit, total);
        run.firedBy(scheduleId);
        run.distributed(distributed);
        run.blockedPolicy(blockedPolicy);
        run.decisionRule(decisionRule);
        run.createdBy(org.flamesaudit.support.CurrentUser.name());
        run.labelled(name, ticket);
        em.persist(run);
        return run;
    }

    public AuditRun require(long id) {
        AuditRun run = em.find(AuditRun.class, id);
        if (run == null) {
            throw new NotFoundException("run " + id + " does not exist");
        }
        return run;
    }

    /** The run with its dataset loaded (for a caller outside a transaction, such as the API's run page). */
    public AuditRun requireWithDataset(long id) {
        return em.createQuery("select r from AuditRun r join fetch r.promptSet where r.id = :id", AuditRun.class)
                .setParameter("id", id).getResultStream().findFirst()
                .orElseThrow(() -> new NotFoundException("run " + id + " does not exist"));
    }

    /**
     * The run, which must have aggregated metrics (its reports and comparisons need them); 409 otherwise, saying
     * what is waited for.
     */
    public AuditRun requireAggregated(long id, String purpose) {
        AuditRun run = require(id);
        if (run.getMetricsAt() == null) {
            throw new org.flamesaudit.support.ConflictException("run " + id + " has no aggregated metrics yet (status "
                    + run.getStatus() + "); " + purpose + " once the run has completed");
        }
        return run;
    }

    /**
     * The run, locked (a row lock, held to the end of the caller's transaction) for whatever must happen once per
     * run at a time across every node: rendering a report that is not stored yet.
     */
    public AuditRun lock(long id) {
        AuditRun run = em.find(AuditRun.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (run == null) {
            throw new NotFoundException("run " + id + " does not exist");
        }
        return run;
    }

    /** Records the run's current job execution; a bulk update, so it never races the job's own status updates. */
    public void jobSubmitted(long runId, long executionId) {
        em.createQuery("update AuditRun r set r.jobExecutionId = :e where r.id = :id")
                .setParameter("e", executionId).setParameter("id", runId).executeUpdate();
    }

    /**
     * Claims the run for one restart: under a row lock, a run that is QUEUED or RUNNING (another restart is starting
     * or running it) is refused with 409; otherwise it becomes QUEUED. Returns the status it had.
     */
    public RunStatus claimRestart(long runId) {
        AuditRun run = em.find(AuditRun.class, runId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (run == null) {
            throw new NotFoundException("run " + runId + " does not exist");
        }
        if (run.getStatus().isActive()) {
            throw new org.flamesaudit.support.ConflictException("run " + runId + " is " + run.getStatus()
                    + ": a restart is already starting or running it; wait until it ends");
        }
        RunStatus was = run.getStatus();
        run.queued(org.flamesaudit.support.AppConfig.nodeName());
        return was;
    }

    public void queued(long runId) {
        require(runId).queued(org.flamesaudit.support.AppConfig.nodeName());
    }

    public void started(long runId, long executionId) {
        require(runId).started(executionId, org.flamesaudit.support.AppConfig.nodeName());
    }

    /**
     * Records why a node's circuit breaker halted the run's calls; the first reason stays (a run halts for one
     * reason, whichever node saw it first).
     */
    public void recordHalt(long runId, String reason) {
        em.createQuery("update AuditRun r set r.haltReason = :why where r.id = :id and r.haltReason is null")
                .setParameter("why", org.flamesaudit.support.Texts.fit(reason, 3900)).setParameter("id", runId)
                .executeUpdate();
    }

    /**
     * Records the completion verdict of the run's aggregate step ({@link Completion}) and, when it is not
     * {@code COMPLETE}, why (null otherwise).
     */
    public void completionVerdict(long runId, Completion.Verdict verdict, String withheldReason) {
        require(runId).completionVerdict(verdict, withheldReason);
    }

    /**
     * An auditor accepts the failures of a COMPLETED_WITH_FAILURES run: it becomes COMPLETED, its metrics final and
     * its reports issuable; who, when and why are kept with the run.
     */
    public AuditRun acceptFailures(long runId, String by, String why) {
        AuditRun run = lock(runId);
        if (run.getStatus() != RunStatus.COMPLETED_WITH_FAILURES) {
            throw new org.flamesaudit.support.ConflictException("run " + runId + " is " + run.getStatus()
                    + "; only a COMPLETED_WITH_FAILURES run has failures to accept");
        }
        java.time.Instant now = java.time.Instant.now();
        String withheld = run.getWithheldReason();
        run.acceptFailures(by, now, why);
        em.persist(new FailureAcceptance(runId, by, now, org.flamesaudit.support.Texts.fit(why, 3900),
                org.flamesaudit.support.Texts.fit(withheld == null ? "" : withheld, 3900)));
        chain.seal();
        return run;
    }

    /** Every acceptance of failures (of one run, or of all when {@code runId} is null), newest first, at most {@code max}. */
    public java.util.List<FailureAcceptance> acceptances(Long runId, int max) {
        // no "(:run is null or ...)": PostgreSQL cannot type a parameter that is only compared with null
        var q = runId == null
                ? em.createQuery("select a from FailureAcceptance a order by a.acceptedAt desc, a.id desc",
                FailureAcceptance.class)
                : em.createQuery("select a from FailureAcceptance a where a.runId = :run "
                + "order by a.acceptedAt desc, a.id desc", FailureAcceptance.class).setParameter("run", runId);
        return q.setMaxResults(max).getResultList();
    }

    public void finished(long runId, RunStatus status, String error) {
        require(runId).finished(status, error);
    }

    /** Stores the run's gate ({@code gate.GateSpec} JSON) when it is created. */
    public void gateConfigured(long runId, String json) {
        require(runId).gateConfigured(json);
    }

    /** Stores the run's alerts ({@code alert.AlertSpec} JSON) when it is created. */
    public void alertsConfigured(long runId, String json) {
        require(runId).alertsConfigured(json);
    }

    /** Stores the gate's verdict and figures. */
    public void gateEvaluated(long runId, String verdict, String json) {
        require(runId).gateEvaluated(verdict, json);
    }

    public void metricsComputed(long runId, String json) {
        require(runId).metricsComputed(json, java.time.Instant.now());
    }

    /**
     * The highest line number of the run's scope: all prompts of the set, or the first {@code limit} by line.
     * Returns Integer.MAX_VALUE when the whole set is in scope.
     */
    public int scopeMaxLine(long runId) {
        AuditRun run = require(runId);
        if (run.getPromptLimit() == null) {
            return Integer.MAX_VALUE;
        }
        List<Integer> lines = em.createQuery("select p.lineNumber from Prompt p where p.promptSet = :set "
                        + "order by p.lineNumber", Integer.class)
                .setParameter("set", run.getPromptSet())
                .setFirstResult(run.getPromptLimit() - 1).setMaxResults(1).getResultList();
        return lines.isEmpty() ? Integer.MAX_VALUE : lines.get(0);
    }

    /**
     * Runs this node had queued or was executing when it last stopped (JBeret runs a job on the node that started
     * or restarted it). Runs of other nodes sharing the database are left alone.
     */
    public List<AuditRun> activeOnThisNode() {
        return em.createQuery("select r from AuditRun r where r.status in :s and r.nodeName = :node", AuditRun.class)
                .setParameter("s", RunStatus.ACTIVE)
                .setParameter("node", org.flamesaudit.support.AppConfig.nodeName()).getResultList();
    }

    /** Runs that may still start again (every status but COMPLETED), oldest first. */
    public List<AuditRun> notCompleted() {
        return em.createQuery("select r from AuditRun r where r.status <> :c order by r.id", AuditRun.class)
                .setParameter("c", RunStatus.COMPLETED).getResultList();
    }

    /** The runs a schedule started, newest first. */
    public List<AuditRun> ofSchedule(long scheduleId) {
        return em.createQuery("select r from AuditRun r where r.scheduleId = :s order by r.id desc", AuditRun.class)
                .setParameter("s", scheduleId).getResultList();
    }

    /** One page of the runs, newest first, and how many match. */
    public record Page(long total, List<AuditRun> runs) {
    }

    /**
     * The runs newest first, one page of them, narrowed by a search text and a status.
     *
     * @param search matched (any case) against the run id ("12" or "#12"), the target's configuration (model, URL,
     *               connector), the dataset's name and who started the run; null or blank: every run
     * @param status one status, or null for all
     */
    public Page page(String search, RunStatus status, int page, int size) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        String q = search == null ? "" : search.strip().toLowerCase(java.util.Locale.ROOT);
        Long id = null;
        if (!q.isEmpty()) {
            String digits = q.startsWith("#") ? q.substring(1) : q;
            if (digits.matches("\\d{1,18}")) {
                id = Long.parseLong(digits);
            }
            where.append(" and (lower(r.targetConfig) like :q escape '!' or lower(r.promptSet.name) like :q escape '!'"
                    + " or lower(r.createdBy) like :q escape '!' or lower(r.name) like :q escape '!'"
                    + " or lower(r.ticket) like :q escape '!'").append(id == null ? ")" : " or r.id = :id)");
        }
        if (status != null) {
            where.append(" and r.status = :status");
        }
        var count = em.createQuery("select count(r) from AuditRun r" + where, Long.class);
        var rows = em.createQuery("select r from AuditRun r join fetch r.promptSet" + where + " order by r.id desc",
                AuditRun.class);
        if (!q.isEmpty()) {
            String like = "%" + q.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
            count.setParameter("q", like);
            rows.setParameter("q", like);
            if (id != null) {
                count.setParameter("id", id);
                rows.setParameter("id", id);
            }
        }
        if (status != null) {
            count.setParameter("status", status);
            rows.setParameter("status", status);
        }
        return new Page(count.getSingleResult(), rows.setFirstResult(page * size).setMaxResults(size)
                .getResultList());
    }
}
