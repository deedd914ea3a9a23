package org.flamesaudit.scoring;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.ArrayList;
import java.util.List;

/**
 * Hands the whole chunk to the run's scorer in one call (so a batched scorer sees a real batch) and stores one score
 * per response; the unique (response, scorer) constraint makes a second score impossible. A scorer that calls a model
 * per item ({@link Scorer#scoresOneByOne()}, the LLM judge) is given one item at a time instead, and each verdict is
 * committed as it arrives: a kill mid-chunk then repeats only the judge calls that were in flight.
 */
@Named
@Dependent
public class ScoreItemWriter extends AbstractItemWriter {

    /** Required: id of the audit run. */
    @Inject
    @BatchProperty
    String runId;

    @Inject
    ScorerResources scorers;

    @Inject
    ScoringStore store;

    @Override
    public void writeItems(List<Object> items) {
        List<ScoringItem> batch = new ArrayList<>(items.size());
        for (Object o : items) {
            batch.add((ScoringItem) o);
        }
        Scorer scorer = scorers.forRun(Long.parseLong(runId)).scorer();
        if (scorer.scoresOneByOne()) {
            for (ScoringItem item : batch) {
                List<ScoringItem> one = List.of(item);
                // a halt (ScoringHaltedException) ends the chunk here; the verdicts before it are committed already
                store.persistAlone(one, scorer.score(one), scorer.key(), scorer.version());
            }
            return;
        }
        List<ScoreResult> results;
        try {
            results = scorer.score(batch);
        } catch (ScoringHaltedException halt) {
            // every verdict returned before the halt is stored, in its own transaction: the chunk's rolls back
            if (!halt.done().isEmpty()) {
                store.persistAlone(batch.subList(0, halt.done().size()), halt.done(), scorer.key(), scorer.version());
            }
            throw halt;
        }
        store.persist(batch, results, scorer.key(), scorer.version());
    }
}
