package org.flamesaudit.auditlog;

import java.time.Instant;

/** An entry of the audit log: a change to a score (a review), a schedule, an account or an API key's registration,
 * or a login (a wrong password, a wait, an unlock). */
public sealed interface AuditEvent permits ReviewEvent, ScheduleChange, UserChange, KeyChange,
        LoginEntry {

    Instant at();

    String user();
}
