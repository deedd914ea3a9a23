package org.flamesaudit.audit;

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

    public AuditRun create(long promptSetId, String target, String scorer, String scorerKey, int concurrency,
                           Integer limit, Long scheduleId, boolean distributed,
                           org.flamesaudit.metrics.BlockedPolicy blockedPolicy) {
        PromptSet set = em.find(PromptSet.class, promptSetId);
        int total = limit == null ? set.getPromptCount() : Math.min(limit, set.getPromptCount());
        AuditRun run = new AuditRun(set, target, scorer, scorerKey, concurrency, limit, total);
        run.firedBy(scheduleId);
        run.distributed(distributed);
        run.blockedPolicy(blockedPolicy);
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

    /** Records the run's current job execution; a bulk update, so it never races the job's own status updates. */
    public void jobSubmitted(long runId, long executionId) {
        em.createQuery("update AuditRun r set r.jobExecutionId = :e where r.id = :id")
                .setParameter("e", executionId).setParameter("id", runId).executeUpdate();
    }

    /**
     * Removes the run's failed work so that a restart tries it again: responses whose model call failed (and, when
     * asked, prompts the provider blocked), and scores whose scorer call failed (not verdicts: an unparseable judge
     * answer stays UNSCORABLE). Returns how many rows.
     */
    public int resetFailedWork(long runId, boolean blockedToo) {
        int scores = em.createQuery("delete from Score s where s.scorerError is not null and s.response.id in "
                        + "(select r.id from ModelResponse r where r.run.id = :run)")
                .setParameter("run", runId).executeUpdate();
        java.util.Set<org.flamesaudit.generation.ItemOutcome> asked = retried(blockedToo);
        int responses = em.createQuery("delete from ModelResponse r where r.run.id = :run and r.outcome in :asked")
                .setParameter("run", runId).setParameter("asked", asked).executeUpdate();
        return scores + responses;
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
        run.queued(nodeName());
        return was;
    }

    /** How many rows {@link #resetFailedWork} would remove, without removing them. */
    public long countFailedWork(long runId, boolean blockedToo) {
        long scores = em.createQuery("select count(s) from Score s where s.scorerError is not null and s.response.run.id "
                + "= :run", Long.class).setParameter("run", runId).getSingleResult();
        long responses = em.createQuery("select count(r) from ModelResponse r where r.run.id = :run and r.outcome in "
                        + ":asked", Long.class).setParameter("run", runId)
                .setParameter("asked", retried(blockedToo)).getSingleResult();
        return scores + responses;
    }

    private static java.util.Set<org.flamesaudit.generation.ItemOutcome> retried(boolean blockedToo) {
        return blockedToo ? java.util.EnumSet.of(org.flamesaudit.generation.ItemOutcome.FAILED,
                org.flamesaudit.generation.ItemOutcome.BLOCKED)
                : java.util.EnumSet.of(org.flamesaudit.generation.ItemOutcome.FAILED);
    }

    public void queued(long runId) {
        require(runId).queued(nodeName());
    }

    public void started(long runId, long executionId) {
        require(runId).started(executionId, nodeName());
    }

    public void finished(long runId, RunStatus status, String error) {
        require(runId).finished(status, error);
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
                .setParameter("node", nodeName()).getResultList();
    }

    /** This server's node name: {@code jboss.node.name}, which WildFly defaults to the host name. */
    public static String nodeName() {
        String node = System.getProperty("jboss.node.name");
        if (node == null || node.isBlank()) {
            try {
                node = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                node = "unknown";
            }
        }
        return node;
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

    public List<AuditRun> list() {
        return em.createQuery("select r from AuditRun r order by r.id", AuditRun.class).getResultList();
    }
}
