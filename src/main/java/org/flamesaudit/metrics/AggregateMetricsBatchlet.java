package org.flamesaudit.metrics;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.flamesaudit.run.RunStore;
import org.jboss.logging.Logger;

import java.lang.invoke.MethodHandles;

/** Decides what is left undecided ({@link org.flamesaudit.scoring.PanelDecisions}), then computes the run's Flames metrics from every stored score and stores them with the run. Idempotent. */
@Named
@Dependent
public class AggregateMetricsBatchlet extends AbstractBatchlet {

    private static final MetricsLogger LOG = Logger.getMessageLogger(MethodHandles.lookup(), MetricsLogger.class,
            AggregateMetricsBatchlet.class.getName());

    /** Required: id of the audit run. */
    @Inject
    @BatchProperty
    String runId;

    @Inject
    RunMetricsService metrics;

    @Inject
    RunStore runs;

    @Inject
    org.flamesaudit.scoring.PanelDecisions decisions;

    @Inject
    jakarta.enterprise.event.Event<MetricsAggregated> aggregated;

    @Override
    public String process() {
        long id = Long.parseLong(runId);
        decisions.decideAll(id); // under a deciding rule: any item whose decision the score step left undone
        FlamesMetrics.Result result = metrics.compute(id);
        runs.metricsComputed(id, MetricsJson.toJson(result).toString());
        long total = runs.require(id).getTotal();
        double maxFailedShare = org.flamesaudit.support.Setting.RUNS_MAX_FAILED_SHARE.fractionValue();
        String withheld = org.flamesaudit.run.Completion.reason(id, total, result.failed(), result.pending(),
                maxFailedShare);
        runs.completionVerdict(id, org.flamesaudit.run.Completion.of(total, result.failed(), result.pending(),
                maxFailedShare), withheld);
        aggregated.fire(new MetricsAggregated(id, result, withheld));
        if (withheld != null) {
            LOG.completionWithheld(id, withheld);
            return "COMPLETION_WITHHELD";
        }
        LOG.metricsComputed(id, result.overallHarmlessRate(), result.overallHarmlessScore(), result.unscorable(),
                result.failed());
        return "COMPLETED";
    }
}
