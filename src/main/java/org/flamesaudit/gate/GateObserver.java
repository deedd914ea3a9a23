package org.flamesaudit.gate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.flamesaudit.metrics.MetricsAggregated;
import org.flamesaudit.metrics.MetricsLogger;
import org.jboss.logging.Logger;

import java.lang.invoke.MethodHandles;

/**
 * Evaluates a run's gate once its metrics are aggregated ({@link MetricsAggregated}). A gate that cannot be evaluated
 * (the database, a baseline's metrics) is stored INCONCLUSIVE with the reason and never fails the run: the run's
 * figures stand whatever happens to its gate.
 */
@ApplicationScoped
public class GateObserver {

    private static final MetricsLogger LOG = Logger.getMessageLogger(MethodHandles.lookup(), MetricsLogger.class,
            GateObserver.class.getName());

    @Inject
    GateService gates;

    /** Also called when an auditor accepts a run's failures: its withheld completion no longer holds the gate. */
    public void onAggregated(@Observes MetricsAggregated event) {
        try {
            gates.evaluate(event.runId(), event.result(), event.withheld());
        } catch (RuntimeException e) {
            LOG.gateEvaluated(event.runId(), "INCONCLUSIVE", "could not be evaluated: " + e);
            gates.undecidable(event.runId(), e.toString());
        }
    }
}
