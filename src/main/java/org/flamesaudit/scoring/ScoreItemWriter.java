package org.flamesaudit.scoring;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.ArrayList;
import java.util.List;

/**
 * Hands the whole chunk to the partition's scorer (one of the run's, {@code scorerIndex}) in one call (so a batched
 * scorer sees a real batch) and stores one verdict per response; the unique (response, scorer) constraint makes a
 * second verdict impossible. A scorer that calls a model per item ({@link Scorer#scoresOneByOne()}, the LLM judge) is
 * given one item at a time instead, and each verdict is committed as it arrives: a kill mid-chunk then repeats only
 * the judge calls that were in flight. Under a deciding rule, the items whose last verdict this was are decided
 * ({@link PanelDecisions}).
 */
@Named
@Dependent
public class ScoreItemWriter extends AbstractItemWriter {

    private static final ScoringLogger LOG = org.jboss.logging.Logger.getMessageLogger(
            java.lang.invoke.MethodHandles.lookup(), ScoringLogger.class, ScoreItemWriter.class.getName());

    /** Required: id of the audit run. */
    @Inject
    @BatchProperty
    String runId;

    /** This partition's scorer: its position among the run's scorers, 0 (the primary) when not given. */
    @Inject
    @BatchProperty
    String scorerIndex;

    @Inject
    ScorerResources scorers;

    @Inject
    ScoringStore store;

    @Inject
    PanelDecisions decisions;

    @Override
    public void writeItems(List<Object> items) {
        List<ScoringItem> batch = new ArrayList<>(items.size());
        for (Object o : items) {
            batch.add((ScoringItem) o);
        }
        long run = Long.parseLong(runId);
        ScorerResources.RunScorers all = scorers.forRun(run);
        int position = UnscoredResponseItemReader.position(scorerIndex);
        Scorer scorer = all.member(position).scorer();
        String key = all.panel().member(position).getScorerKey();
        if (scorer.scoresOneByOne()) {
            for (ScoringItem item : batch) {
                List<ScoringItem> one = List.of(item);
                // a halt (ScoringHaltedException) ends the chunk here; the verdicts before it are committed already
                store.persistAlone(one, scorer.score(one), key, scorer.version());
                decide(run, all, one);
            }
            return;
        }
        List<ScoreResult> results;
        try {
            results = scorer.score(batch);
        } catch (ScoringHaltedException halt) {
            // every verdict returned before the halt is stored, in its own transaction: the chunk's rolls back
            if (!halt.done().isEmpty()) {
                List<ScoringItem> done = batch.subList(0, halt.done().size());
                store.persistAlone(done, halt.done(), key, scorer.version());
                decide(run, all, done);
            }
            throw halt;
        }
        if (all.panel().rule().decides()) {
            // committed before deciding, so that another scorer's writer deciding the same items sees them
            store.persistAlone(batch, results, key, scorer.version());
            decide(run, all, batch);
        } else {
            store.persist(batch, results, key, scorer.version());
        }
    }

    private void decide(long run, ScorerResources.RunScorers all, List<ScoringItem> items) {
        if (!all.panel().rule().decides()) {
            return;
        }
        try {
            decisions.decide(run, items.stream().map(ScoringItem::responseId).toList());
        } catch (Exception e) { // the transaction's interceptor also throws RollbackException, a checked exception
            // the database refused (a lock timeout, the unique constraint): the aggregate step decides what is left
            LOG.decisionDeferred(run, e.toString());
        }
    }
}
