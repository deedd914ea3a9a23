package org.flamesaudit.scoring.training;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/** One set of embedded-scorer heads trained by the scorer-train job, with where its labels came from. */
@Entity
@Table(name = "scorer_heads")
public class TrainedHeads {

    public enum SourceKind { FILE, REVIEWS }

    public enum Status { TRAINING, READY, FAILED }

    @Id
    @SequenceGenerator(name = "scorer_heads_seq", sequenceName = "scorer_heads_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "scorer_heads_seq")
    private Long id;

    @Column(nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "source_kind", nullable = false)
    private SourceKind sourceKind;

    @Column(name = "source_file")
    private String sourceFile;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "job_execution_id")
    private Long jobExecutionId;

    @Column(name = "labeled_rows")
    private Integer labeledRows;

    @Column(name = "skipped_json")
    private String skippedJson;

    private String sha256;

    @Column(name = "heads_json")
    private String headsJson;

    private String error;

    protected TrainedHeads() {
    }

    TrainedHeads(String name, SourceKind kind, String sourceFile, String createdBy, Instant createdAt) {
        this.name = name;
        this.sourceKind = kind;
        this.sourceFile = sourceFile;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.status = Status.TRAINING;
    }

    void ready(int rows, String skippedJson, String sha256, String headsJson, Instant at) {
        this.status = Status.READY;
        this.labeledRows = rows;
        this.skippedJson = skippedJson;
        this.sha256 = sha256;
        this.headsJson = headsJson;
        this.finishedAt = at;
    }

    void failed(String error, String skippedJson, Instant at) {
        this.status = Status.FAILED;
        this.error = error;
        this.skippedJson = skippedJson;
        this.finishedAt = at;
    }

    void jobSubmitted(long execution) {
        this.jobExecutionId = execution;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public SourceKind getSourceKind() {
        return sourceKind;
    }

    public String getSourceFile() {
        return sourceFile;
    }

    public Status getStatus() {
        return status;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public Integer getLabeledRows() {
        return labeledRows;
    }

    public String getSkippedJson() {
        return skippedJson;
    }

    public String getSha256() {
        return sha256;
    }

    public String getHeadsJson() {
        return headsJson;
    }

    public String getError() {
        return error;
    }
}
