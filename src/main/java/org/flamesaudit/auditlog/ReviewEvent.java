package org.flamesaudit.auditlog;

import org.flamesaudit.review.ScoreReview;

import java.time.Instant;

/** A reviewer's change to a score, from the append-only review trail (it carries the justification). */
public record ReviewEvent(ScoreReview review) implements AuditEvent {

    @Override
    public Instant at() {
        return review.getCreatedAt();
    }

    @Override
    public String user() {
        return review.getReviewer();
    }
}
