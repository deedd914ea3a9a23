package org.flamesaudit.auditlog;

import java.time.Instant;

/** An entry of the audit log: a change to a score (a review), a schedule, an account or an API key's registration,
 * a login (a wrong password, a wait, an unlock), an auditor's acceptance of a run's failed prompts, or an accounted
 * action (a run started, stopped or restarted, a dataset imported, a report rendered or downloaded). */
public sealed interface AuditEvent permits ReviewEvent, ScheduleChange, UserChange, KeyChange,
        LoginEntry, AcceptanceEntry, ActionEntry {

    Instant at();

    String user();
}
