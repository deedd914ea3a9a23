package org.flamesaudit.generation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.flamesaudit.keys.ApiKeyService;
import org.flamesaudit.keys.Secrets;
import org.flamesaudit.run.AuditRun;
import org.flamesaudit.run.RunStore;
import org.flamesaudit.support.Jsons;

import org.flamesaudit.support.PerRun;

/**
 * The model under test of each active run on this node: its connector and the retrying caller with the target's
 * circuit breaker, built once per run and JVM and shared by all the run's partitions here (both are thread-safe), so
 * a replay file is read once. Built on first use (any node that runs a partition), released by the run's job.
 */
@ApplicationScoped
public class TargetResources {

    /**
     * The run's target as its partitions call it; {@code stopping} is set when the run's stop aborts its calls on this
     * node. The partitions read it here because a partition's JobContext is a copy that never sees the job's
     * STOPPING status (JBeret clones the job execution for each partition).
     */
    public record Target(TargetSpec spec, ModelConnector connector, RetryingCaller retrying,
                         java.util.concurrent.atomic.AtomicBoolean stopping) {

        /** Whether the run is being stopped on this node (its calls were aborted). */
        public boolean isStopping() {
            return stopping.get();
        }
    }

    private final PerRun<Target> byRun = new PerRun<>(this::build, t -> t.connector().close());

    @Inject
    ApiKeyService apiKeys;

    @Inject
    RunStore runs;

    public Target forRun(long runId) {
        return byRun.get(runId);
    }

    private Target build(long runId) {
        AuditRun run = runs.require(runId);
        TargetSpec spec = TargetSpec.fromJson(Jsons.parseObject(run.getTargetConfig()));
        ModelConnector connector = new ConnectorFactory(Secrets.ofThisServer(apiKeys::endpoints)).create(spec);
        CircuitBreaker breaker = new CircuitBreaker("the model under test (" + spec.label() + ")",
                CircuitBreaker.DEFAULT_THRESHOLD);
        return new Target(spec, connector, new RetryingCaller(ConnectorFactory.retryPolicy(spec), breaker),
                new java.util.concurrent.atomic.AtomicBoolean());
    }

    /** Why the target's breaker halted the run's calls on this node, or null. */
    public String haltReason(long runId) {
        return byRun.existing(runId).map(t -> t.retrying().breaker().openReason()).orElse(null);
    }

    /** Ends the run's calls to the target in flight on this node. */
    public void abortCalls(long runId) {
        byRun.existing(runId).ifPresent(t -> {
            t.stopping().set(true);
            t.connector().abortCalls();
        });
    }

    public void release(long runId) {
        byRun.release(runId);
    }
}
