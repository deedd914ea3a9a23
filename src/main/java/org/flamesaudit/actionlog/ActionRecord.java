package org.flamesaudit.actionlog;

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

/** One accounted action (table {@code action_log}, V22): who, when, what, and the run, dataset or report it concerns. */
@Entity
@Table(name = "action_log")
public class ActionRecord {

    @Id
    @SequenceGenerator(name = "action_log_seq", sequenceName = "action_log_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "action_log_seq")
    private Long id;

    @Column(nullable = false, updatable = false)
    private Instant at;

    @Column(nullable = false, updatable = false)
    private String username;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private Action action;

    @Column(name = "run_id", updatable = false)
    private Long runId;

    @Column(name = "dataset_id", updatable = false)
    private Long datasetId;

    @Column(name = "rendering_id", updatable = false)
    private Long renderingId;

    @Column(updatable = false, length = 2000)
    private String detail;

    @Column(name = "node_name", updatable = false)
    private String nodeName;

    protected ActionRecord() {
    }

    ActionRecord(Instant at, String username, Action action, Long runId, Long datasetId, Long renderingId,
                 String detail, String nodeName) {
        this.at = at;
        this.username = username;
        this.action = action;
        this.runId = runId;
        this.datasetId = datasetId;
        this.renderingId = renderingId;
        this.detail = detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 1999) + "…";
        this.nodeName = nodeName;
    }

    public Long getId() { return id; }
    public Instant getAt() { return at; }
    public String getUsername() { return username; }
    public Action getAction() { return action; }
    public Long getRunId() { return runId; }
    public Long getDatasetId() { return datasetId; }
    public Long getRenderingId() { return renderingId; }
    public String getDetail() { return detail; }
    public String getNodeName() { return nodeName; }
}
