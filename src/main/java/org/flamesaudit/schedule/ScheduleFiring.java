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

import java.time.Instant;

/**
 * How one slot of a schedule was handled. The row is inserted (CLAIMED) before anything else happens; its unique
 * key (schedule_id, slot_epoch) lets exactly one node, once, claim a slot.
 */
@Entity
@Table(name = "schedule_firing")
public class ScheduleFiring {

    public enum Status {
        /** Claimed; the run is being created (a node that crashes here leaves the slot unfired, never fired twice). */
        CLAIMED,
        /** A run was started for this slot. */
        FIRED,
        /** A missed slot that the SKIP policy did not run. */
        SKIPPED,
        /** The run could not be created (e.g. the dataset was deleted or an API-key variable is no longer set). */
        FAILED
    }

    @Id
    @SequenceGenerator(name = "schedule_firing_seq", sequenceName = "schedule_firing_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "schedule_firing_seq")
    private Long id;

    @Column(name = "schedule_id", nullable = false)
    private long scheduleId;

    @Column(name = "slot_epoch", nullable = false)
    private long slotEpoch;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(name = "missed_slots", nullable = false)
    private int missedSlots;

    @Column(name = "run_id")
    private Long runId;

    @Column(name = "node_name", nullable = false)
    private String nodeName;

    @Column(name = "handled_at", nullable = false)
    private Instant handledAt;

    private String error;

    protected ScheduleFiring() {
    }

    ScheduleFiring(long scheduleId, Instant slot, Status status, int missedSlots, String nodeName, Instant now) {
        this.scheduleId = scheduleId;
        this.slotEpoch = slot.getEpochSecond();
        this.status = status;
        this.missedSlots = missedSlots;
        this.nodeName = nodeName;
        this.handledAt = now;
    }

    void fired(long runId) {
        this.status = Status.FIRED;
        this.runId = runId;
    }

    void linkRun(long runId) {
        this.runId = runId;
    }

    void failed(String error) {
        this.status = Status.FAILED;
        this.error = org.flamesaudit.support.Texts.fit(error, 3900);
    }

    public Long getId() {
        return id;
    }

    public long getScheduleId() {
        return scheduleId;
    }

    public Instant getSlot() {
        return Instant.ofEpochSecond(slotEpoch);
    }

    public Status getStatus() {
        return status;
    }

    public int getMissedSlots() {
        return missedSlots;
    }

    public Long getRunId() {
        return runId;
    }

    public String getNodeName() {
        return nodeName;
    }

    public Instant getHandledAt() {
        return handledAt;
    }

    public String getError() {
        return error;
    }
}
