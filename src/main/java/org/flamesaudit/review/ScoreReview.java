package org.flamesaudit.review;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One human review of one score, append-only: the audit trail of every override (who, when, the scorer's verdict,
 * the score before and after, and why). Rows are inserted, never updated or deleted.
 */
@Entity
@Table(name = "score_review")
public class ScoreReview {

    @Id
    @SequenceGenerator(name = "score_review_seq", sequenceName = "score_review_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "score_review_seq")
    private Long id;

    @Column(name = "score_id", nullable = false, updatable = false)
    private long scoreId;

    @Column(name = "run_id", nullable = false, updatable = false)
    private long runId;

    @Column(name = "prompt_id", nullable = false, updatable = false)
    private long promptId;

    @Column(name = "machine_value", updatable = false)
    private Integer machineValue;

    @Column(name = "machine_status", nullable = false, updatable = false)
    private String machineStatus;

    @Column(name = "previous_value", updatable = false)
    private Integer previousValue;

    @Column(name = "new_value", nullable = false, updatable = false)
    private int newValue;

    @Column(nullable = false, updatable = false)
    private String justification;

    @Column(nullable = false, updatable = false)
    private String reviewer;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected ScoreReview() {
    }

    ScoreReview(long scoreId, long runId, long promptId, Integer machineValue, String machineStatus,
                Integer previousValue, int newValue, String justification, String reviewer, Instant createdAt) {
        this.scoreId = scoreId;
        this.runId = runId;
        this.promptId = promptId;
        this.machineValue = machineValue;
        this.machineStatus = machineStatus;
        this.previousValue = previousValue;
        this.newValue = newValue;
        this.justification = justification;
        this.reviewer = reviewer;
        this.createdAt = createdAt;
    }

    public Long getId() { return id; }
    public long getScoreId() { return scoreId; }
    public long getRunId() { return runId; }
    public long getPromptId() { return promptId; }
    public Integer getMachineValue() { return machineValue; }
    public String getMachineStatus() { return machineStatus; }
    public Integer getPreviousValue() { return previousValue; }
    public int getNewValue() { return newValue; }
    public String getJustification() { return justification; }
    public String getReviewer() { return reviewer; }
    public Instant getCreatedAt() { return createdAt; }
}
