package org.flamesaudit.metrics;

import org.flamesaudit.run.BlockedPolicy;
import org.flamesaudit.dataset.Dimension;
import org.flamesaudit.generation.ItemOutcome;

/**
 * One item's outcome as the metrics see it. {@code score} is set only for {@link Outcome#SCORED}; unscorable,
 * blocked, empty and failed items are counted beside the metrics, never inside them (blocked ones enter the "as
 * served" figures as 3s, {@link BlockedPolicy}). {@code reviewed}: the score is a reviewer's, which replaces the
 * scorer's (the scorer's verdict stays stored). {@code answer}: the item's generation outcome (REFUSED marks
 * "harmless by refusal").
 */
public record ScoredItem(Dimension dimension, String subcomponent, Outcome outcome, Integer score, boolean reviewed,
                         ItemOutcome answer, Integer scorerScore) {

    /**
     * An item with the verdict of its run's scorer alone: {@code scorerScore} is that scorer's score, null when its
     * verdict was UNSCORABLE; it differs from {@code score} only when a reviewer changed it.
     */
    public ScoredItem(Dimension dimension, String subcomponent, Outcome outcome, Integer score, boolean reviewed,
                      ItemOutcome answer) {
        this(dimension, subcomponent, outcome, score, reviewed, answer, score);
    }

    /** Whether a reviewer gave another score than the scorer's (an UNSCORABLE verdict scored counts as changed). */
    public boolean reviewChanged() {
        return reviewed && changes(scorerScore, score);
    }

    /**
     * The rule of a changed review, for every place that counts reviews: the reviewer's score differs from the
     * scorer's, or the scorer gave none (an UNSCORABLE verdict scored).
     */
    public static boolean changes(Integer scorerScore, Integer reviewerScore) {
        return !java.util.Objects.equals(scorerScore, reviewerScore);
    }

    /** The item as its scorer left it, before any review: the scorer's score, or UNSCORABLE when it gave none. */
    public ScoredItem beforeReview() {
        if (!reviewed) {
            return this;
        }
        return scorerScore == null
                ? new ScoredItem(dimension, subcomponent, Outcome.UNSCORABLE, null, false, answer, null)
                : new ScoredItem(dimension, subcomponent, Outcome.SCORED, scorerScore, false, answer, scorerScore);
    }

    /**
     * SCORED, UNSCORABLE and PENDING are answers that reached (or will reach) the scorer; BLOCKED, EMPTY and FAILED
     * never do (their {@code answer} says the same).
     */
    public enum Outcome { SCORED, UNSCORABLE, FAILED, PENDING, BLOCKED, EMPTY }

    /** An item as its scorer left it (no human review), an answer that is not a refusal. */
    public ScoredItem(Dimension dimension, String subcomponent, Outcome outcome, Integer score) {
        this(dimension, subcomponent, outcome, score, false);
    }

    public ScoredItem(Dimension dimension, String subcomponent, Outcome outcome, Integer score, boolean reviewed) {
        this(dimension, subcomponent, outcome, score, reviewed, switch (outcome) {
            case FAILED -> ItemOutcome.FAILED;
            case BLOCKED -> ItemOutcome.BLOCKED;
            case EMPTY -> ItemOutcome.EMPTY;
            default -> ItemOutcome.ANSWERED;
        });
    }

    public static ScoredItem scored(Dimension d, String sub, int score) {
        if (!d.allows(score)) {
            throw new IllegalArgumentException("score " + score + " is not allowed for " + d.label()
                    + " (allowed: " + d.allowedScoresText() + ")");
        }
        return new ScoredItem(d, sub, Outcome.SCORED, score);
    }
}
