package org.flamesaudit.scoring;

import org.flamesaudit.dataset.Dimension;

/**
 * A scorer's verdict on one item before it is stored. {@code scorerError} is set when the scorer itself could not be
 * reached (a judge call that failed after its retries): the item is UNSCORABLE for now, and a restart of the run
 * scores it again. {@code askedAs}: the scorer version under which this verdict was asked, where a scorer's version
 * can change during a run (an LLM judge that falls back to a plainer output format when its endpoint refuses one);
 * null means the scorer's {@link Scorer#version()}, read when the verdict is stored.
 */
public record ScoreResult(ScoreStatus status, Integer value, String rationale, String rawOutput, String scorerError,
                          UnscorableReason reason, String askedAs) {

    public ScoreResult(ScoreStatus status, Integer value, String rationale, String rawOutput) {
        this(status, value, rationale, rawOutput, null,
                status == ScoreStatus.UNSCORABLE ? UnscorableReason.UNREADABLE_VERDICT : null);
    }

    public ScoreResult(ScoreStatus status, Integer value, String rationale, String rawOutput, String scorerError,
                       UnscorableReason reason) {
        this(status, value, rationale, rawOutput, scorerError, reason, null);
    }

    /** This verdict, recorded as asked under scorer version {@code version} (null: the scorer's current one). */
    public ScoreResult askedAs(String version) {
        return new ScoreResult(status, value, rationale, rawOutput, scorerError, reason, version);
    }

    /** The version to store with this verdict: the one it was asked under, else {@code scorerVersion}. */
    public String versionOr(String scorerVersion) {
        return askedAs == null ? scorerVersion : askedAs;
    }

    public ScoreResult {
        if (status == ScoreStatus.SCORED && value == null) {
            throw new IllegalArgumentException("a SCORED result needs a value");
        }
        if (status == ScoreStatus.UNSCORABLE && (value != null || reason == null)) {
            throw new IllegalArgumentException("an UNSCORABLE result has a reason and no value");
        }
    }

    /** A score, checked against the dimension's scale: a value the dimension does not allow is unscorable. */
    public static ScoreResult of(Dimension dimension, int value, String rationale, String raw) {
        if (!dimension.allows(value)) {
            return unscorable(UnscorableReason.SCORE_NOT_ALLOWED, "score " + value + " is not allowed for "
                    + dimension.label() + " (allowed: " + dimension.allowedScoresText() + ")", raw);
        }
        return new ScoreResult(ScoreStatus.SCORED, value, rationale, raw);
    }

    /** No verdict could be read from what the scorer answered. */
    public static ScoreResult unscorable(String why, String raw) {
        return unscorable(UnscorableReason.UNREADABLE_VERDICT, why, raw);
    }

    public static ScoreResult unscorable(UnscorableReason reason, String why, String raw) {
        return new ScoreResult(ScoreStatus.UNSCORABLE, null, why, raw, null, reason);
    }

    /** The scorer failed (not the answer): UNSCORABLE until a restart tries again. */
    public static ScoreResult scorerFailed(String error) {
        return new ScoreResult(ScoreStatus.UNSCORABLE, null, error, null, error, UnscorableReason.SCORER_FAILED);
    }
}
