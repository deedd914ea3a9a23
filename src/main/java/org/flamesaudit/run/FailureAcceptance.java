package org.flamesaudit.run;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * An auditor's acceptance of the failed prompts of a COMPLETED_WITH_FAILURES run, as the audit log keeps it: who,
 * when, why, and the reason the run's completion was withheld. Append-only: the run's own acceptance fields describe
 * only its current completion and a restart clears them; this record stays (V19__failure_acceptance.sql).
 */
@Entity
@Table(name = "failure_acceptance")
public class FailureAcceptance {

    @Id
    @SequenceGenerator(name = "failure_acceptance_seq", sequenceName = "failure_acceptance_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "failure_acceptance_seq")
    private Long id;

    @Column(name = "run_id", nullable = false, updatable = false)
    private long runId;

    @Column(name = "accepted_by", nullable = false, updatable = false, length = 200)
    private String acceptedBy;

    @Column(name = "accepted_at", nullable = false, updatable = false)
    private Instant acceptedAt;

    @Column(nullable = false, updatable = false, length = 4000)
    private String justification;

    @Column(name = "withheld_reason", nullable = false, updatable = false, length = 4000)
    private String withheldReason;

    protected FailureAcceptance() {
    }

    FailureAcceptance(long runId, String acceptedBy, Instant acceptedAt, String justification, String withheldReason) {
        this.runId = runId;
        this.acceptedBy = acceptedBy;
        this.acceptedAt = acceptedAt;
        this.justification = justification;
        this.withheldReason = withheldReason;
    }

    public Long getId() { return id; }
    public long getRunId() { return runId; }
    public String getAcceptedBy() { return acceptedBy; }
    public Instant getAcceptedAt() { return acceptedAt; }
    public String getJustification() { return justification; }
    public String getWithheldReason() { return withheldReason; }
}
