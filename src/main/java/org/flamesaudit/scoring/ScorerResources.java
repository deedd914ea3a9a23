package org.flamesaudit.scoring;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.flamesaudit.generation.CircuitBreaker;
import org.flamesaudit.keys.ApiKeyService;
import org.flamesaudit.keys.Secrets;
import org.flamesaudit.scoring.djl.DjlScorers;
import org.flamesaudit.scoring.training.TrainedHeadsStore;
import org.flamesaudit.support.ConfigurationException;
import org.flamesaudit.support.Jsons;

import org.flamesaudit.support.PerRun;

/**
 * The scorers of each active run on this node (its primary and any others, {@link ScorerPanels}), each with its own
 * circuit breaker, built once per run and JVM and shared by all the run's partitions here (scorers are thread-safe),
 * so a model or a score file is loaded once. Refuses a scorer whose key differs from the one the run was created
 * with. Released by the run's job.
 */
@ApplicationScoped
public class ScorerResources {

    /** One scorer of the run as its partitions call it. */
    public record RunScorer(ScorerSpec spec, Scorer scorer, CircuitBreaker breaker) {
    }

    /** Every scorer of the run, in the run's order (the primary first), with the run's decision rule. */
    public record RunScorers(ScorerPanels.Panel panel, List<RunScorer> members) {

        public RunScorer member(int position) {
            return members.get(position);
        }

        public RunScorer primary() {
            return members.get(0);
        }
    }

    private final PerRun<RunScorers> byRun = new PerRun<>(this::build,
            s -> s.members().forEach(m -> m.scorer().close()));

    @Inject
    ApiKeyService apiKeys;

    @Inject
    ScorerPanels panels;

    @Inject
    DjlScorers djl;

    @Inject
    TrainedHeadsStore trainedHeads;

    public RunScorers forRun(long runId) {
        return byRun.get(runId);
    }

    private RunScorers build(long runId) {
        ScorerPanels.Panel panel = panels.of(runId);
        List<RunScorer> built = new ArrayList<>();
        try {
            for (RunScorerMember member : panel.members()) {
                built.add(build(runId, member, panel.isPanel()));
            }
        } catch (RuntimeException e) {
            built.forEach(m -> m.scorer().close());
            throw e;
        }
        return new RunScorers(panel, List.copyOf(built));
    }

    private RunScorer build(long runId, RunScorerMember member, boolean several) {
        ScorerSpec spec = ScorerSpec.fromJson(Jsons.parseObject(member.getScorerConfig()));
        String name = "the scorer" + (several ? " #" + (member.getPosition() + 1) : "") + " (" + spec.type()
                + (spec.model() == null ? "" : " " + spec.model()) + ")";
        CircuitBreaker breaker = new CircuitBreaker(name, CircuitBreaker.DEFAULT_THRESHOLD);
        Scorer scorer = new ScorerFactory(Secrets.ofThisServer(apiKeys::endpoints), djl, trainedHeads::heads)
                .create(spec, breaker);
        if (!scorer.key().equals(member.getScorerKey())) {
            scorer.close();
            throw new ConfigurationException("scorer", "the scorer changed since run " + runId
                    + " was created (was " + member.getScorerKey() + ", now " + scorer.key()
                    + "); restore the original scorer file or start a new run");
        }
        return new RunScorer(spec, scorer, breaker);
    }

    /** Why a scorer's breaker halted the run's calls on this node (the first scorer's that did), or null. */
    public String haltReason(long runId) {
        return byRun.existing(runId).flatMap(s -> s.members().stream().map(m -> m.breaker().openReason())
                .filter(java.util.Objects::nonNull).findFirst()).orElse(null);
    }

    /** Ends the run's scorer calls in flight on this node. */
    public void abortCalls(long runId) {
        byRun.existing(runId).ifPresent(s -> s.members().forEach(m -> m.scorer().abortCalls()));
    }

    public void release(long runId) {
        byRun.release(runId);
    }
}
