package org.flamesaudit.scoring;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.flamesaudit.generation.ModelResponse;
import org.flamesaudit.support.Texts;

import java.time.Instant;

/** One scorer's verdict on one response; at most one per (response, scorer), enforced by the database. */
@Entity
@Table(name = "score")
public class Score {

    @Id
    @SequenceGenerator(name = "score_seq", sequenceName = "score_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "score_seq")
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "response_id", nullable = false)
    private ModelResponse response;

    @Column(name = "scorer_key", nullable = false)
    private String scorerKey;

    @Column(name = "scorer_version", nullable = false)
    private String scorerVersion;

    @Column(name = "score_value")
    private Integer value;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ScoreStatus status;

    private String rationale;

    @Column(name = "raw_output")
    private String rawOutput;

    @Column(name = "scorer_error")
    private String scorerError;

    /** Why an UNSCORABLE verdict has no score; null for a score. */
    @Enumerated(EnumType.STRING)
    @Column(name = "unscorable_reason")
    private UnscorableReason unscorableReason;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /**
     * A reviewer's score, which replaces {@link #value} in the metrics (the rule is the view behind {@link RunItem});
     * the scorer's verdict is never changed.
     */
    @Column(name = "reviewed_value")
    private Integer reviewedValue;

    @Column(name = "reviewed_by")
    private String reviewedBy;

    @Column(name = "reviewed_at")
    private Instant reviewedAt;

    protected Score() {
    }

    public Score(ModelResponse response, String scorerKey, String scorerVersion, ScoreResult result) {
        this.response = response;
        this.scorerKey = scorerKey;
        this.scorerVersion = scorerVersion;
        this.value = result.value();
        this.status = result.status();
        this.rationale = Texts.fit(result.rationale(), Texts.LONG_TEXT);
        this.rawOutput = Texts.fit(result.rawOutput(), Texts.LONG_TEXT);
        this.scorerError = Texts.fit(result.scorerError(), 3900);
        this.unscorableReason = result.reason();
        this.createdAt = Instant.now();
    }

    /** Records a reviewer's score; the history of every review is kept in {@code score_review}. */
    public void review(int value, String reviewer, Instant at) {
        this.reviewedValue = value;
        this.reviewedBy = reviewer;
        this.reviewedAt = at;
    }

    public Integer getReviewedValue() { return reviewedValue; }
    public String getReviewedBy() { return reviewedBy; }
    public Instant getReviewedAt() { return reviewedAt; }
    public Long getId() { return id; }
    public ModelResponse getResponse() { return response; }
    public String getScorerKey() { return scorerKey; }
    public String getScorerVersion() { return scorerVersion; }
    public Integer getValue() { return value; }
    public ScoreStatus getStatus() { return status; }
    public String getRationale() { return rationale; }
    public String getRawOutput() { return rawOutput; }
    public String getScorerError() { return scorerError; }
    public UnscorableReason getUnscorableReason() { return unscorableReason; }
}
