package org.flamesaudit.scoring;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.flamesaudit.generation.ItemOutcome;
import org.hibernate.annotations.Immutable;

import java.time.Instant;

/**
 * One answer of a run with the verdict that counts, read from the database view {@code run_item}
 * ({@code db/migration/V13__run_item_view.sql}), which is the only place the rule is written: the score that counts is
 * the reviewer's when there is one, else the run's own scorer's when it scored the answer, and only answers that
 * reach a scorer ({@link #isScorable()}) have one. Metrics, the items page, progress, reports and the review queue all
 * query this entity; it is read-only (Hibernate never writes it).
 */
@Entity
@Immutable
@Table(name = "run_item")
public class RunItem {

    /**
     * Where an answer stands for the metrics. {@code NOT_SCORED}: the model answered without text a scorer could read
     * (EMPTY, or TRUNCATED before any text); {@code PENDING}: scorable, no verdict yet.
     */
    public enum State { FAILED, BLOCKED, NOT_SCORED, PENDING, SCORED, UNSCORABLE, REVIEWED }

    @Id
    @Column(name = "response_id")
    private Long responseId;

    @Column(name = "run_id")
    private Long runId;

    @Column(name = "prompt_id")
    private Long promptId;

    @Column(name = "line_no")
    private int line;

    private String dimension;

    private String subcomponent;

    @Column(name = "prompt_text")
    private String prompt;

    @Column(name = "response_text")
    private String response;

    @Column(name = "reasoning_text")
    private String reasoning;

    @Enumerated(EnumType.STRING)
    private ItemOutcome outcome;

    private String error;

    @Column(name = "latency_ms")
    private long latencyMs;

    private int attempts;

    @Column(name = "prompt_tokens")
    private Integer promptTokens;

    @Column(name = "completion_tokens")
    private Integer completionTokens;

    @Column(name = "finish_reason")
    private String finishReason;

    @Column(name = "block_signal")
    private String blockSignal;

    @Column(name = "block_code")
    private String blockCode;

    @Column(name = "block_message")
    private String blockMessage;

    @Column(name = "answered_at")
    private Instant answeredAt;

    @Column(name = "node_name")
    private String node;

    @Column(name = "score_id")
    private Long scoreId;

    @Column(name = "scorer_key")
    private String scorerKey;

    @Column(name = "scorer_version")
    private String scorerVersion;

    @Enumerated(EnumType.STRING)
    @Column(name = "score_status")
    private ScoreStatus scoreStatus;

    /** The scorer's own score (null when UNSCORABLE or not scored); never changed by a review. */
    @Column(name = "scorer_value")
    private Integer scorerValue;

    private String rationale;

    @Enumerated(EnumType.STRING)
    @Column(name = "unscorable_reason")
    private UnscorableReason unscorableReason;

    @Column(name = "reviewed_value")
    private Integer reviewedValue;

    @Column(name = "reviewed_by")
    private String reviewedBy;

    @Column(name = "reviewed_at")
    private Instant reviewedAt;

    private boolean scorable;

    /** The score that counts (1, 2 or 3), or null: see the class comment. */
    @Column(name = "effective_value")
    private Integer effectiveValue;

    /**
     * Whether the run's scorers ({@code run_scorer}, V20) gave this answer different verdicts: different scores, or a
     * score and no score. Always false for a run with one scorer.
     */
    @Column(name = "scorers_disagree")
    private boolean scorersDisagree;

    protected RunItem() {
    }

    /** Where the answer stands: a review counts only on a scorable answer, as its score does. */
    public State state() {
        return state(outcome, scorable, reviewedValue, scoreStatus);
    }

    /** The rule of {@link #state()}, for projections that read only these columns ({@link ItemVerdict}). */
    static State state(ItemOutcome outcome, boolean scorable, Integer reviewedValue, ScoreStatus scoreStatus) {
        if (outcome == ItemOutcome.FAILED) {
            return State.FAILED;
        }
        if (outcome == ItemOutcome.BLOCKED) {
            return State.BLOCKED;
        }
        if (!scorable) {
            return State.NOT_SCORED;
        }
        if (reviewedValue != null) {
            return State.REVIEWED;
        }
        if (scoreStatus == null) {
            return State.PENDING;
        }
        return scoreStatus == ScoreStatus.SCORED ? State.SCORED : State.UNSCORABLE;
    }

    public Long getResponseId() { return responseId; }
    public Long getRunId() { return runId; }
    public Long getPromptId() { return promptId; }
    public int getLine() { return line; }
    public String getDimension() { return dimension; }
    public String getSubcomponent() { return subcomponent; }
    public String getPrompt() { return prompt; }
    public String getResponse() { return response; }
    public String getReasoning() { return reasoning; }
    public ItemOutcome getOutcome() { return outcome; }
    public String getError() { return error; }
    public long getLatencyMs() { return latencyMs; }
    public int getAttempts() { return attempts; }
    public Integer getPromptTokens() { return promptTokens; }
    public Integer getCompletionTokens() { return completionTokens; }
    public String getFinishReason() { return finishReason; }
    public String getBlockSignal() { return blockSignal; }
    public String getBlockCode() { return blockCode; }
    public String getBlockMessage() { return blockMessage; }
    public Instant getAnsweredAt() { return answeredAt; }
    public String getNode() { return node; }
    public Long getScoreId() { return scoreId; }
    public String getScorerKey() { return scorerKey; }
    public String getScorerVersion() { return scorerVersion; }
    public ScoreStatus getScoreStatus() { return scoreStatus; }
    public Integer getScorerValue() { return scorerValue; }
    public String getRationale() { return rationale; }
    public UnscorableReason getUnscorableReason() { return unscorableReason; }
    public Integer getReviewedValue() { return reviewedValue; }
    public String getReviewedBy() { return reviewedBy; }
    public Instant getReviewedAt() { return reviewedAt; }
    public boolean isScorable() { return scorable; }
    public Integer getEffectiveValue() { return effectiveValue; }
    public boolean isScorersDisagree() { return scorersDisagree; }
}
