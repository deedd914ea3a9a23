package org.flamesaudit.run;

/** Lifecycle of an audit run as the API reports it. */
public enum RunStatus {
    QUEUED, RUNNING, COMPLETED, FAILED, STOPPED;

    /** Waiting for or being executed by a node: the statuses whose progress still moves. */
    public static final java.util.Set<RunStatus> ACTIVE = java.util.EnumSet.of(QUEUED, RUNNING);

    public boolean isActive() {
        return ACTIVE.contains(this);
    }
}
