package org.flamesaudit.scoring;

import java.util.List;

/**
 * Scores a batch of answers. Called once per chunk with the whole chunk, so that batched scorers (a classifier on a
 * GPU) can run it as one batch. Implementations return exactly one result per item, in the same order, and never
 * throw for a single bad item: that item is UNSCORABLE with the reason.
 */
public interface Scorer extends AutoCloseable {

    /** Stable identity of this scorer configuration; one score per (response, key). */
    String key();

    /** Version of the scorer's logic (rubric, model file hash), stored with each score. */
    String version();

    /** How many partitions the score step may run in parallel for this scorer. */
    default int parallelism(int runConcurrency) {
        return 1;
    }

    List<ScoreResult> score(List<ScoringItem> batch);

    /** Ends every provider call in flight at once (the run was stopped); in-process scorers have none. */
    default void abortCalls() {
    }

    @Override
    default void close() {
    }
}
