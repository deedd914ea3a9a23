package org.flamesaudit.auditlog;

import org.flamesaudit.users.LoginEvent;

import java.time.Instant;

/**
 * A login entry of the audit log ({@link LoginEvent}): a wrong password, the wait it started, or an admin's unlock.
 * {@link #user()} is who acted: the admin for an unlock, else the account name that was tried.
 */
public record LoginEntry(LoginEvent event) implements AuditEvent {

    @Override
    public Instant at() {
        return event.getAt();
    }

    @Override
    public String user() {
        return event.getByUser() != null ? event.getByUser() : event.getUsername();
    }
}
