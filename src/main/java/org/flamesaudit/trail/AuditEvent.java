package org.flamesaudit.trail;

import java.time.Instant;

/** An entry of the audit log: a change to a score (a review), a schedule or an account. */
public sealed interface AuditEvent permits ReviewEvent, ScheduleChange, UserChange {

    Instant at();

    String user();
}
