package org.flamesaudit.run;

/** Lifecycle of an audit run as the API reports it. */
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
}
