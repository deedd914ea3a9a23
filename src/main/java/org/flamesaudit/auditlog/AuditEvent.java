package org.flamesaudit.auditlog;

import java.time.Instant;

/** An entry of the audit log: a change to a score (a review), a schedule, an account or an API key's registration. */
public sealed interface AuditEvent permits ReviewEvent, ScheduleChange, UserChange, KeyChange {

    Instant at();

    String user();
}
