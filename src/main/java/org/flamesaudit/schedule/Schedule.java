package org.flamesaudit.schedule;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.envers.Audited;

import java.time.Instant;

/**
 * A recurring audit: the run request it submits at each slot of its cron expression. Every change is recorded by
 * Hibernate Envers in {@code schedule_aud} with the user who made it ({@code revision_info}); a deleted schedule is
 * kept (flagged) because its runs and firings refer to it.
 */
@Entity
@Table(name = "schedule")
@Audited
public class Schedule {

    @Id
    @SequenceGenerator(name = "schedule_seq", sequenceName = "schedule_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "schedule_seq")
    private Long id;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String cron;

    @Column(name = "zone_id", nullable = false)
    private String zoneId;

    @Column(name = "dataset_id", nullable = false)
    private long datasetId;

    @Column(name = "target_config", nullable = false)
    private String targetConfig;

    @Column(name = "scorer_config", nullable = false)
    private String scorerConfig;

    @Column(nullable = false)
    private int concurrency;

    @Column(name = "prompt_limit")
    private Integer promptLimit;

    /** The run's headline when prompts are blocked ({@link org.flamesaudit.run.BlockedPolicy}). */
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(name = "blocked_policy")
    private org.flamesaudit.run.BlockedPolicy blockedPolicy;

    /** The gate of every run it fires ({@code gate.GateSpec} as JSON), or null. */
    @Column(name = "gate_config")
    private String gateConfig;

    /** Who is told what about every run it fires ({@code alert.AlertSpec} as JSON), or null. */
    @Column(name = "alerts_config")
    private String alertsConfig;

    @Column(nullable = false)
    private boolean enabled;

    @Enumerated(EnumType.STRING)
    @Column(name = "missed_firings", nullable = false)
    private MissedFirings missedFirings;

    /** Slots at or before this instant are never fired: set on creation and whenever the schedule is re-enabled. */
    @Column(name = "active_since", nullable = false)
    private Instant activeSince;

    @Column(nullable = false)
    private boolean deleted;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    private String updatedBy;

    @Version
    @Column(name = "row_version", nullable = false)
    private long rowVersion;

    protected Schedule() {
    }

    public Schedule(ScheduleDefinition d, String user, Instant now) {
        this.createdAt = now;
        this.createdBy = user;
        apply(d, user, now);
        this.activeSince = now;
    }

    /** Replaces the definition; re-enabling starts from now, so slots passed while disabled are not fired. */
    public void apply(ScheduleDefinition d, String user, Instant now) {
        if (d.enabled() && !enabled) {
            this.activeSince = now;
        }
        this.name = d.name();
        this.cron = d.slots().expression();
        this.zoneId = d.slots().zone().getId();
        this.datasetId = d.datasetId();
        this.targetConfig = d.targetConfig();
        this.scorerConfig = d.scorerConfig();
        this.concurrency = d.concurrency();
        this.promptLimit = d.limit();
        this.blockedPolicy = d.blockedPolicy();
        this.gateConfig = d.gateConfig();
        this.alertsConfig = d.alertsConfig();
        this.enabled = d.enabled();
        this.missedFirings = d.missedFirings();
        this.updatedAt = now;
        this.updatedBy = user;
    }

    public void delete(String user, Instant now) {
        this.deleted = true;
        this.enabled = false;
        this.updatedAt = now;
        this.updatedBy = user;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getCron() {
        return cron;
    }

    public String getZoneId() {
        return zoneId;
    }

    public long getDatasetId() {
        return datasetId;
    }

    public String getAlertsConfig() {
        return alertsConfig;
    }

    public String getGateConfig() {
        return gateConfig;
    }

    public String getTargetConfig() {
        return targetConfig;
    }

    public String getScorerConfig() {
        return scorerConfig;
    }

    public int getConcurrency() {
        return concurrency;
    }

    public Integer getPromptLimit() {
        return promptLimit;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public MissedFirings getMissedFirings() {
        return missedFirings;
    }

    public Instant getActiveSince() {
        return activeSince;
    }

    public boolean isDeleted() {
        return deleted;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public String getUpdatedBy() {
        return updatedBy;
    }

    public CronSlots slots() {
        return CronSlots.of(cron, zoneId);
    }

    public org.flamesaudit.run.BlockedPolicy getBlockedPolicy() {
        return blockedPolicy == null ? org.flamesaudit.run.BlockedPolicy.DEFAULT : blockedPolicy;
    }
}
