package org.flamesaudit.scoring;

import org.flamesaudit.generation.ItemOutcome;

/**
 * What the metrics read of one {@link RunItem}: its place and its verdict, without its texts (the metrics are read
 * on every poll of a running audit, so loading every prompt, answer and rationale each time is waste). Selected with
 * {@link #SELECT}.
 */
public record ItemVerdict(String dimension, String subcomponent, ItemOutcome outcome, boolean scorable,
                          ScoreStatus scoreStatus, Integer reviewedValue, Integer effectiveValue,
                          Integer scorerValue) {

    /** The JPQL projection of a {@code RunItem i} onto this record. */
    public static final String SELECT = "select new org.flamesaudit.scoring.ItemVerdict(i.dimension, i.subcomponent, "
            + "i.outcome, i.scorable, i.scoreStatus, i.reviewedValue, i.effectiveValue, i.scorerValue)";

    /** Where the item stands, by the rule of {@link RunItem#state()}. */
    public RunItem.State state() {
        return RunItem.state(outcome, scorable, reviewedValue, scoreStatus);
    }
}
