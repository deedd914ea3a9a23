package org.flamesaudit.reporting;

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

/** One step of a report's sign-off ({@code report_signoff}, V25): written once, never changed. */
@Entity
@Table(name = "report_signoff")
public class SignOff {

    @Id
    @SequenceGenerator(name = "report_signoff_seq", sequenceName = "report_signoff_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "report_signoff_seq")
    private Long id;

    @Column(name = "run_id", nullable = false)
    private long runId;

    @Column(name = "report_id", nullable = false)
    private String reportId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private SignOffStep step;

    @Column(nullable = false)
    private String username;

    @Column(name = "signed_at", nullable = false)
    private Instant signedAt;

    private String comment;

    @Column(name = "node_name")
    private String nodeName;

    protected SignOff() {
    }

    public SignOff(long runId, String reportId, SignOffStep step, String username, Instant signedAt, String comment,
                   String nodeName) {
        this.runId = runId;
        this.reportId = reportId;
        this.step = step;
        this.username = username;
        this.signedAt = signedAt;
        this.comment = comment;
        this.nodeName = nodeName;
    }

    public Long getId() { return id; }
    public long getRunId() { return runId; }
    public String getReportId() { return reportId; }
    public SignOffStep getStep() { return step; }
    public String getUsername() { return username; }
    public Instant getSignedAt() { return signedAt; }
    public String getComment() { return comment; }
}
