package org.flamesaudit.trail;

import java.time.Instant;

/** An entry of the audit log: a change to a score (a review) or to a schedule. */
public sealed interface AuditEvent permits ReviewEvent, ScheduleChange {

    Instant at();

    String user();
}
