package org.flamesaudit.auditlog;

import org.flamesaudit.run.FailureAcceptance;

import java.time.Instant;

/** An auditor's acceptance of a run's failed prompts ({@link FailureAcceptance}), as an entry of the audit log. */
public record AcceptanceEntry(FailureAcceptance acceptance) implements AuditEvent {

    @Override
    public Instant at() {
        return acceptance.getAcceptedAt();
    }

    @Override
    public String user() {
        return acceptance.getAcceptedBy();
    }
}
