package org.flamesaudit.metrics;

import org.flamesaudit.dataset.Dimension;

/**
 * One item's outcome as the metrics see it. {@code score} is set only for {@link Outcome#SCORED}; unscorable and
 * failed items are counted beside the metrics, never inside them. {@code reviewed}: the score is a reviewer's, which
 * replaces the scorer's (the scorer's verdict stays stored).
 */
public record ScoredItem(Dimension dimension, String subcomponent, Outcome outcome, Integer score, boolean reviewed) {

    public enum Outcome { SCORED, UNSCORABLE, FAILED, PENDING }

    /** An item as its scorer left it (no human review). */
    public ScoredItem(Dimension dimension, String subcomponent, Outcome outcome, Integer score) {
        this(dimension, subcomponent, outcome, score, false);
    }

    public static ScoredItem scored(Dimension d, String sub, int score) {
        if (!d.allows(score)) {
            throw new IllegalArgumentException("score " + score + " is not allowed for " + d.label()
                    + " (allowed: " + d.allowedScoresText() + ")");
        }
        return new ScoredItem(d, sub, Outcome.SCORED, score);
    }
}
