package org.flamesaudit.reporting;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jboss.logging.Logger;

import java.lang.invoke.MethodHandles;
import java.util.List;

/**
 * Renders and stores a run's PDF and XLSX reports. In the audit job it runs after aggregation with
 * {@code failOnError=false}: the run's metrics are already final, so a rendering failure is logged and ends the step
 * with exit status {@code REPORT_FAILED} instead of failing the audit; the report can then be rendered again on demand
 * ({@code POST /api/runs/{id}/reports}), which runs the {@code flames-report} job where a failure fails the job.
 */
@Named
@Dependent
public class RenderReportsBatchlet extends AbstractBatchlet {

    private static final ReportingLogger LOG = Logger.getMessageLogger(MethodHandles.lookup(), ReportingLogger.class,
            RenderReportsBatchlet.class.getName());

    /** Required: id of the audit run. */
    @Inject
    @BatchProperty
    String runId;

    /** Whether a rendering failure fails the step (default true). */
    @Inject
    @BatchProperty
    String failOnError;

    /** Why the reports are rendered ({@link RenderReason#code()}): audit-job or requested. */
    @Inject
    @BatchProperty
    String reason;

    /** Who asked for the rendering (the requested job's user); the job itself runs as "system". */
    @Inject
    @BatchProperty
    String requestedBy;

    @Inject
    ReportService reports;

    @Override
    public String process() {
        long id = Long.parseLong(runId);
        String withheld = reports.withheld(id);
        if (withheld != null) {
            LOG.noFormalReport(id, withheld);
            return "NOT_RENDERED";
        }
        try {
            RenderReason why = RenderReason.of(reason);
            if (why == null) {
                throw new IllegalArgumentException("the batch property reason is \"" + reason + "\"; the job XML "
                        + "must set one of audit-job, requested");
            }
            List<RenderedReport> done = reports.renderAll(id, why, requestedBy == null || requestedBy.isBlank()
                    ? org.flamesaudit.support.CurrentUser.name() : requestedBy);
            return "RENDERED " + done.get(0).getReportId();
        } catch (RuntimeException e) {
            if (failOnError == null || Boolean.parseBoolean(failOnError)) {
                throw e;
            }
            LOG.reportsNotRendered(id, e);
            return "REPORT_FAILED";
        }
    }
}
