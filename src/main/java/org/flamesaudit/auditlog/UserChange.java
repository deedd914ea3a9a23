package org.flamesaudit.auditlog;

import java.time.Instant;
import java.util.Map;

/**
 * One Envers revision of an account the admin manages: who changed it, when, and each changed field (roles,
 * enabled, when the password changed) with its old and new value. Never a password or its hash.
 */
public record UserChange(String username, long revision, ScheduleChange.Action action, String user, Instant at,
                         Map<String, ScheduleChange.Change> changes) implements AuditEvent {
}
