package org.flamesaudit.audit;

import org.flamesaudit.run.AuditRun;
import org.flamesaudit.run.RunStore;
import org.flamesaudit.run.RunStatus;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jboss.logging.Logger;

import java.lang.invoke.MethodHandles;

/**
 * Keeps the run's status in step with its job: RUNNING when a job execution starts, then COMPLETED, STOPPED or
 * FAILED; releases the run's connector and scorer at the end. Also fails the run before any work when its
 * connector or scorer cannot be built (missing API key, unreadable file).
 */
@Named
@Dependent
public class AuditJobListener extends AbstractJobListener {

    private static final AuditLogger LOG = Logger.getMessageLogger(MethodHandles.lookup(), AuditLogger.class,
            AuditJobListener.class.getName());

    /** Required: id of the audit run. */
    @Inject
    @BatchProperty
    String runId;

    @Inject
    JobContext jobContext;

    @Inject
    RunStore runs;

    @Inject
    RunResources resources;

    @Inject
    RunQueries queries;

    @Inject
    jakarta.enterprise.event.Event<org.flamesaudit.run.RunEnded> ended;

    @Override
    public void beforeJob() {
        long id = Long.parseLong(runId);
        runs.started(id, jobContext.getExecutionId());
        resources.release(id);
        try {
            resources.prepare(id); // fail fast on misconfiguration, before any step
        } catch (RuntimeException e) {
            runs.finished(id, RunStatus.FAILED, "cannot start: " + e.getMessage());
            throw e;
        }
    }

    @Override
    public void afterJob() {
        long id = Long.parseLong(runId);
        // this node's breakers first, else one that opened on a worker node of a distributed run
        String local = resources.haltReason(id);
        AuditRun ran = runs.require(id);
        String halted = local != null ? local : ran.getHaltReason();
        resources.release(id);
        BatchStatus status = jobContext.getBatchStatus();
        RunStatus runStatus = RunStatus.ofEndedJob(status, ran.getCompletionVerdict(), ran.failuresAccepted(),
                halted != null);
        String error = switch (runStatus) {
            case COMPLETED, QUEUED, RUNNING -> null;
            case STOPPED -> halted == null ? null : "halted: " + halted.replace("{id}", Long.toString(id));
            case COMPLETED_WITH_FAILURES -> ran.getWithheldReason();
            case FAILED -> status == BatchStatus.COMPLETED ? ran.getWithheldReason()
                    : "job ended " + status + ": " + jobContext.getExitStatus();
        };
        runs.finished(id, runStatus, error);
        try {
            ended.fire(new org.flamesaudit.run.RunEnded(id, runStatus, error, halted != null));
        } catch (RuntimeException e) {
            // the run's outcome is stored; an alert that cannot be sent must not turn it into a failed job
            LOG.afterRunEndedFailed(id, runStatus, e.toString());
        }
        if (halted != null && error != null) {
            LOG.runEndedWithReason(id, runStatus, error);
        } else {
            LOG.runEnded(id, runStatus);
        }
    }
}
