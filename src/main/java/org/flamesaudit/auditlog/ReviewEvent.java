package org.flamesaudit.auditlog;

import org.flamesaudit.review.ScoreReview;

import java.time.Instant;

/**
 * A reviewer's change to a score, from the append-only review trail (it carries the justification), with the line of
 * the prompt file the prompt came from (the number the items page shows; null where the prompt is gone).
 */
public record ReviewEvent(ScoreReview review, Integer line) implements AuditEvent {

    @Override
    public Instant at() {
        return review.getCreatedAt();
    }

    @Override
    public String user() {
        return review.getReviewer();
    }
}
