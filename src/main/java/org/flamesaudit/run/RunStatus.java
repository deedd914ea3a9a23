package org.flamesaudit.run;

import jakarta.batch.runtime.BatchStatus;

/**
 * Lifecycle of an audit run as the API reports it. This is the product's record of a run; JBeret's
 * {@link BatchStatus} is the engine's record of one job execution. While a run has a job, its status changes at the
 * job's start (RUNNING) and end ({@link #ofEndedJob}, the one mapping from the engine's status to the product's);
 * before (QUEUED, by a submit or restart) and after (an auditor accepting failures, start-up recovery of a run whose
 * node died) the product changes it alone.
 */
public enum RunStatus {
    /**
     * {@code COMPLETED_WITH_FAILURES}: every step ran, but more prompts failed than the threshold allows
     * ({@link Completion}); the metrics are not final and no formal report is issued until the failures are retried
     * (restart) or accepted.
     */
    QUEUED, RUNNING, COMPLETED, COMPLETED_WITH_FAILURES, FAILED, STOPPED;

    /** Waiting for or being executed by a node: the statuses whose progress still moves. */
    public static final java.util.Set<RunStatus> ACTIVE = java.util.EnumSet.of(QUEUED, RUNNING);

    public boolean isActive() {
        return ACTIVE.contains(this);
    }

    /**
     * The run's status when its job execution ended.
     *
     * @param batch    the job's batch status at its end
     * @param verdict  the aggregate step's {@link Completion} verdict, or null when that step did not run
     * @param accepted whether an auditor accepted the run's failed prompts (so that it may complete regardless)
     * @param halted   whether a provider halted the run (a breaker opened; its reason is recorded with the run)
     * @return COMPLETED when every step ran and the run may claim completion; COMPLETED_WITH_FAILURES or FAILED when
     * every step ran but too many prompts failed or none was answered (FAILED, never accepted, when prompts in scope
     * have no answer at all); STOPPED when stopped by a user or halted by
     * a provider; FAILED otherwise
     */
    public static RunStatus ofEndedJob(BatchStatus batch, Completion.Verdict verdict, boolean accepted, boolean halted) {
        RunStatus status = switch (batch) {
            case COMPLETED -> verdict == Completion.Verdict.PROMPTS_PENDING ? FAILED
                    : verdict == null || verdict == Completion.Verdict.COMPLETE || accepted ? COMPLETED
                    : verdict == Completion.Verdict.TOO_MANY_FAILURES ? COMPLETED_WITH_FAILURES : FAILED;
            case STOPPED, STOPPING -> STOPPED;
            default -> FAILED;
        };
        return halted && status != COMPLETED ? STOPPED : status;
    }
}
