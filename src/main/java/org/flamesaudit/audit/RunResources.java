package org.flamesaudit.audit;

import org.flamesaudit.support.Jsons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import org.flamesaudit.generation.ConnectorFactory;
import org.flamesaudit.generation.ModelConnector;
import org.flamesaudit.generation.CircuitBreaker;
import org.flamesaudit.generation.RetryingCaller;
import org.flamesaudit.generation.TargetSpec;
import org.flamesaudit.scoring.Scorer;
import org.flamesaudit.scoring.ScorerFactory;
import org.flamesaudit.scoring.ScorerSpec;
import org.flamesaudit.scoring.djl.DjlScorers;
import org.flamesaudit.keys.Secrets;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The connector and scorer of each active run, built once per run and JVM and shared by all its partitions (both
 * are thread-safe), so a replay file or a scorer model is loaded once. Released when the run's job ends.
 */
@ApplicationScoped
public class RunResources {

    public record Resources(TargetSpec target, ModelConnector connector, RetryingCaller retrying,
                            ScorerSpec scorerSpec, Scorer scorer, CircuitBreaker scorerBreaker) {

        /** Why the run's calls were halted (its target's or its judge's breaker opened), or null. */
        public String haltReason() {
            String target = retrying.breaker().openReason();
            return target != null ? target : scorerBreaker.openReason();
        }
    }

    private final ConcurrentMap<Long, Resources> byRun = new ConcurrentHashMap<>();
    @Inject
    org.flamesaudit.keys.ApiKeyService apiKeys;

    @Inject
    RunStore runs;

    @Inject
    DjlScorers djl;

    @Inject
    org.flamesaudit.scoring.training.TrainedHeadsStore trainedHeads;

    public Resources forRun(long runId) {
        return byRun.computeIfAbsent(runId, this::build);
    }

    private Resources build(long runId) {
        AuditRun run = runs.require(runId);
        TargetSpec target = TargetSpec.fromJson(Jsons.parseObject(run.getTargetConfig()));
        ScorerSpec scorerSpec = ScorerSpec.fromJson(Jsons.parseObject(run.getScorerConfig()));
        ConnectorFactory connectors = new ConnectorFactory(secrets());
        ModelConnector connector = connectors.create(target);
        CircuitBreaker scorerBreaker = new CircuitBreaker("the scorer (" + scorerSpec.type()
                + (scorerSpec.model() == null ? "" : " " + scorerSpec.model()) + ")", CircuitBreaker.DEFAULT_THRESHOLD);
        Scorer scorer = new ScorerFactory(secrets(), djl, trainedHeads::heads).create(scorerSpec, scorerBreaker);
        if (!scorer.key().equals(run.getScorerKey())) {
            connector.close();
            scorer.close();
            throw new org.flamesaudit.support.ConfigurationException("scorer", "the scorer changed since run " + runId
                    + " was created (was " + run.getScorerKey() + ", now " + scorer.key()
                    + "); restore the original scorer file or start a new run");
        }
        CircuitBreaker targetBreaker = new CircuitBreaker("the model under test (" + target.label() + ")",
                CircuitBreaker.DEFAULT_THRESHOLD);
        return new Resources(target, connector, new RetryingCaller(ConnectorFactory.retryPolicy(target), targetBreaker),
                scorerSpec, scorer, scorerBreaker);
    }

    /** Why the run's calls were halted, or null; read it before {@link #release}. */
    public String haltReason(long runId) {
        Resources r = byRun.get(runId);
        return r == null ? null : r.haltReason();
    }

    /** Ends the run's provider calls in flight on this node (target and judge): the run is being stopped. */
    public void abortCalls(long runId) {
        Resources r = byRun.get(runId);
        if (r != null) {
            r.connector().abortCalls();
            r.scorer().abortCalls();
        }
    }

    public void release(long runId) {
        Resources r = byRun.remove(runId);
        if (r != null) {
            r.connector().close();
            r.scorer().close();
        }
    }

    /** This server's keys, each released only for the endpoints registered for it. */
    private Secrets secrets() {
        return Secrets.ofThisServer(apiKeys::endpoints);
    }
}
