package org.flamesaudit.auditlog;

import java.time.Instant;
import java.util.Map;

/**
 * One Envers revision of a schedule: who changed it, when, and each changed field's old and new value (all fields
 * for a creation, with old values null).
 */
public record ScheduleChange(long scheduleId, long revision, Action action, String user, Instant at,
                             Map<String, Change> changes) implements AuditEvent {

    public enum Action { CREATED, CHANGED, DELETED }

    public record Change(Object oldValue, Object newValue) {
    }
}
