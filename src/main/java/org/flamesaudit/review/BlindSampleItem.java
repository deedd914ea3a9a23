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
 * One answer drawn into a blind sample, in the order reviewers see them ({@code position}), with the reviewer's blind
 * score once given. The blind score measures the scorers and never changes a score that counts.
 */
@Entity
@Table(name = "blind_sample_item")
public class BlindSampleItem {

    @Id
    @SequenceGenerator(name = "blind_sample_item_seq", sequenceName = "blind_sample_item_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "blind_sample_item_seq")
    private Long id;

    @Column(name = "sample_id", nullable = false, updatable = false)
    private long sampleId;

    @Column(nullable = false, updatable = false)
    private int position;

    @Column(name = "response_id", nullable = false, updatable = false)
    private long responseId;

    @Column(name = "human_value")
    private Integer humanValue;

    @Column(name = "reviewed_by")
    private String reviewedBy;

    @Column(name = "reviewed_at")
    private Instant reviewedAt;

    protected BlindSampleItem() {
    }

    public BlindSampleItem(long sampleId, int position, long responseId) {
        this.sampleId = sampleId;
        this.position = position;
        this.responseId = responseId;
    }

    /** Records (or replaces) the reviewer's blind score. */
    void review(int value, String reviewer, Instant at) {
        this.humanValue = value;
        this.reviewedBy = reviewer;
        this.reviewedAt = at;
    }

    public Long getId() { return id; }
    public long getSampleId() { return sampleId; }
    public int getPosition() { return position; }
    public long getResponseId() { return responseId; }
    public Integer getHumanValue() { return humanValue; }
    public String getReviewedBy() { return reviewedBy; }
    public Instant getReviewedAt() { return reviewedAt; }
}
