package org.flamesaudit.reporting;

import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.flamesaudit.run.RunStore;
import org.jboss.logging.Logger;

import java.lang.invoke.MethodHandles;
import java.util.Properties;

/** Starts the {@code flames-report} job, which renders a completed run's reports again and stores them. */
@ApplicationScoped
public class ReportJobs {

    static final String JOB = "flames-report";

    private static final ReportingLogger LOG = Logger.getMessageLogger(MethodHandles.lookup(), ReportingLogger.class,
            ReportJobs.class.getName());

    @Inject
    RunStore runs;

    /** Returns the job execution id. Refuses a run whose metrics are not aggregated yet. */
    public long start(long runId) {
        var run = runs.requireAggregated(runId, "its reports can be rendered");
        if (run.completionWithheld()) {
            throw new org.flamesaudit.support.ConflictException("run " + runId + " has no formal report: "
                    + run.getWithheldReason());
        }
        Properties params = new Properties();
        params.setProperty("runId", Long.toString(runId));
        params.setProperty("requestedBy", org.flamesaudit.support.CurrentUser.name());
        long execution = BatchRuntime.getJobOperator().start(JOB, params);
        LOG.reportJobStarted(runId, execution);
        return execution;
    }
}
