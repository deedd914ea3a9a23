package org.flamesaudit.reporting;

import java.time.Instant;

/**
 * One human review of a run's score, as the workbook lists it: every review is kept (append-only {@code score_review}),
 * so an item reviewed twice has two rows.
 *
 * @param lineNumber    line of the prompt in the imported prompt file
 * @param dimension     the prompt's dimension label
 * @param scorerValue   the run's scorer's own score (null when its verdict was not SCORED)
 * @param scorerStatus  the scorer's verdict status (SCORED, UNSCORABLE)
 * @param previousValue the score that counted before this review (the scorer's, or an earlier review's)
 * @param newValue      the reviewer's score (1, 2 or 3)
 * @param reviewer      the reviewer's account
 * @param reviewedAt    when the review was stored
 * @param justification the reviewer's mandatory justification
 */
public record ReviewRow(int lineNumber, String dimension, Integer scorerValue, String scorerStatus,
                        Integer previousValue, int newValue, String reviewer, Instant reviewedAt, String justification) {

    /** The JPQL projection of {@code ScoreReview r} joined with its {@code Prompt p} onto this record. */
    static final String SELECT = "select new org.flamesaudit.reporting.ReviewRow(p.lineNumber, p.dimension, "
            + "r.machineValue, r.machineStatus, r.previousValue, r.newValue, r.reviewer, r.createdAt, r.justification) "
            + "from ScoreReview r, Prompt p where p.id = r.promptId and r.runId = :run order by r.id";

    /** Whether the reviewer gave another score than the run's scorer (an UNSCORABLE verdict scored counts). */
    public boolean changesTheScorersVerdict() {
        return org.flamesaudit.metrics.ScoredItem.changes(scorerValue, newValue);
    }
}
