package org.flamesaudit.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.flamesaudit.generation.GenerationStore;
import org.flamesaudit.scoring.ScoringStore;
import org.flamesaudit.support.WarmUp;

/**
 * Runs, once at start ({@link org.flamesaudit.support.WarmUps}), the queries with which the generate and score steps
 * begin, for a run that cannot exist (id -1), so that Hibernate has translated them before the first audit: without
 * it, every partition of the first audit after a start (64 at concurrency 64) translates the same query at the same
 * moment on a cold query cache. Reads nothing and writes nothing. Effect: BENCHMARKS.md, whole-audit throughput.
 */
@ApplicationScoped
public class PipelineWarmUp implements WarmUp {

    /** A run id no run has: every query answers nothing. */
    private static final long NO_RUN = -1L;

    @Inject
    GenerationStore generation;

    @Inject
    ScoringStore scoring;

    @Override
    public String what() {
        return "the audit steps' opening queries";
    }

    /** The steps' opening queries, each once, for a run that does not exist. */
    @Override
    public void warm() {
        generation.countPending(NO_RUN, NO_RUN, 0);
        generation.pending(NO_RUN, NO_RUN, 0, 0L, 0, 1, 1);
        scoring.countUnscored(NO_RUN, "");
        scoring.unscored(NO_RUN, "", 0L, 0, 1, 1);
    }
}
