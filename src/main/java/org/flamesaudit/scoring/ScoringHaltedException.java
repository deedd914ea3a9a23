package org.flamesaudit.scoring;

import org.flamesaudit.generation.RunHaltedException;

import java.util.List;

/**
 * The scorer's provider halted the run in the middle of a batch; {@code done} are the verdicts returned before it,
 * for the first {@code done.size()} items of the batch, which {@link ScoreItemWriter} stores before the run halts.
 */
public final class ScoringHaltedException extends RunHaltedException {

    private final transient List<ScoreResult> done;

    public ScoringHaltedException(String reason, List<ScoreResult> done) {
        super(reason);
        this.done = List.copyOf(done);
    }

    public List<ScoreResult> done() {
        return done;
    }
}
