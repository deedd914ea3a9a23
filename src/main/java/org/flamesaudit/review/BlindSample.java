package org.flamesaudit.review;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/** A run's blind review sample ({@code blind_sample}, V21): one per run, drawn once with its seed. */
@Entity
@Table(name = "blind_sample")
public class BlindSample {

    @Id
    @SequenceGenerator(name = "blind_sample_seq", sequenceName = "blind_sample_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "blind_sample_seq")
    private Long id;

    @Column(name = "run_id", nullable = false, updatable = false)
    private long runId;

    @Column(nullable = false, updatable = false)
    private long seed;

    @Column(nullable = false, updatable = false)
    private int size;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected BlindSample() {
    }

    public BlindSample(long runId, long seed, int size, String createdBy, Instant createdAt) {
        this.runId = runId;
        this.seed = seed;
        this.size = size;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    public Long getId() { return id; }
    public long getRunId() { return runId; }
    public long getSeed() { return seed; }
    public int getSize() { return size; }
    public String getCreatedBy() { return createdBy; }
    public Instant getCreatedAt() { return createdAt; }
}
