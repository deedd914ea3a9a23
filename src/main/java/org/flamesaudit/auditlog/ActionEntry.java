package org.flamesaudit.auditlog;

import org.flamesaudit.actionlog.ActionRecord;

import java.time.Instant;

/** An accounted action ({@link org.flamesaudit.actionlog.Action}: a run started, stopped or restarted, a dataset
 * imported, a report rendered or downloaded) as an entry of the audit log. */
public record ActionEntry(ActionRecord record) implements AuditEvent {

    @Override
    public Instant at() {
        return record.getAt();
    }

    @Override
    public String user() {
        return record.getUsername();
    }
}
