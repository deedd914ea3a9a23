package org.flamesaudit.scoring;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.flamesaudit.generation.CircuitBreaker;
import org.flamesaudit.keys.ApiKeyService;
import org.flamesaudit.keys.Secrets;
import org.flamesaudit.run.AuditRun;
import org.flamesaudit.run.RunStore;
import org.flamesaudit.scoring.djl.DjlScorers;
import org.flamesaudit.scoring.training.TrainedHeadsStore;
import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.support.Jsons;

import org.flamesaudit.support.PerRun;

/**
 * The scorer of each active run on this node, with the judge's circuit breaker, built once per run and JVM and shared
 * by all the run's partitions here (scorers are thread-safe), so a model or a score file is loaded once. Refuses a
 * scorer whose key differs from the one the run was created with. Released by the run's job.
 */
@ApplicationScoped
public class ScorerResources {

    /** The run's scorer as its partitions call it. */
    public record RunScorer(ScorerSpec spec, Scorer scorer, CircuitBreaker breaker) {
    }

    private final PerRun<RunScorer> byRun = new PerRun<>(this::build, s -> s.scorer().close());

    @Inject
    ApiKeyService apiKeys;

    @Inject
    RunStore runs;

    @Inject
    DjlScorers djl;

    @Inject
    TrainedHeadsStore trainedHeads;

    public RunScorer forRun(long runId) {
        return byRun.get(runId);
    }

    private RunScorer build(long runId) {
        AuditRun run = runs.require(runId);
        ScorerSpec spec = ScorerSpec.fromJson(Jsons.parseObject(run.getScorerConfig()));
        CircuitBreaker breaker = new CircuitBreaker("the scorer (" + spec.type()
                + (spec.model() == null ? "" : " " + spec.model()) + ")", CircuitBreaker.DEFAULT_THRESHOLD);
        Scorer scorer = new ScorerFactory(Secrets.ofThisServer(apiKeys::endpoints), djl, trainedHeads::heads)
                .create(spec, breaker);
        if (!scorer.key().equals(run.getScorerKey())) {
            scorer.close();
            throw new ConfigurationException("scorer", "the scorer changed since run " + runId
                    + " was created (was " + run.getScorerKey() + ", now " + scorer.key()
                    + "); restore the original scorer file or start a new run");
        }
        return new RunScorer(spec, scorer, breaker);
    }

    /** Why the judge's breaker halted the run's calls on this node, or null. */
    public String haltReason(long runId) {
        return byRun.existing(runId).map(s -> s.breaker().openReason()).orElse(null);
    }

    /** Ends the run's judge calls in flight on this node. */
    public void abortCalls(long runId) {
        byRun.existing(runId).ifPresent(s -> s.scorer().abortCalls());
    }

    public void release(long runId) {
        byRun.release(runId);
    }
}
