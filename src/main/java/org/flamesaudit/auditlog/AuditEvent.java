package org.flamesaudit.auditlog;

import java.time.Instant;

/** An entry of the audit log: a change to a score (a review), a schedule, an account or an API key's registration,
 * a login (a wrong password, a wait, an unlock), or an auditor's acceptance of a run's failed prompts. */
public sealed interface AuditEvent permits ReviewEvent, ScheduleChange, UserChange, KeyChange,
        LoginEntry, AcceptanceEntry {

    Instant at();

    String user();
}
