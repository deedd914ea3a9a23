package org.flamesaudit.scoring;

/** Why an answer has no score from its scorer; stored with every UNSCORABLE verdict. */
public enum UnscorableReason {
    /** The judge's own provider blocked the judge request (its safety system; the raw message is the rationale). */
    JUDGE_BLOCKED,
    /** The scorer could not be reached after its retries; a restart of the run scores the answer again. */
    SCORER_FAILED,
    /** The scorer answered, but no verdict could be read from it (no JSON object, no score field...). */
    UNREADABLE_VERDICT,
    /**
     * The scorer's output gives more than one different score (a verdict and a correction, a JSON score and another in
     * the prose after it): which one the judge meant cannot be read, so none is taken.
     */
    CONFLICTING_VERDICTS,
    /** The verdict is a score the item's dimension does not allow (a 2 for Legality, a 5). */
    SCORE_NOT_ALLOWED,
    /** An imported score file has no score for the answer. */
    NOT_IN_IMPORT,
    /**
     * The run's scorers disagree and its decision rule ({@link DecisionRule#MAJORITY}, {@link DecisionRule#UNANIMOUS})
     * decides nothing: the item waits for a reviewer, whose score then counts.
     */
    SCORERS_DISAGREE
}
