package org.flamesaudit.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.flamesaudit.cluster.PartitionLifecycle;
import org.flamesaudit.generation.TargetResources;
import org.flamesaudit.run.RunStore;
import org.flamesaudit.scoring.ScorerResources;
import org.flamesaudit.support.AppConfig;
import org.jboss.logging.Logger;

import java.lang.invoke.MethodHandles;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A run's provider resources on this node, both sides at once: the target's ({@link TargetResources}) and the
 * scorer's ({@link ScorerResources}). The audit job builds them before its first step (a misconfiguration fails the
 * run before any call), reads why a breaker halted the run, and releases them when the job ends; a stop aborts
 * the calls in flight.
 * <p>
 * On a node that runs partitions of a distributed run it does not run the job of (a worker), the resources live
 * as long as the run's partitions there ({@link PartitionLifecycle}): built by the first, released when the last one
 * ends, so a restart builds them again (a new key, closed breakers). When a partition ends with a breaker open on
 * any node, the reason is stored with the run ({@link RunStore#recordHalt}) and the job's node halts the run with it.
 */
@ApplicationScoped
public class RunResources {

    @Inject
    TargetResources targets;

    @Inject
    ScorerResources scorers;

    @Inject
    RunStore runs;

    private static final AuditLogger LOG = Logger.getMessageLogger(MethodHandles.lookup(), AuditLogger.class,
            RunResources.class.getName());

    /** Partitions of each run running on this node now (distributed runs). */
    private final ConcurrentMap<Long, Integer> partitionsHere = new ConcurrentHashMap<>();

    /** Builds the run's target and scorer on this node now; throws what a misconfiguration of either throws. */
    public void prepare(long runId) {
        targets.forRun(runId);
        scorers.forRun(runId);
    }

    /** Why the run's calls were halted (its target's, else its judge's breaker opened), or null; read before {@link #release}. */
    public String haltReason(long runId) {
        String target = targets.haltReason(runId);
        return target != null ? target : scorers.haltReason(runId);
    }

    /** Ends the run's provider calls in flight on this node (target and judge): the run is being stopped. */
    public void abortCalls(long runId) {
        targets.abortCalls(runId);
        scorers.abortCalls(runId);
    }

    public void release(long runId) {
        targets.release(runId);
        scorers.release(runId);
    }

    /** Counts this node's partitions of a distributed run; see the class comment. */
    void onPartition(@Observes PartitionLifecycle event) {
        String run = event.jobParameters() == null ? null : event.jobParameters().getProperty("runId");
        if (run == null) {
            return; // not an audit job
        }
        long runId = Long.parseLong(run);
        if (!event.ended()) {
            partitionsHere.merge(runId, 1, Integer::sum);
            return;
        }
        String halted = haltReason(runId);
        if (halted != null) {
            runs.recordHalt(runId, halted);
        }
        Integer left = partitionsHere.computeIfPresent(runId, (k, n) -> n > 1 ? n - 1 : null);
        if (left == null && !AppConfig.nodeName().equals(runs.require(runId).getNodeName())) {
            release(runId);
            if (halted == null) {
                LOG.partitionResourcesReleased(runId);
            } else {
                LOG.partitionResourcesReleasedHalted(runId, halted);
            }
        }
    }
}
