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

    /**
     * Whether this scorer calls a remote model once per item (an LLM judge) rather than scoring the batch as one: its
     * verdicts are then stored one by one as they arrive, each committed at once, so that a crash or kill repeats only
     * the calls in flight (as generation does for answers), not a whole chunk of paid calls.
     */
    default boolean scoresOneByOne() {
        return false;
    }

    /** Ends every provider call in flight at once (the run was stopped); in-process scorers have none. */
    default void abortCalls() {
    }

    @Override
    default void close() {
    }
}
